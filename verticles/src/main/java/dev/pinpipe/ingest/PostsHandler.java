package dev.pinpipe.ingest;

import dev.pinpipe.produce.OutgoingRecord;
import dev.pinpipe.produce.RecordResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /posts}: each post fanned out to the pin, geo and user topics. */
final class PostsHandler implements Handler<RoutingContext> {

  private final PostsCodec codec;
  private final TopicCatalog catalog;
  private final ProduceClient client;
  private final IngestMetrics metrics;

  PostsHandler(PostsCodec codec, TopicCatalog catalog, ProduceClient client, IngestMetrics metrics) {
    this.codec = codec;
    this.catalog = catalog;
    this.client = client;
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (EmbeddedFormat.fromContentType(contentType) != EmbeddedFormat.JSON) {
      throw ApiError.unsupportedMediaType(contentType).exception();
    }
    byte[] body = BodyReader.body(ctx);
    List<OutgoingRecord> records = codec.decode(body);
    List<Future<Integer>> topicsExist = codec.topics().stream().map(catalog::partitions).toList();
    Future.all(topicsExist)
        .compose(ok -> client.send(records))
        .onSuccess(results -> {
          metrics.records(records.size(), body.length);
          Responses.send(ctx.response(), Responses.status(results), Responses.postOffsets(records.size() / 3, byTopic(records, results)));
        })
        .onFailure(ctx::fail);
  }

  private static Map<String, List<RecordResult>> byTopic(List<OutgoingRecord> records, List<RecordResult> results) {
    Map<String, List<RecordResult>> byTopic = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      byTopic.computeIfAbsent(records.get(i).topic(), topic -> new ArrayList<>()).add(results.get(i));
    }
    return byTopic;
  }
}
