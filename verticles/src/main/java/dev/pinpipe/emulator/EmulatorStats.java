package dev.pinpipe.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What the emulator has done so far; read from any thread (progress bars, summaries). */
public final class EmulatorStats {

  private final AtomicLong started = new AtomicLong();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final Map<String, LongAdder> acknowledged = new ConcurrentHashMap<>();

  /** A snapshot: posts started, delivered (all three records acknowledged), failed, requests retried, records acknowledged per topic. */
  public record Snapshot(long started, long delivered, long failed, long retried, Map<String, Long> acknowledged) {
  }

  void started(long posts) {
    started.addAndGet(posts);
  }

  void delivered(long posts) {
    delivered.add(posts);
  }

  void failed(long posts) {
    failed.add(posts);
  }

  void retried() {
    retried.increment();
  }

  void acknowledged(String topic, long records) {
    acknowledged.computeIfAbsent(topic, name -> new LongAdder()).add(records);
  }

  public long delivered() {
    return delivered.sum();
  }

  public Snapshot snapshot() {
    Map<String, Long> records = new java.util.TreeMap<>();
    acknowledged.forEach((topic, count) -> records.put(topic, count.sum()));
    return new Snapshot(started.get(), delivered.sum(), failed.sum(), retried.sum(), records);
  }
}
