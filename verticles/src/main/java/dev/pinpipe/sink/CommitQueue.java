package dev.pinpipe.sink;

import io.vertx.core.Future;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The offsets waiting to be committed, merged per partition, at most one commit in flight. A
 * commit that fails is not lost: its offsets go back in the queue (unless a newer offset for the
 * partition is already there, or the partition has left this member) and are sent again with the
 * next commit, until Kafka takes them. Lives on the sink's event loop.
 */
final class CommitQueue {

  private static final Logger LOG = LoggerFactory.getLogger(CommitQueue.class);

  private final Function<Map<TopicPartition, OffsetAndMetadata>, Future<Void>> committer;
  private final Map<TopicPartition, OffsetAndMetadata> queued = new LinkedHashMap<>();
  private boolean inFlight;
  private int failures;

  /** @param committer sends one commit to Kafka */
  CommitQueue(Function<Map<TopicPartition, OffsetAndMetadata>, Future<Void>> committer) {
    this.committer = committer;
  }

  void queue(TopicPartition partition, OffsetAndMetadata offset) {
    queued.put(partition, offset);
  }

  /** The partition left this member: its queued offset is not ours to commit any more. */
  void drop(TopicPartition partition) {
    queued.remove(partition);
  }

  boolean isEmpty() {
    return queued.isEmpty();
  }

  /**
   * Sends what is queued, unless a commit is in flight or nothing is queued; the future holds
   * the offsets Kafka took (empty when nothing was sent or the commit failed and was requeued).
   *
   * @param stillOwned whether a partition is still this member's when the commit returns
   */
  Future<Map<TopicPartition, OffsetAndMetadata>> send(java.util.function.Predicate<TopicPartition> stillOwned) {
    if (inFlight || queued.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    Map<TopicPartition, OffsetAndMetadata> batch = new HashMap<>(queued);
    queued.clear();
    inFlight = true;
    return committer.apply(batch).transform(done -> {
      inFlight = false;
      if (done.succeeded()) {
        if (failures > 0) {
          LOG.atInfo().addKeyValue("failedAttempts", failures).log("offset commits succeed again");
          failures = 0;
        }
        return Future.succeededFuture(batch);
      }
      failures++;
      batch.forEach((partition, offset) -> {
        if (stillOwned.test(partition)) {
          queued.putIfAbsent(partition, offset);
        }
      });
      LOG.atWarn().addKeyValue("partitions", batch.keySet()).addKeyValue("attempt", failures)
          .addKeyValue("error", done.cause().toString())
          .log("offset commit failed; it is sent again with the next commit");
      return Future.succeededFuture(Map.of());
    });
  }
}
