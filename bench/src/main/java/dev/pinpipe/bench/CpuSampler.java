package dev.pinpipe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * CPU time per process from {@code /proc/<pid>/stat} (utime + stime, every thread of the
 * process) and of the whole machine from {@code /proc/stat}, so that what other work used the
 * cores during a phase shows too.
 */
final class CpuSampler {

  /** CPU seconds per process (in the order given), and of the whole machine, over one interval. */
  record Usage(Map<String, Double> seconds, double machineBusySeconds, double wallSeconds, int cores) {

    /** What processes other than the measured ones used; negative noise is clamped to zero. */
    double otherSeconds() {
      double ours = seconds.values().stream().filter(v -> !Double.isNaN(v)).mapToDouble(Double::doubleValue).sum();
      return Math.max(0, machineBusySeconds - ours);
    }

    /** Percent of all the cores over the interval. */
    double percent(double cpuSeconds) {
      return 100.0 * cpuSeconds / (wallSeconds * cores);
    }
  }

  record Snapshot(long nanoTime, Map<String, Long> ticks, long machineBusyTicks) {
  }

  private final Map<String, Long> pids;
  private final long ticksPerSecond;
  private final int cores;

  /** @param pids process label to pid, e.g. server, broker, driver; a null pid is reported as n/a */
  CpuSampler(Map<String, Long> pids) {
    this.pids = pids;
    this.ticksPerSecond = clockTicks();
    this.cores = Runtime.getRuntime().availableProcessors();
  }

  int cores() {
    return cores;
  }

  Snapshot take() {
    Map<String, Long> ticks = new LinkedHashMap<>();
    pids.forEach((name, pid) -> ticks.put(name, pid == null ? -1 : processTicks(pid)));
    return new Snapshot(System.nanoTime(), ticks, machineBusyTicks());
  }

  Usage between(Snapshot before, Snapshot after) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    before.ticks().forEach((name, start) -> {
      long end = after.ticks().getOrDefault(name, -1L);
      seconds.put(name, start < 0 || end < 0 ? Double.NaN : (end - start) / (double) ticksPerSecond);
    });
    double machine = before.machineBusyTicks() < 0 || after.machineBusyTicks() < 0
        ? Double.NaN
        : (after.machineBusyTicks() - before.machineBusyTicks()) / (double) ticksPerSecond;
    return new Usage(seconds, machine, (after.nanoTime() - before.nanoTime()) / 1e9, cores);
  }

  /** utime + stime of every thread of the process, in clock ticks; -1 when it is gone. */
  static long processTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name (field 2) may hold spaces: the fields after it start past the last ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
      // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Busy ticks of all cores (user, nice, system, irq, softirq, steal); -1 without /proc/stat. */
  private static long machineBusyTicks() {
    try {
      String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] fields = first.trim().split(" +");
      long busy = 0;
      int[] busyFields = {1, 2, 3, 6, 7, 8};
      for (int field : busyFields) {
        if (field < fields.length) {
          busy += Long.parseLong(fields[field]);
        }
      }
      return busy;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static long clockTicks() {
    try {
      Process process = new ProcessBuilder(List.of("getconf", "CLK_TCK")).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes()).trim();
      if (process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 0) {
        return Long.parseLong(out);
      }
    } catch (IOException | RuntimeException e) {
      // fall through to the Linux default
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 100;
  }

  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" +");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }
}
