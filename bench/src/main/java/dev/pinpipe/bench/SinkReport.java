package dev.pinpipe.bench;

import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** The sink benchmark's report: Markdown tables to paste into docs/PERFORMANCE.md, then the raw numbers. */
final class SinkReport {

  private static final int THREAD_GROUPS = 8;

  private SinkReport() {
  }

  static String render(SinkBenchmark bench) {
    StringBuilder md = new StringBuilder();
    md.append("### S3 sink benchmark").append(bench.label() == null ? "" : ": " + bench.label())
        .append(" (").append(bench.startedAt())
        .append(bench.revision() == null ? "" : ", sink at " + bench.revision()).append(")\n\n");
    md.append(String.format(Locale.ROOT, "One JVM (%s) on %d cores: embedded broker, embedded S3 (S3Proxy on the filesystem), "
        + "the sink and the driver. CPU is the whole process's (and %% of all cores); *CPU other* is what the rest of the machine "
        + "used meanwhile (from /proc/stat, a lower bound).%s%n%n", SinkBenchmark.jvm(), bench.cores(),
        (bench.discardedRuns() == 0 ? "" : " " + bench.discardedRuns() + " run(s) of phase A were thrown away and run again because "
            + "other processes took CPU meanwhile.")
            + (bench.noisyRuns() == 0 ? "" : " **" + bench.noisyRuns() + " run(s) kept although other processes were busy (see CPU other).**")));
    if (!bench.rawRuns().isEmpty()) {
      throughput(bench, md);
    }
    if (bench.latencyResult() != null) {
      latency(bench.latencyResult(), md);
    }
    raw(bench, md);
    return md.toString();
  }

  private static void throughput(SinkBenchmark bench, StringBuilder md) {
    TopicFill.Filled filled = bench.filled();
    RawConsume.Result raw = median(bench.rawRuns(), RawConsume.Result::recordsPerSecond);
    md.append(String.format(Locale.ROOT, "Throughput: a topic of %d partitions pre-filled with %,d pin records (values of %.0f bytes on "
            + "average, lz4 batches from the service's producer settings) in %.1f s. Then %d round(s), each: a plain KafkaConsumer with "
            + "the sink's consumer settings reads it all; then at each flush.size the sink copies it all (`sink.partitioner=daily`, "
            + "`sink.rotate-interval-ms=%d`, other settings their defaults, a fresh group and bucket each), and the same number of "
            + "objects of that size are PUT to S3 straight, no Kafka, with the sink's S3 client. "
            + "Sink time: from deploying the verticle until every partition's last written object ends at the topic's end offset. "
            + "Each row is the median run of its path (all runs in the last column); ratios are of medians. "
            + "MB = 10^6 bytes (objects written; for the raw consumer, values read).%n%n",
        bench.partitions(), filled.records(), filled.meanValueBytes(), filled.seconds(), bench.repeat(), bench.rotateIntervalMs()));
    md.append("| path | flush.size | seconds | records/s | MB/s | sink / raw | objects | upload mean / max ms | "
        + "uploads in flight per partition | CPU | CPU other | peak heap | GC | all runs, records/s |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    md.append(String.format(Locale.ROOT, "| raw KafkaConsumer | | %.2f | %,.0f | %.1f | | | | | %s | %s | %s | %s | %s |%n",
        raw.seconds(), raw.recordsPerSecond(), raw.valueBytes() / raw.seconds() / 1e6,
        cpu(raw.usage()), other(raw.usage()), heap(raw.usage()), gc(raw.usage()), rates(bench.rawRuns(), RawConsume.Result::recordsPerSecond)));
    bench.sinkRuns().forEach((flushSize, runs) -> {
      SinkThroughput.Result run = median(runs, SinkThroughput.Result::recordsPerSecond);
      md.append(String.format(Locale.ROOT, "| sink | %,d | %.2f | %,.0f | %.1f | **%.2f** | %,d | %.1f / %.0f | %.2f | %s | %s | %s | %s | %s |%n",
          flushSize, run.seconds(), run.recordsPerSecond(), run.megabytesPerSecond(), run.recordsPerSecond() / raw.recordsPerSecond(),
          run.objects(), run.uploadMeanMs(), run.uploadMaxMs(), run.uploadBusySeconds() / (bench.partitions() * run.seconds()),
          cpu(run.usage()), other(run.usage()), heap(run.usage()), gc(run.usage()), rates(runs, SinkThroughput.Result::recordsPerSecond)));
    });
    bench.s3Runs().forEach((flushSize, runs) -> {
      S3PutBaseline.Result put = median(runs, S3PutBaseline.Result::recordsPerSecond);
      md.append(String.format(Locale.ROOT, "| S3 PUTs alone, no Kafka | %,d | %.2f | %,.0f | %.1f | | %,d | %.1f mean | | %s | %s | %s | %s | %s |%n",
          flushSize, put.seconds(), put.recordsPerSecond(), put.megabytesPerSecond(), put.objects(), put.putMeanMs(),
          cpu(put.usage()), other(put.usage()), heap(put.usage()), gc(put.usage()), rates(runs, S3PutBaseline.Result::recordsPerSecond)));
    });
    md.append(String.format(Locale.ROOT, "%n*Uploads in flight per partition*: the sink's upload timer summed over all objects, divided by "
        + "partitions × seconds: the mean number of PUTs of a partition in flight. The S3 PUTs alone run %d streams of PUTs, each "
        + "one PUT at a time (partitions × the sink's uploads per partition). *Peak heap*: the most heap in use, sampled every "
        + "50 ms (garbage included).%n%n", bench.s3Streams()));
    md.append("CPU by thread group in the median runs (seconds; Java threads by name with digits blanked; the VM's JIT compiler, "
        + "GC and other threads from /proc/self/task):\n\n");
    md.append("| path | top thread groups |\n|---|---|\n");
    md.append("| raw KafkaConsumer | ").append(threads(raw.usage())).append(" |\n");
    bench.sinkRuns().forEach((flushSize, runs) -> md.append("| sink, flush.size ").append(flushSize).append(" | ")
        .append(threads(median(runs, SinkThroughput.Result::recordsPerSecond).usage())).append(" |\n"));
    bench.s3Runs().forEach((flushSize, runs) -> md.append("| S3 PUTs alone, ").append(flushSize).append(" records per object | ")
        .append(threads(median(runs, S3PutBaseline.Result::recordsPerSecond).usage())).append(" |\n"));
    md.append("\nTarget sink / raw ≥ ").append(String.format(Locale.ROOT, "%.2f", SinkBenchmark.RATIO_TARGET)).append(":\n\n");
    bench.sinkRuns().forEach((flushSize, runs) -> {
      double sink = median(runs, SinkThroughput.Result::recordsPerSecond).recordsPerSecond();
      double ratio = sink / raw.recordsPerSecond();
      String s3 = bench.s3Runs().containsKey(flushSize)
          ? String.format(Locale.ROOT, "; the sink reaches %.2f of the S3 PUTs alone",
              sink / median(bench.s3Runs().get(flushSize), S3PutBaseline.Result::recordsPerSecond).recordsPerSecond())
          : "";
      md.append(String.format(Locale.ROOT, "- flush.size %,d: %.2f, %s%s%n", flushSize, ratio,
          ratio >= SinkBenchmark.RATIO_TARGET ? "met" : "**missed**", s3));
    });
    md.append('\n');
  }

  /** The median run by {@code rate} (of an even count, the upper one). */
  static <T> T median(List<T> runs, ToDoubleFunction<T> rate) {
    List<T> sorted = runs.stream().sorted(Comparator.comparingDouble(rate)).toList();
    return sorted.get(sorted.size() / 2);
  }

  private static <T> String rates(List<T> runs, ToDoubleFunction<T> rate) {
    return runs.stream().map(run -> String.format(Locale.ROOT, "%,.0f", rate.applyAsDouble(run))).collect(Collectors.joining(", "));
  }

  private static void latency(LatencyRun.Result result, StringBuilder md) {
    LatencyRun.Plan plan = result.plan();
    md.append(String.format(Locale.ROOT, "End-to-end latency: ingestion (PinpipeRuntime, roles ingest and fan-out, in this JVM) under "
            + "an open loop of %d-record requests at %,.0f records/s over %d connections, %s s of warm-up then %s s measured; "
            + "the sink with `sink.flush-size=%d` and `sink.rotate-interval-ms=%d`. Per record: the time its object became "
            + "visible in S3 (the sink's listener, after the PUT) minus the time its request's 200 arrived, for every record "
            + "answered in the measured window. An object is written once it holds flush.size records or is rotate.interval.ms "
            + "old, so the wait for the cut is bounded by min(flush.size / per-partition rate, rotate.interval.ms).%n%n",
        plan.recordsPerRequest(), plan.recordsPerSecond(), plan.connections(), IngestBenchmark.fmt(plan.warmupSeconds()),
        IngestBenchmark.fmt(plan.durationSeconds()), plan.flushSize(), plan.rotateIntervalMs()));
    md.append("| rate, records/s (achieved) | flush.size | rotate.interval.ms | records | min ms | p50 ms | p90 ms | p99 ms | max ms | "
        + "objects | HTTP p50 / p99 ms | CPU | CPU other |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    md.append(String.format(Locale.ROOT, "| %,.0f (%,.0f) | %,d | %,d | %,d | %.0f | %.0f | %.0f | **%.0f** | %.0f | %,d | %.1f / %.1f | %s | %s |%n",
        plan.recordsPerSecond(), result.achievedRecordsPerSecond(), plan.flushSize(), plan.rotateIntervalMs(),
        result.latencies().records(), result.minMillis(), result.millis(50), result.millis(90), result.millis(99), result.maxMillis(), result.objects(),
        result.http().millis(50), result.http().millis(99), cpu(result.usage()), other(result.usage())));
    md.append(String.format(Locale.ROOT, "%nHTTP non-200 / errors: %d / %d; records visible before their 200 arrived: %d; "
            + "never visible: %d%s.%n%n", result.http().non200.sum(), result.http().errors.sum(),
        result.latencies().visibleBeforeAnswer(), result.latencies().neverVisible(), result.allVisible() ? "" : " (**not all visible**)"));
    md.append("CPU by thread group (seconds): ").append(threads(result.usage())).append("\n\n");
  }

  private static void raw(SinkBenchmark bench, StringBuilder md) {
    md.append("Raw numbers:\n\n```\n");
    for (SinkBenchmark.Span span : bench.spans()) {
      md.append(String.format(Locale.ROOT, "span name=\"%s\" from=%s to=%s%n", span.name(),
          span.from().truncatedTo(ChronoUnit.MILLIS), span.to().truncatedTo(ChronoUnit.MILLIS)));
    }
    if (bench.filled() != null) {
      TopicFill.Filled filled = bench.filled();
      md.append(String.format(Locale.ROOT, "fill topic=%s records=%d value_bytes=%d seconds=%.3f end_offsets=%s %s%n", filled.topic(),
          filled.records(), filled.valueBytes(), filled.seconds(), filled.endOffsets().values(), usage(bench.fillUsage())));
    }
    for (RawConsume.Result raw : bench.rawRuns()) {
      md.append(String.format(Locale.ROOT, "raw records=%d value_bytes=%d seconds=%.3f first_record_s=%.3f records_per_s=%.1f checksum=%d %s%n",
          raw.records(), raw.valueBytes(), raw.seconds(), raw.firstRecordSeconds(), raw.recordsPerSecond(), raw.checksum(),
          usage(raw.usage())));
    }
    bench.sinkRuns().values().stream().flatMap(List::stream).forEach(run -> md.append(String.format(Locale.ROOT,
        "sink flush_size=%d rotate_interval_ms=%d bucket=%s records=%d bytes=%d seconds=%.3f "
            + "first_object_s=%.3f records_per_s=%.1f mb_per_s=%.2f objects=%d uploads=%d upload_mean_ms=%.2f upload_max_ms=%.2f "
            + "upload_total_s=%.2f tail_flushes=%d s3_bytes_on_disk=%d undeploy_s=%.3f %s%n",
        run.flushSize(), run.rotateIntervalMs(), run.bucket(), run.records(), run.bytes(), run.seconds(), run.firstObjectSeconds(),
        run.recordsPerSecond(), run.megabytesPerSecond(), run.objects(), run.uploads(), run.uploadMeanMs(), run.uploadMaxMs(),
        run.uploadBusySeconds(), run.tailFlushes(), run.s3BytesOnDisk(), run.undeploySeconds(), usage(run.usage()))));
    bench.s3Runs().values().stream().flatMap(List::stream).forEach(put -> md.append(String.format(Locale.ROOT,
        "s3_put records_per_object=%d objects=%d bytes=%d seconds=%.3f records_per_s=%.1f mb_per_s=%.2f put_mean_ms=%.2f %s%n",
        put.recordsPerObject(), put.objects(), put.bytes(), put.seconds(), put.recordsPerSecond(), put.megabytesPerSecond(),
        put.putMeanMs(), usage(put.usage()))));
    LatencyRun.Result latency = bench.latencyResult();
    if (latency != null) {
      LatencyRun.Plan plan = latency.plan();
      md.append(String.format(Locale.ROOT, "latency rate=%.1f achieved=%.1f batch=%d connections=%d flush_size=%d rotate_interval_ms=%d "
              + "records=%d min_ms=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f p999_ms=%.1f max_ms=%.1f mean_ms=%.1f objects=%d "
              + "http_p50_ms=%.2f http_p99_ms=%.2f http_max_ms=%.2f non200=%d errors=%d early=%d missing=%d drained=%s all_visible=%s "
              + "send_lag_p99_ms=%.2f measured_from=%s %s%n",
          plan.recordsPerSecond(), latency.achievedRecordsPerSecond(), plan.recordsPerRequest(), plan.connections(), plan.flushSize(),
          plan.rotateIntervalMs(), latency.latencies().records(), latency.minMillis(), latency.millis(50), latency.millis(90), latency.millis(99),
          latency.millis(99.9), latency.maxMillis(),
          latency.latencies().micros().getTotalCount() == 0 ? Double.NaN : latency.latencies().micros().getMean() / 1000.0,
          latency.objects(), latency.http().millis(50), latency.http().millis(99), latency.http().maxMillis(),
          latency.http().non200.sum(), latency.http().errors.sum(), latency.latencies().visibleBeforeAnswer(),
          latency.latencies().neverVisible(), latency.drained(), latency.allVisible(), latency.http().sendLagMillis(99),
          latency.measuredFrom().truncatedTo(ChronoUnit.MILLIS), usage(latency.usage())));
    }
    md.append("```\n");
  }

  private static String usage(ProcessMeter.Usage usage) {
    CpuSampler.Usage cpu = usage.cpu();
    return String.format(Locale.ROOT, "cpu_process_s=%.2f cpu_machine_s=%.2f cpu_wall_s=%.3f peak_heap_mib=%d gc_count=%d gc_s=%.3f threads=\"%s\"",
        usage.processSeconds(), cpu.machineBusySeconds(), cpu.wallSeconds(), usage.peakHeapBytes() >> 20, usage.gcCount(),
        usage.gcSeconds(), usage.threadGroupSeconds().entrySet().stream()
            .filter(entry -> entry.getValue() >= 0.01)
            .map(entry -> String.format(Locale.ROOT, "%s=%.2f", entry.getKey(), entry.getValue()))
            .collect(Collectors.joining(" ")));
  }

  private static String cpu(ProcessMeter.Usage usage) {
    double seconds = usage.processSeconds();
    return Double.isNaN(seconds) ? "n/a" : String.format(Locale.ROOT, "%.1f s (%.0f%%)", seconds, usage.cpu().percent(seconds));
  }

  /** What the rest of the machine used meanwhile (from /proc/stat, sampled at clock ticks: a lower bound). */
  private static String other(ProcessMeter.Usage usage) {
    CpuSampler.Usage cpu = usage.cpu();
    if (Double.isNaN(cpu.machineBusySeconds())) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.1f s (%.0f%%)", cpu.otherSeconds(), cpu.percent(cpu.otherSeconds()));
  }

  private static String heap(ProcessMeter.Usage usage) {
    return String.format(Locale.ROOT, "%,d MiB", usage.peakHeapBytes() >> 20);
  }

  private static String gc(ProcessMeter.Usage usage) {
    return String.format(Locale.ROOT, "%d, %.2f s", usage.gcCount(), usage.gcSeconds());
  }

  private static String threads(ProcessMeter.Usage usage) {
    List<Map.Entry<String, Double>> top = usage.threadGroupSeconds().entrySet().stream().limit(THREAD_GROUPS).toList();
    return top.stream().map(entry -> String.format(Locale.ROOT, "`%s` %.1f", entry.getKey(), entry.getValue()))
        .collect(Collectors.joining(", "));
  }
}
