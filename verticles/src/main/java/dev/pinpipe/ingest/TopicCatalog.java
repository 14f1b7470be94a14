package dev.pinpipe.ingest;

import io.vertx.core.Future;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Topic metadata for validating requests before anything is sent: partition counts are cached
 * per topic and refreshed after {@link #REFRESH_MS}. Confined to one verticle's event loop.
 */
final class TopicCatalog {

  static final long REFRESH_MS = 30_000;

  private record Entry(Future<Integer> partitions, long fetchedAt) {
  }

  private final KafkaAdminClient admin;
  private final Map<String, Entry> partitions = new HashMap<>();

  TopicCatalog(KafkaAdminClient admin) {
    this.admin = admin;
  }

  /** Partition count; fails with 404 40401 for a missing topic, 503 50302 when Kafka does not answer. */
  Future<Integer> partitions(String topic) {
    long now = System.currentTimeMillis();
    Entry entry = partitions.get(topic);
    if (entry != null && (!entry.partitions().isComplete() || now - entry.fetchedAt() < REFRESH_MS)) {
      return entry.partitions();
    }
    Future<Integer> fetched = describe(topic).map(description -> description.getPartitions().size());
    partitions.put(topic, new Entry(fetched, now));
    fetched.onFailure(error -> partitions.remove(topic));
    if (entry != null && entry.partitions().succeeded()) {
      // Serve the last known count while refreshing, unless the refresh says the topic is gone.
      return fetched.recover(error -> error instanceof ApiException ? Future.failedFuture(error) : entry.partitions());
    }
    return fetched;
  }

  Future<TopicDescription> describe(String topic) {
    return admin.describeTopics(java.util.List.of(topic))
        .map(descriptions -> descriptions.get(topic))
        .recover(error -> Future.failedFuture(translate(topic, error)));
  }

  Future<Set<String>> names() {
    return admin.listTopics().recover(error -> Future.failedFuture(translate(null, error)));
  }

  Future<Void> close() {
    return admin.close();
  }

  private static Throwable translate(String topic, Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && !(cause instanceof UnknownTopicOrPartitionException)) {
      cause = cause.getCause();
    }
    if (cause instanceof UnknownTopicOrPartitionException && topic != null) {
      return ApiError.topicNotFound(topic).exception();
    }
    return ApiError.kafkaUnavailable(cause.getClass().getSimpleName() + ": " + cause.getMessage()).exception();
  }
}
