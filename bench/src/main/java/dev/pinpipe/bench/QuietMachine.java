package dev.pinpipe.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Waits, before a measured run, until other processes leave the cores alone: everything here
 * shares the machine's cores, so a build or a test run beside the benchmark takes CPU from it.
 * Quiet means that over {@link #WINDOW} the rest of the machine used less than a given share of
 * one core.
 */
final class QuietMachine {

  private static final Duration WINDOW = Duration.ofSeconds(2);

  private final CpuSampler cpu = new CpuSampler(Map.of("process", ProcessHandle.current().pid()));
  private final double maxOtherCores;
  private final Duration maxWait;
  private final PrintStream console;
  private int noisyRuns;

  /** @param maxOtherCores at most this many cores busy outside this process; 0 or less: never wait */
  QuietMachine(double maxOtherCores, Duration maxWait, PrintStream console) {
    this.maxOtherCores = maxOtherCores;
    this.maxWait = maxWait;
    this.console = console;
  }

  /** Returns once the machine is quiet, or after the longest wait (then says so). */
  void await(String before) throws InterruptedException {
    if (maxOtherCores <= 0) {
      return;
    }
    long deadline = System.nanoTime() + maxWait.toNanos();
    boolean told = false;
    while (true) {
      CpuSampler.Snapshot from = cpu.take();
      Thread.sleep(WINDOW.toMillis());
      CpuSampler.Usage usage = cpu.between(from, cpu.take());
      double otherCores = usage.otherSeconds() / usage.wallSeconds();
      if (Double.isNaN(otherCores) || otherCores < maxOtherCores) {
        if (told) {
          console.printf(Locale.ROOT, "    quiet now (others %.2f cores)%n", otherCores);
        }
        return;
      }
      if (System.nanoTime() > deadline) {
        noisyRuns++;
        console.printf(Locale.ROOT, "    the machine is still busy (others %.2f cores) after %d s: measuring %s anyway%n",
            otherCores, maxWait.toSeconds(), before);
        return;
      }
      if (!told) {
        console.printf(Locale.ROOT, "    waiting for other processes to leave the cores (%.2f cores busy outside this JVM) before %s...%n",
            otherCores, before);
        told = true;
      }
    }
  }

  /** Runs that started on a busy machine after the longest wait. */
  int noisyRuns() {
    return noisyRuns;
  }
}
