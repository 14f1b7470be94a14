package dev.pinpipe.bench;

import dev.pinpipe.contracts.RawKeys;

import dev.pinpipe.contracts.RawLayout;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The offset ranges of the objects the sink has written, per partition, and when each was
 * written. Objects of one partition may be written in any order (several uploads in flight), so
 * ranges are kept by their start offset (from the object's key) and "written up to" is the
 * contiguous prefix from offset 0: the topics of the benchmark start empty, read by fresh groups.
 * A key names the object's first written record; the benchmark's values are all valid JSON (no
 * record goes to the dead-letter topic instead), so that is the object's first offset.
 * Thread-safe: the sink's listener adds, the driver reads.
 */
final class WrittenRanges {

  /** One written object: offsets {@code [start, next)}, written at {@code nanos} ({@link System#nanoTime()}). */
  private record Range(long start, long next, long nanos) {
  }

  private final Map<TopicPartition, TreeMap<Long, Range>> byPartition = new HashMap<>();
  private final Map<TopicPartition, Long> prefix = new HashMap<>();
  private long objects;

  /** Adds an object from its key (which names its first offset) and the offset after it. */
  synchronized void add(TopicPartition partition, String key, long nextOffset, long nanos) {
    long start = RawKeys.parse(key).map(RawKeys.ObjectName::startOffset)
        .orElseThrow(() -> new IllegalStateException("not an object key of the sink: " + key));
    TreeMap<Long, Range> ranges = byPartition.computeIfAbsent(partition, p -> new TreeMap<>());
    ranges.put(start, new Range(start, nextOffset, nanos));
    objects++;
    long written = prefix.getOrDefault(partition, 0L);
    for (Range next = ranges.get(written); next != null; next = ranges.get(written)) {
      written = next.next();
    }
    prefix.put(partition, written);
  }

  /** Every offset below this is in a written object. */
  synchronized long writtenUpTo(TopicPartition partition) {
    return prefix.getOrDefault(partition, 0L);
  }

  /** When the object holding {@code offset} was written, or -1 if it has not been. */
  synchronized long writtenAt(TopicPartition partition, long offset) {
    TreeMap<Long, Range> ranges = byPartition.get(partition);
    Map.Entry<Long, Range> floor = ranges == null ? null : ranges.floorEntry(offset);
    return floor != null && offset < floor.getValue().next() ? floor.getValue().nanos() : -1;
  }

  synchronized long objects() {
    return objects;
  }
}
