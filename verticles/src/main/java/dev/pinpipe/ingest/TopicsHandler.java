package dev.pinpipe.ingest;

import dev.pinpipe.config.IngestSettings;
import io.vertx.ext.web.RoutingContext;

import io.vertx.kafka.client.common.Node;
import io.vertx.kafka.client.common.TopicPartitionInfo;

import java.util.List;
import java.util.Set;

/** {@code GET /topics} and {@code GET /topics/{topic}} in the REST Proxy v2 shapes. */
final class TopicsHandler {

  private final IngestSettings settings;
  private final TopicCatalog catalog;

  TopicsHandler(IngestSettings settings, TopicCatalog catalog) {
    this.settings = settings;
    this.catalog = catalog;
  }

  /** The topics a client may produce to: those in Kafka that the allow-list accepts. */
  void list(RoutingContext ctx) {
    catalog.names()
        .onSuccess(names -> {
          List<String> allowed = names.stream().filter(settings::topicAllowed).sorted().toList();
          Responses.send(ctx.response(), 200, Responses.write(generator -> {
            generator.writeStartArray();
            for (String name : allowed) {
              generator.writeString(name);
            }
            generator.writeEndArray();
          }));
        })
        .onFailure(ctx::fail);
  }

  void describe(RoutingContext ctx) {
    String topic = ctx.pathParam("topic");
    if (!settings.topicAllowed(topic)) {
      throw ApiError.topicNotFound(topic).exception();
    }
    catalog.describe(topic)
        .onSuccess(description -> Responses.send(ctx.response(), 200, Responses.write(generator -> {
          generator.writeStartObject();
          generator.writeStringField("name", description.getName());
          generator.writeObjectFieldStart("configs");
          generator.writeEndObject();
          generator.writeArrayFieldStart("partitions");
          for (TopicPartitionInfo partition : description.getPartitions()) {
            generator.writeStartObject();
            generator.writeNumberField("partition", partition.getPartition());
            generator.writeNumberField("leader", partition.getLeader() == null ? -1 : partition.getLeader().getId());
            generator.writeArrayFieldStart("replicas");
            Set<Integer> inSync = partition.getIsr().stream().map(Node::getId).collect(java.util.stream.Collectors.toSet());
            for (Node replica : partition.getReplicas()) {
              generator.writeStartObject();
              generator.writeNumberField("broker", replica.getId());
              generator.writeBooleanField("leader", partition.getLeader() != null && partition.getLeader().getId() == replica.getId());
              generator.writeBooleanField("in_sync", inSync.contains(replica.getId()));
              generator.writeEndObject();
            }
            generator.writeEndArray();
            generator.writeEndObject();
          }
          generator.writeEndArray();
          generator.writeEndObject();
        })))
        .onFailure(ctx::fail);
  }

}
