package dev.pinpipe.ingest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Topic metadata for validating requests before anything is sent, shared by every ingest
 * instance of a process: partition counts are cached per topic and fetched again once older
 * than {@link #REFRESH_MS}, keeping the last known count while Kafka does not answer.
 */
public final class TopicCatalog {

  static final long REFRESH_MS = 30_000;

  private record Entry(int partitions, long fetchedAt) {
  }

  private final Vertx vertx;
  private final KafkaAdminClient admin;
  private final Map<String, Entry> partitions = new ConcurrentHashMap<>();

  public TopicCatalog(Vertx vertx, KafkaAdminClient admin) {
    this.vertx = vertx;
    this.admin = admin;
  }

  /** Partition count; fails with 404 40401 for a missing topic, 503 50302 when Kafka does not answer. */
  Future<Integer> partitions(String topic) {
    Entry entry = partitions.get(topic);
    long now = System.currentTimeMillis();
    if (entry != null && now - entry.fetchedAt() < REFRESH_MS) {
      return Future.succeededFuture(entry.partitions());
    }
    Future<Integer> fetched = describe(topic).map(description -> {
      int count = description.getPartitions().size();
      partitions.put(topic, new Entry(count, now));
      return count;
    });
    if (entry == null) {
      return fetched;
    }
    // A known topic stays usable while Kafka is away (the producer decides then); a deleted one does not.
    return fetched.recover(error -> error instanceof ApiException api && api.error().errorCode() == 40401
        ? Future.failedFuture(error)
        : Future.succeededFuture(entry.partitions()));
  }

  Future<TopicDescription> describe(String topic) {
    return onCallerContext(admin.describeTopics(List.of(topic))
        .map(descriptions -> descriptions.get(topic))
        .recover(error -> Future.failedFuture(translate(topic, error))));
  }

  Future<Set<String>> names() {
    return onCallerContext(admin.listTopics().recover(error -> Future.failedFuture(translate(null, error))));
  }

  /** The admin client completes on its own context; the request goes on where it started. */
  private <T> Future<T> onCallerContext(Future<T> future) {
    Context caller = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    future.onComplete(result -> caller.runOnContext(v -> promise.handle(result)));
    return promise.future();
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
