package dev.pinpipe.sink;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The sink's Kafka consumer, with two guarantees vertx-kafka-client's own rebalance listener
 * cannot give (it only posts the news to the event loop and lets the rebalance go on):
 * <ul>
 *   <li>a rebalance waits, on the polling thread, until the sink has finished or stopped the
 *       uploads of the partitions it loses and has committed what was written, so the next owner
 *       never meets an upload of ours still in flight;</li>
 *   <li>a commit only covers partitions this member owns when it runs: one queued before a
 *       rebalance cannot overwrite the new owner's offsets.</li>
 * </ul>
 * Every method here runs on the polling thread, where the consumer may be used directly.
 */
final class SinkConsumer extends KafkaConsumer<byte[], byte[]> {

  private static final Logger LOG = LoggerFactory.getLogger(SinkConsumer.class);

  /** What the sink does when partitions come and go; called on the polling thread, may block. */
  interface Rebalance {
    /**
     * New partitions, already paused: the sink resumes each once it knows where to start (it asks
     * Kafka and S3 asynchronously, so no failure here can leave a partition owned but stalled).
     * {@code generation}: the group generation of this assignment.
     */
    void assigned(Set<TopicPartition> partitions, int generation);

    /** Stops work on the partitions and returns the offsets now safe to commit for them. */
    Map<TopicPartition, OffsetAndMetadata> revoked(Set<TopicPartition> partitions);

    /** The partitions are already someone else's: stop, commit nothing. */
    void lost(Set<TopicPartition> partitions);
  }

  private final Rebalance rebalance;

  SinkConsumer(Map<String, Object> config, Rebalance rebalance) {
    super(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.rebalance = rebalance;
  }

  @Override
  public void subscribe(Pattern pattern, ConsumerRebalanceListener listener) {
    super.subscribe(pattern, new Listener(listener));
  }

  @Override
  public void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
    super.subscribe(topics, new Listener(listener));
  }

  @Override
  public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
    Set<TopicPartition> owned = assignment();
    Map<TopicPartition, OffsetAndMetadata> ours = offsets.entrySet().stream()
        .filter(entry -> owned.contains(entry.getKey()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    if (!ours.isEmpty()) {
      super.commitSync(ours);
    }
  }

  private final class Listener implements ConsumerRebalanceListener {
    private final ConsumerRebalanceListener vertxListener;

    Listener(ConsumerRebalanceListener vertxListener) {
      this.vertxListener = vertxListener;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        pause(partitions);
        rebalance.assigned(Set.copyOf(partitions), groupMetadata().generationId());
      }
      vertxListener.onPartitionsAssigned(partitions);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        Map<TopicPartition, OffsetAndMetadata> written = rebalance.revoked(Set.copyOf(partitions));
        try {
          if (!written.isEmpty()) {
            commitSync(written);
          }
        } catch (RuntimeException e) {
          // Safe to lose: the next owner deletes the uncommitted objects and writes them again.
          LOG.atWarn().addKeyValue("offsets", written).addKeyValue("error", e.toString())
              .log("could not commit the revoked partitions' written offsets");
        }
      }
      vertxListener.onPartitionsRevoked(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        rebalance.lost(Set.copyOf(partitions));
      }
      vertxListener.onPartitionsRevoked(partitions);
    }
  }
}
