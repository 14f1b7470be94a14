package dev.pinpipe.jobs;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** The job's progress, one line per step on standard output (logs go to standard error). */
final class Progress {

  private final PrintStream out;
  private final long startNanos = System.nanoTime();

  Progress(PrintStream out) {
    this.out = out;
  }

  void step(String format, Object... args) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    out.printf(Locale.ROOT, "[%7.1fs] %s%n", seconds, String.format(Locale.ROOT, format, args));
    out.flush();
  }

  /** Runs {@code work} and returns how long it took. */
  static Duration timed(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
