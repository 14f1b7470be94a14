package dev.pinpipe.sink;

import io.vertx.core.Future;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CommitQueueTest {

  private static final TopicPartition P0 = new TopicPartition("t", 0);
  private static final TopicPartition P1 = new TopicPartition("t", 1);

  private final List<Map<TopicPartition, OffsetAndMetadata>> sent = new ArrayList<>();
  private int failuresLeft;

  private final CommitQueue queue = new CommitQueue(batch -> {
    sent.add(batch);
    return failuresLeft-- > 0 ? Future.failedFuture("coordinator not available") : Future.succeededFuture();
  });

  @Test
  void aCommitThatFailsIsSentAgainUntilKafkaTakesIt() {
    failuresLeft = 1;
    queue.queue(P0, new OffsetAndMetadata(10));

    Map<TopicPartition, OffsetAndMetadata> first = queue.send(partition -> true).result();
    Map<TopicPartition, OffsetAndMetadata> second = queue.send(partition -> true).result();

    assertThat(first).isEmpty();
    assertThat(second).containsEntry(P0, new OffsetAndMetadata(10));
    assertThat(sent).hasSize(2);
    assertThat(queue.isEmpty()).isTrue();
  }

  @Test
  void aNewerOffsetQueuedMeanwhileWinsOverTheFailedOne() {
    failuresLeft = 1;
    queue.queue(P0, new OffsetAndMetadata(10));
    queue.send(partition -> true);
    queue.queue(P0, new OffsetAndMetadata(20));

    assertThat(queue.send(partition -> true).result()).containsEntry(P0, new OffsetAndMetadata(20));
  }

  @Test
  void aFailedOffsetOfAPartitionThatLeftIsNotSentAgain() {
    failuresLeft = 1;
    queue.queue(P0, new OffsetAndMetadata(10));
    queue.queue(P1, new OffsetAndMetadata(5));

    queue.send(partition -> partition.equals(P1));

    assertThat(queue.send(partition -> true).result()).containsOnlyKeys(P1);
  }
}
