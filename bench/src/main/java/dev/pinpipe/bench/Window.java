package dev.pinpipe.bench;

import java.util.concurrent.TimeUnit;

/**
 * The time line of one phase: load starts now, is measured from the end of the warm-up until
 * the end of the measured duration, and no new request starts after that.
 */
final class Window {

  final long start;
  final long measureFrom;
  final long measureTo;

  Window(double warmupSeconds, double durationSeconds) {
    this.start = System.nanoTime();
    this.measureFrom = start + nanos(warmupSeconds);
    this.measureTo = measureFrom + nanos(durationSeconds);
  }

  /** Whether a request may still start at {@code now}. */
  boolean open(long now) {
    return now < measureTo;
  }

  /** Whether a request completing at {@code now} counts. */
  boolean measured(long now) {
    return now >= measureFrom && now < measureTo;
  }

  double measuredSeconds() {
    return (measureTo - measureFrom) / 1e9;
  }

  static void sleepUntil(long nanoTime) throws InterruptedException {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(left, 100_000_000L));
    }
  }

  private static long nanos(double seconds) {
    return (long) (seconds * 1e9);
  }
}
