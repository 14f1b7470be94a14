package dev.pinpipe.sink;

import io.vertx.core.Context;
import io.vertx.core.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Where an assigned partition stands in Kafka: its topic's ID, the group's committed offset and
 * watermark, and the log start. Asked with the admin client, off the polling thread, so a slow or
 * failing broker delays one partition instead of the whole rebalance.
 */
final class PartitionAssignments {

  private static final Logger LOG = LoggerFactory.getLogger(PartitionAssignments.class);

  private PartitionAssignments() {
  }

  static Future<PartitionScan.Assignment> fetch(Admin admin, Context context, String group, TopicPartition partition, int generation) {
    Future<String> topicId = bridge(context, admin.describeTopics(List.of(partition.topic())).allTopicNames())
        .map(descriptions -> descriptions.get(partition.topic()).topicId().toString());
    Future<Map<TopicPartition, OffsetAndMetadata>> committed = bridge(context, admin.listConsumerGroupOffsets(
            Map.of(group, new ListConsumerGroupOffsetsSpec().topicPartitions(List.of(partition))))
        .partitionsToOffsetAndMetadata(group));
    Future<Long> logStart = bridge(context, admin.listOffsets(Map.of(partition, OffsetSpec.earliest())).partitionResult(partition))
        .map(info -> info.offset());
    return Future.all(topicId, committed, logStart).map(all -> {
      OffsetAndMetadata offset = committed.result().get(partition);
      if (offset != null && DayCompletion.topicId(offset).filter(id -> !id.equals(topicId.result())).isPresent()) {
        LOG.atWarn().addKeyValue("partition", partition).addKeyValue("committedFor", DayCompletion.topicId(offset).get())
            .addKeyValue("topicId", topicId.result()).addKeyValue("offset", offset.offset())
            .log("the committed offset belongs to an earlier incarnation of the topic (deleted and recreated): ignoring it");
        offset = null;
      }
      return new PartitionScan.Assignment(partition, topicId.result(), group, UUID.randomUUID().toString(), generation,
          offset == null ? OptionalLong.empty() : OptionalLong.of(offset.offset()), DayCompletion.watermark(offset), logStart.result());
    });
  }

  private static <T> Future<T> bridge(Context context, KafkaFuture<T> future) {
    return Future.fromCompletionStage(future.toCompletionStage(), context);
  }
}
