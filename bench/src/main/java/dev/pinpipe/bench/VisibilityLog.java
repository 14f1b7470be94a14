package dev.pinpipe.bench;

import dev.pinpipe.sink.S3SinkVerticle;
import org.HdrHistogram.Histogram;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;

/**
 * The sink's {@link S3SinkVerticle.Listener} for the latency run: when each object became
 * visible in S3 ({@link System#nanoTime()} of the listener call, right after its PUT completed)
 * and which offsets it holds. A record became visible with the object that holds its offset.
 */
final class VisibilityLog implements S3SinkVerticle.Listener {

  /** Record latencies: visible time minus the 200 time, in microseconds. */
  record Latencies(Histogram micros, long records, long visibleBeforeAnswer, long neverVisible) {
  }

  private final String topic;
  private final WrittenRanges written = new WrittenRanges();

  VisibilityLog(String topic) {
    this.topic = topic;
  }

  @Override
  public void written(TopicPartition partition, String key, long nextOffset) {
    if (partition.topic().equals(topic)) {
      written.add(partition, key, nextOffset, System.nanoTime());
    }
  }

  long objects() {
    return written.objects();
  }

  /** Whether every record acknowledged in {@code acks} is in a written object. */
  boolean covers(AckLog acks) {
    for (Map.Entry<Integer, AckLog.Acks> partition : acks.byPartition().entrySet()) {
      if (partition.getValue().maxOffset() >= written.writtenUpTo(new TopicPartition(topic, partition.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Each acknowledged record's latency from its 200 to its object's visibility. */
  Latencies latencies(AckLog acks) {
    Histogram histogram = new Histogram(1, 3_600_000_000L, 3);
    long records = 0;
    long early = 0;
    long missing = 0;
    for (Map.Entry<Integer, AckLog.Acks> partition : acks.byPartition().entrySet()) {
      TopicPartition topicPartition = new TopicPartition(topic, partition.getKey());
      AckLog.Acks partitionAcks = partition.getValue();
      for (int i = 0; i < partitionAcks.size(); i++) {
        long visible = written.writtenAt(topicPartition, partitionAcks.offset(i));
        if (visible < 0) {
          missing++;
          continue;
        }
        long micros = (visible - partitionAcks.nanos(i)) / 1_000;
        if (micros < 0) {
          early++;
        }
        histogram.recordValue(Math.max(1, micros));
        records++;
      }
    }
    return new Latencies(histogram, records, early, missing);
  }
}
