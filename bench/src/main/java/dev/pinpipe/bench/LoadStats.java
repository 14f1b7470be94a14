package dev.pinpipe.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one phase measured: requests and records acknowledged, failures, and the latency of
 * every request completed inside the measured window (microseconds, HdrHistogram).
 */
final class LoadStats {

  private static final long MAX_LATENCY_MICROS = 300_000_000L;
  private static final int MAX_SAMPLES = 5;

  final Histogram latencyMicros = new ConcurrentHistogram(1, MAX_LATENCY_MICROS, 3);
  /**
   * Open loops only: how late the driver's timer started each request after it was due. Its own
   * delay, not the service's (waiting for a free pooled connection comes after, in the latency).
   */
  final Histogram sendLagMicros = new ConcurrentHistogram(1, MAX_LATENCY_MICROS, 3);
  final LongAdder okRequests = new LongAdder();
  final LongAdder okRecords = new LongAdder();
  final LongAdder non200 = new LongAdder();
  final LongAdder errors = new LongAdder();
  /** Everything answered, measured or not (warm-up and drain included). */
  final LongAdder completedTotal = new LongAdder();
  final List<String> failureSamples = new CopyOnWriteArrayList<>();
  private final AtomicInteger sampled = new AtomicInteger();
  /** The slowest request completed in each second of the measured window: when the stalls were. */
  private final AtomicLongArray maxMicrosBySecond;

  LoadStats(Window window) {
    this.maxMicrosBySecond = new AtomicLongArray((int) Math.ceil(window.measuredSeconds()) + 1);
  }

  /**
   * @param status HTTP status (200 = every record acknowledged), or -1 when no answer came
   */
  void complete(Window window, long startNanos, long endNanos, int records, int status, String failure) {
    completedTotal.increment();
    if (!window.measured(endNanos)) {
      return;
    }
    if (status == 200) {
      okRequests.increment();
      okRecords.add(records);
      long micros = Math.max(1, Math.min(MAX_LATENCY_MICROS, (endNanos - startNanos) / 1_000));
      latencyMicros.recordValue(micros);
      maxMicrosBySecond.accumulateAndGet((int) ((endNanos - window.measureFrom) / 1_000_000_000L), micros, Math::max);
    } else if (status > 0) {
      non200.increment();
    } else {
      errors.increment();
    }
    if (status != 200 && failure != null && sampled.getAndIncrement() < MAX_SAMPLES) {
      failureSamples.add((status > 0 ? "HTTP " + status + ": " : "") + failure);
    }
  }

  /** Open loops: a request due at {@code dueNanos} really started at {@code sentNanos}. */
  void sent(Window window, long dueNanos, long sentNanos) {
    if (window.measured(sentNanos)) {
      sendLagMicros.recordValue(Math.max(1, Math.min(MAX_LATENCY_MICROS, (sentNanos - dueNanos) / 1_000)));
    }
  }

  double sendLagMillis(double percentile) {
    return sendLagMicros.getTotalCount() == 0 ? Double.NaN : sendLagMicros.getValueAtPercentile(percentile) / 1000.0;
  }

  double millis(double percentile) {
    return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
  }

  /** The {@code count} seconds of the window with the slowest requests, e.g. {@code "+3s:88.1ms +9s:54.0ms"}. */
  String slowestSeconds(int count) {
    List<int[]> seconds = new ArrayList<>();
    for (int i = 0; i < maxMicrosBySecond.length(); i++) {
      seconds.add(new int[] {i, (int) Math.min(Integer.MAX_VALUE, maxMicrosBySecond.get(i))});
    }
    seconds.sort(Comparator.comparingInt((int[] second) -> second[1]).reversed());
    StringBuilder text = new StringBuilder();
    for (int[] second : seconds.subList(0, Math.min(count, seconds.size()))) {
      if (second[1] > 0) {
        text.append(text.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "+%ds:%.1fms", second[0], second[1] / 1000.0));
      }
    }
    return text.toString();
  }

  double maxMillis() {
    return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getMaxValue() / 1000.0;
  }
}
