package dev.pinpipe.ingest;

import dev.pinpipe.config.IngestSettings;
import dev.pinpipe.produce.OutgoingRecord;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** {@code POST /topics/{topic}} and {@code POST /topics/{topic}/partitions/{partition}}. */
final class ProduceHandler implements Handler<RoutingContext> {

  private final IngestSettings settings;
  private final RecordsCodec codec;
  private final TopicCatalog catalog;
  private final ProduceClient client;
  private final IngestMetrics metrics;

  ProduceHandler(IngestSettings settings, TopicCatalog catalog, ProduceClient client, IngestMetrics metrics) {
    this.settings = settings;
    this.codec = new RecordsCodec(settings.maxRecords());
    this.catalog = catalog;
    this.client = client;
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String topic = ctx.pathParam("topic");
    if (!settings.topicAllowed(topic)) {
      throw ApiError.topicNotFound(topic).exception();
    }
    Integer pathPartition = pathPartition(topic, ctx.pathParam("partition"));
    EmbeddedFormat format = EmbeddedFormat.fromContentType(ctx.request().getHeader("Content-Type"));
    byte[] body = BodyReader.body(ctx);
    List<OutgoingRecord> records = codec.decode(body, format, topic, pathPartition);
    catalog.partitions(topic)
        .compose(partitions -> checkPartitions(topic, records, partitions))
        .compose(client::send)
        .onSuccess(results -> {
          metrics.records(records.size(), body.length);
          Responses.send(ctx.response(), Responses.status(results), Responses.offsets(results));
        })
        .onFailure(ctx::fail);
  }

  private static Integer pathPartition(String topic, String partition) {
    if (partition == null) {
      return null;
    }
    try {
      return Integer.parseInt(partition);
    } catch (NumberFormatException e) {
      throw ApiError.partitionNotFound("Partition '" + partition + "' not found for topic " + topic).exception();
    }
  }

  private static Future<List<OutgoingRecord>> checkPartitions(String topic, List<OutgoingRecord> records, int partitions) {
    for (OutgoingRecord record : records) {
      Integer partition = record.partition();
      if (partition != null && (partition < 0 || partition >= partitions)) {
        return Future.failedFuture(ApiError.partitionNotFound("Partition " + partition + " not found for topic " + topic
            + "; it has partitions 0.." + (partitions - 1)).exception());
      }
    }
    return Future.succeededFuture(records);
  }
}
