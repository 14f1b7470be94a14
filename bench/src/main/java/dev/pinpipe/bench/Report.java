package dev.pinpipe.bench;

import dev.pinpipe.bench.IngestBenchmark.Phase;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The benchmark's report: Markdown tables to paste into docs/PERFORMANCE.md, then the raw numbers. */
final class Report {

  static final double THROUGHPUT_TARGET = 0.60;
  static final double P99_TARGET_MS = 50;

  private Report() {
  }

  static String render(IngestBenchmark bench, Map<String, Object> producer, double meanValueBytes, int batchBodyBytes) {
    List<Phase> phases = bench.phases();
    StringBuilder md = new StringBuilder();
    md.append("### Ingestion benchmark").append(bench.label() == null ? "" : ": " + bench.label())
        .append(" (").append(bench.startedAt())
        .append(bench.revision() == null ? "" : ", service at " + bench.revision()).append(")\n\n");
    md.append(String.format(Locale.ROOT,
        "Producer, both paths: `linger.ms=%s`, `batch.size=%s`, `compression.type=%s`, `acks=%s`, idempotent. "
            + "Pin values of %.0f bytes on average (a 100-record body: %,d bytes). "
            + "First every closed loop ran %s s unmeasured (JIT warm-up); then each phase: warm-up %s s, %s s measured. "
            + "CPU: seconds used in the measured window "
            + "(%% of all %d cores); *other* is what the rest of the machine used meanwhile (from /proc/stat, which "
            + "samples at clock ticks: a rough lower bound).%n%n",
        producer.get("linger.ms"), producer.get("batch.size"), producer.get("compression.type"), producer.get("acks"),
        meanValueBytes, batchBodyBytes, IngestBenchmark.fmt(bench.jitWarmupSeconds()),
        IngestBenchmark.fmt(bench.warmupSeconds()), IngestBenchmark.fmt(bench.durationSeconds()),
        bench.cores()));

    md.append("| shape | path | records/s | requests/s | p50 ms | p99 ms | HTTP / raw | CPU server | CPU broker | CPU driver | CPU other | non-200 / errors | load avg |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (Phase phase : phases) {
      if (phase.targetRecordsPerSecond() != null) {
        continue;
      }
      String ratio = "";
      if (phase.path().equals(IngestBenchmark.HTTP)) {
        ratio = raw(phases, phase.shape()).map(raw -> String.format(Locale.ROOT, "**%.2f**", phase.recordsPerSecond() / raw.recordsPerSecond()))
            .orElse("n/a");
      }
      md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %s | %s | %s | %s | %s | %s | %s | %d / %d | %s |%n",
          phase.shape(), phase.path(), phase.recordsPerSecond(), phase.requestsPerSecond(),
          ms(phase.stats().millis(50)), ms(phase.stats().millis(99)), ratio,
          cpu(phase, "server"), cpu(phase, "broker"), cpu(phase, "driver"), other(phase),
          phase.stats().non200.sum(), phase.stats().errors.sum(), phase.loadAverage()));
    }

    List<Phase> open = phases.stream().filter(p -> p.targetRecordsPerSecond() != null).toList();
    if (!open.isEmpty()) {
      md.append(String.format(Locale.ROOT, "%nLatency %s (open loop: requests at a fixed rate, latency counted from when each "
          + "was due; the raw producer at the same rate is the control):%n%n", bench.openLoopBasis()));
      md.append("| shape | path | target records/s | achieved records/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | p99 < 50 ms | CPU server | CPU broker | CPU driver | CPU other | non-200 / errors |\n");
      md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|\n");
      for (Phase phase : open) {
        LoadStats stats = phase.stats();
        md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d / %d |%n",
            phase.shape(), phase.path().equals(IngestBenchmark.HTTP_OPEN) ? "HTTP" : "raw producer (control)",
            phase.targetRecordsPerSecond(), phase.recordsPerSecond(),
            ms(stats.millis(50)), ms(stats.millis(90)), ms(stats.millis(99)), ms(stats.millis(99.9)), ms(stats.maxMillis()),
            stats.millis(99) < P99_TARGET_MS ? "yes" : "**no**",
            cpu(phase, "server"), cpu(phase, "broker"), cpu(phase, "driver"), other(phase),
            stats.non200.sum(), stats.errors.sum()));
      }
    }

    md.append("\nTargets:\n\n");
    Optional<Phase> httpBatch = phases.stream()
        .filter(p -> p.path().equals(IngestBenchmark.HTTP) && p.recordsPerRequest() > 1).findFirst();
    httpBatch.ifPresent(http -> raw(phases, http.shape()).ifPresent(raw -> {
      double ratio = http.recordsPerSecond() / raw.recordsPerSecond();
      md.append(String.format(Locale.ROOT, "- %s, HTTP / raw producer = %.2f (target ≥ %.2f): %s%n",
          http.shape(), ratio, THROUGHPUT_TARGET, ratio >= THROUGHPUT_TARGET ? "met" : "**missed**"));
    }));
    open.stream().filter(p -> p.path().equals(IngestBenchmark.HTTP_OPEN) && p.recordsPerRequest() > 1).findFirst().ifPresent(phase -> md.append(String.format(Locale.ROOT,
        "- %s %s, HTTP p99 = %s ms (target < %.0f ms): %s%n", phase.shape(), bench.openLoopBasis(),
        ms(phase.stats().millis(99)), P99_TARGET_MS, phase.stats().millis(99) < P99_TARGET_MS ? "met" : "**missed**")));

    md.append("\nRaw numbers:\n\n```\n");
    for (Phase phase : phases) {
      LoadStats stats = phase.stats();
      CpuSampler.Usage usage = phase.cpu();
      md.append(String.format(Locale.ROOT,
          "phase path=\"%s\" shape=\"%s\" records_per_request=%d clients=%d target_records_per_s=%s seconds=%.3f "
              + "ok_requests=%d ok_records=%d non200=%d errors=%d records_per_s=%.1f requests_per_s=%.1f "
              + "p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f mean_ms=%.3f "
              + "cpu_server_s=%.2f cpu_broker_s=%.2f cpu_driver_s=%.2f cpu_machine_s=%.2f cpu_wall_s=%.3f cores=%d "
              + "loadavg=\"%s\" drained=%s measured_from=%s slowest_seconds=\"%s\" send_lag_p99_ms=%.3f send_lag_max_ms=%.3f%n",
          phase.path(), phase.shape(), phase.recordsPerRequest(), phase.clients(),
          phase.targetRecordsPerSecond() == null ? "-" : String.format(Locale.ROOT, "%.1f", phase.targetRecordsPerSecond()),
          phase.seconds(), stats.okRequests.sum(), stats.okRecords.sum(), stats.non200.sum(), stats.errors.sum(),
          phase.recordsPerSecond(), phase.requestsPerSecond(),
          stats.millis(50), stats.millis(90), stats.millis(99), stats.millis(99.9), stats.maxMillis(),
          stats.latencyMicros.getTotalCount() == 0 ? Double.NaN : stats.latencyMicros.getMean() / 1000.0,
          usage.seconds().get("server"), usage.seconds().get("broker"), usage.seconds().get("driver"),
          usage.machineBusySeconds(), usage.wallSeconds(), usage.cores(), phase.loadAverage(), phase.drained(),
          phase.measuredFrom().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), stats.slowestSeconds(3),
          stats.sendLagMillis(99), stats.sendLagMicros.getTotalCount() == 0 ? Double.NaN : stats.sendLagMicros.getMaxValue() / 1000.0));
    }
    md.append("```\n");
    return md.toString();
  }

  private static Optional<Phase> raw(List<Phase> phases, String shape) {
    return phases.stream().filter(p -> p.path().equals(IngestBenchmark.RAW) && p.shape().equals(shape)).findFirst();
  }

  private static String cpu(Phase phase, String process) {
    Double seconds = phase.cpu().seconds().get(process);
    if (seconds == null || seconds.isNaN()) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.1f s (%.0f%%)", seconds, phase.cpu().percent(seconds));
  }

  private static String other(Phase phase) {
    double machine = phase.cpu().machineBusySeconds();
    if (Double.isNaN(machine)) {
      return "n/a";
    }
    double other = phase.cpu().otherSeconds();
    return String.format(Locale.ROOT, "%.1f s (%.0f%%)", other, phase.cpu().percent(other));
  }

  private static String ms(double millis) {
    if (Double.isNaN(millis)) {
      return "n/a";
    }
    return millis >= 100 ? String.format(Locale.ROOT, "%.0f", millis) : String.format(Locale.ROOT, "%.1f", millis);
  }
}
