package dev.pinpipe.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Runs a JVM to its end, echoing its output, and measures its wall time and peak resident memory. */
final class ChildJvm {

  /** How a child ran: its exit code, its last stdout line, its wall time and its peak RSS (VmHWM). */
  record Run(int exitCode, String lastLine, double seconds, long peakRssBytes) {
  }

  private ChildJvm() {
  }

  static Run run(List<String> command, Map<String, String> environment, PrintStream echo) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    long start = System.nanoTime();
    Process process = builder.start();
    AtomicLong peak = new AtomicLong();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    // VmHWM only grows, so the last sample before exit is within one period of the peak.
    sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(highWaterMark(process.pid()), Math::max), 0, 100, TimeUnit.MILLISECONDS);
    String last = "";
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        echo.println("    | " + line);
        if (!line.isBlank()) {
          last = line;
        }
      }
    }
    int exitCode = process.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    sampler.shutdownNow();
    return new Run(exitCode, last, seconds, peak.get());
  }

  private static long highWaterMark(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process has ended (or this is not Linux): keep the last sample.
    }
    return 0;
  }
}
