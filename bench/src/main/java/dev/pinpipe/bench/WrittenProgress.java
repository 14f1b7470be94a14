package dev.pinpipe.bench;

import dev.pinpipe.sink.S3SinkVerticle;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The sink's {@link S3SinkVerticle.Listener} for a throughput run: which offsets of each partition
 * are in written objects, how many objects, and when every partition was written up to the
 * topic's end offset. Called on the sink's event loop; read from the driver.
 */
final class WrittenProgress implements S3SinkVerticle.Listener {

  private final Map<TopicPartition, Long> ends;
  private final WrittenRanges written = new WrittenRanges();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile long firstWriteNanos = -1;
  private volatile long lastWriteNanos = -1;
  private volatile long doneNanos = -1;

  WrittenProgress(Map<TopicPartition, Long> ends) {
    this.ends = Map.copyOf(ends);
  }

  @Override
  public void written(TopicPartition partition, String key, long nextOffset) {
    long now = System.nanoTime();
    if (firstWriteNanos < 0) {
      firstWriteNanos = now;
    }
    lastWriteNanos = now;
    written.add(partition, key, nextOffset, now);
    if (doneNanos < 0 && mostBehind() == 0) {
      doneNanos = now;
      done.countDown();
    }
  }

  boolean await(long millis) throws InterruptedException {
    return done.await(millis, TimeUnit.MILLISECONDS);
  }

  /** Records of the topic not yet in the written prefix, in the partition furthest behind. */
  long mostBehind() {
    long most = 0;
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      most = Math.max(most, end.getValue() - Math.min(end.getValue(), written.writtenUpTo(end.getKey())));
    }
    return most;
  }

  long writtenRecords() {
    long total = 0;
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      total += Math.min(end.getValue(), written.writtenUpTo(end.getKey()));
    }
    return total;
  }

  long objects() {
    return written.objects();
  }

  long firstWriteNanos() {
    return firstWriteNanos;
  }

  long lastWriteNanos() {
    return lastWriteNanos;
  }

  long doneNanos() {
    return doneNanos;
  }
}
