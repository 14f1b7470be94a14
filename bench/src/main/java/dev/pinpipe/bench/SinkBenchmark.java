package dev.pinpipe.bench;

import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.KafkaSettings;
import dev.pinpipe.config.SinkSettings;
import dev.pinpipe.kafka.KafkaClientConfigs;
import io.vertx.core.Vertx;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * S3 sink benchmark, everything in this JVM: an embedded KRaft broker and the embedded S3
 * (S3Proxy on the filesystem) in a temporary directory, the real {@code S3SinkVerticle}, and the
 * load. Phase A (throughput): a topic pre-filled with pin records is read by a plain
 * {@code KafkaConsumer} with the sink's consumer settings (the baseline), then copied by the
 * sink at each flush size; the ratio sink / raw is the figure of merit. Phase B (latency): the
 * ingestion API in process ({@code PinpipeRuntime}, roles ingest and fan-out) under an open loop
 * at a fixed rate, and the time from each record's 200 until its object is visible in S3.
 */
@Command(name = "sink-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Benchmarks pinpipe's S3 sink against a raw KafkaConsumer, and its end-to-end latency, in one JVM.",
        "Kafka client settings come from the PINPIPE_KAFKA_* environment, as for `pinpipe serve`."})
public final class SinkBenchmark implements Callable<Integer> {

  static final double RATIO_TARGET = 0.50;
  private static final long SEED = 20261101L;

  @Option(names = "--records", paramLabel = "N", defaultValue = "1000000", description = "Records in the topic of phase A (default: ${DEFAULT-VALUE}).")
  long records;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "3", description = "Partitions of the topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--flush-sizes", paramLabel = "N,N", split = ",", defaultValue = "1000,10000",
      description = "sink.flush-size of each sink run of phase A (default: ${DEFAULT-VALUE}).")
  List<Integer> flushSizes;

  @Option(names = "--rotate-interval-ms", paramLabel = "MS", defaultValue = "600000",
      description = "sink.rotate-interval-ms in phase A: large, so that only flush.size cuts objects (default: ${DEFAULT-VALUE}).")
  long rotateIntervalMs;

  @Option(names = "--distinct-values", paramLabel = "N", defaultValue = "10000",
      description = "Distinct pin values the topic cycles through (default: ${DEFAULT-VALUE}).")
  int distinctValues;

  @Option(names = "--warmup-records", paramLabel = "N",
      description = "Before phase A, the raw consumer, the sink at each flush size and the S3 PUTs run once, unmeasured, over a"
          + " topic of this many records, so that the JIT compilers have compiled the hot code before the measured runs; 0: none"
          + " (default: as many as --records).")
  Long warmupRecords;

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "3",
      description = "Rounds of phase A's measured runs (raw consumer, then the sink and the S3 PUTs at each flush size); the report"
          + " gives the median of each (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--s3-baseline", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "After each sink run, PUT as many objects of that size straight to S3, no Kafka: the ceiling that S3 and the"
          + " client set (default: ${DEFAULT-VALUE}).")
  boolean s3Baseline;

  @Option(names = "--quiet-cores", paramLabel = "CORES", defaultValue = "0.15",
      description = "Before each measured run, wait until other processes use fewer cores than this (over 2 s); 0: never wait"
          + " (default: ${DEFAULT-VALUE}).")
  double quietCores;

  @Option(names = "--quiet-wait", paramLabel = "SECONDS", defaultValue = "180",
      description = "Longest wait for a quiet machine before a run; then it runs anyway and the report says so (default: ${DEFAULT-VALUE}).")
  long quietWaitSeconds;

  @Option(names = "--noisy-cores", paramLabel = "CORES", defaultValue = "0.25",
      description = "A measured run of phase A during which other processes used this many cores or more is run again"
          + " (default: ${DEFAULT-VALUE}).")
  double noisyCores;

  @Option(names = "--retries", paramLabel = "N", defaultValue = "3",
      description = "Most times one run of phase A is run again because of other processes; then it is kept, and the report"
          + " says so (default: ${DEFAULT-VALUE}).")
  int retries;

  @Option(names = "--sink-timeout", paramLabel = "SECONDS", defaultValue = "600", description = "Most one sink run may take (default: ${DEFAULT-VALUE}).")
  long sinkTimeoutSeconds;

  @Option(names = "--throughput", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Run phase A, throughput (default: ${DEFAULT-VALUE}).")
  boolean throughput;

  @Option(names = "--latency", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Run phase B, end-to-end latency (default: ${DEFAULT-VALUE}).")
  boolean latency;

  @Option(names = "--latency-rate", paramLabel = "RECORDS_PER_S", defaultValue = "5000", description = "Open-loop rate of phase B (default: ${DEFAULT-VALUE}).")
  double latencyRate;

  @Option(names = "--latency-batch", paramLabel = "N", defaultValue = "100", description = "Records per request in phase B (default: ${DEFAULT-VALUE}).")
  int latencyBatch;

  @Option(names = "--latency-connections", paramLabel = "N", defaultValue = "16", description = "HTTP connections of phase B's load (default: ${DEFAULT-VALUE}).")
  int latencyConnections;

  @Option(names = "--latency-warmup", paramLabel = "SECONDS", defaultValue = "5", description = "Load before phase B's measured window (default: ${DEFAULT-VALUE}).")
  double latencyWarmup;

  @Option(names = "--latency-duration", paramLabel = "SECONDS", defaultValue = "20", description = "Phase B's measured window (default: ${DEFAULT-VALUE}).")
  double latencyDuration;

  @Option(names = "--latency-flush-size", paramLabel = "N", defaultValue = "1000", description = "sink.flush-size in phase B (default: ${DEFAULT-VALUE}).")
  int latencyFlushSize;

  @Option(names = "--latency-rotate-interval-ms", paramLabel = "MS", defaultValue = "1000",
      description = "sink.rotate-interval-ms in phase B (default: ${DEFAULT-VALUE}).")
  long latencyRotateMs;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Parent of the temporary directory of the broker's log and the S3 objects (default: the system's temporary directory).")
  Path dataDir;

  @Option(names = "--label", paramLabel = "TEXT", description = "Names this run in the report.")
  String label;

  @Option(names = "--revision", paramLabel = "TEXT", description = "The sink's source revision, for the report (sink.sh gives the commit, and the hash of any uncommitted changes).")
  String revision;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the report to this file.")
  Path out;

  /** A measured span of the run, by wall clock (UTC), for matching a JFR recording. */
  record Span(String name, Instant from, Instant to) {
  }

  private final String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  private final List<Span> spans = new ArrayList<>();
  private TopicFill.Filled filled;
  private ProcessMeter.Usage fillUsage;
  private final List<RawConsume.Result> rawRuns = new ArrayList<>();
  private final Map<Integer, List<SinkThroughput.Result>> sinkRuns = new LinkedHashMap<>();
  private final Map<Integer, List<S3PutBaseline.Result>> s3Runs = new LinkedHashMap<>();
  private LatencyRun.Result latencyResult;
  private ProcessMeter meter;
  private QuietMachine quiet;
  private int discarded;
  private int noisyKept;

  public static void main(String[] args) {
    DriverMain.run("sink benchmark", new SinkBenchmark(), args);
  }


  @Override
  public Integer call() throws Exception {
    validate();
    meter = new ProcessMeter();
    quiet = new QuietMachine(quietCores, Duration.ofSeconds(quietWaitSeconds), System.out);
    KafkaSettings kafka = KafkaSettings.from(ConfigSource.load(Optional.empty(), System.getenv(), KafkaSettings.KEYS));
    PrintStream console = System.out;
    console.printf(Locale.ROOT, "sink benchmark: %d cores, load %s, JVM %s, max heap %,d MiB%n", meter.cores(), CpuSampler.loadAverage(),
        System.getProperty("java.vm.version"), Runtime.getRuntime().maxMemory() >> 20);
    try (BenchServices services = BenchServices.start(dataDir, kafka)) {
      console.printf(Locale.ROOT, "embedded broker %s, embedded S3 %s, data in %s%n", services.bootstrap(), services.s3().endpoint(),
          services.dataDir());
      if (throughput) {
        throughputPhase(services, console);
      }
      if (latency) {
        latencyPhase(services, console);
      }
    }

    String report = SinkReport.render(this);
    console.println();
    console.print(report);
    if (out != null) {
      if (out.getParent() != null) {
        Files.createDirectories(out.getParent());
      }
      Files.writeString(out, report, StandardCharsets.UTF_8);
      console.println("report written to " + out);
    }
    return 0;
  }

  private void validate() {
    CommandLine command = new CommandLine(this);
    if (records < partitions || partitions < 1) {
      throw new CommandLine.ParameterException(command, "--records must be at least --partitions, and --partitions at least 1");
    }
    if (flushSizes.isEmpty() || flushSizes.stream().anyMatch(size -> size < 1)) {
      throw new CommandLine.ParameterException(command, "--flush-sizes must list sizes of at least 1");
    }
    if (repeat < 1) {
      throw new CommandLine.ParameterException(command, "--repeat must be at least 1");
    }
    if (latencyRate <= 0 || latencyBatch < 1 || latencyDuration <= 0) {
      throw new CommandLine.ParameterException(command, "--latency-rate, --latency-batch and --latency-duration must be positive");
    }
  }

  private void throughputPhase(BenchServices services, PrintStream console) throws Exception {
    String topic = "sink-bench.pin";
    Map<String, String> producer = KafkaClientConfigs.producer(services.bootstrap(), services.kafkaSettings());
    long unit = flushSizes.stream().mapToLong(Integer::longValue).reduce(1, SinkBenchmark::lcm);
    List<byte[]> values = PinRecords.values(distinctValues, SEED);
    Duration timeout = Duration.ofSeconds(sinkTimeoutSeconds);
    long warmup = warmupRecords == null ? records : warmupRecords;
    if (warmup > 0) {
      console.printf(Locale.ROOT, "JIT warm-up over %,d records, unmeasured%n", warmup);
      TopicFill.Filled warm = fill(services, "sink-bench-warmup.pin", producer, warmup, values, unit);
      round(services, warm, values, timeout, null);
    }
    console.printf(Locale.ROOT, "phase A: filling %s (%d partitions) with %,d records (%,d distinct pin values), producer linger.ms=%s "
            + "batch.size=%s compression.type=%s acks=%s%n", topic, partitions, records, distinctValues,
        producer.get("linger.ms"), producer.get("batch.size"), producer.get("compression.type"), producer.get("acks"));
    ProcessMeter.Interval fillInterval = meter.start();
    Instant from = Instant.now();
    filled = fill(services, topic, producer, records, values, unit);
    fillUsage = fillInterval.stop();
    spans.add(new Span("fill", from, Instant.now()));
    console.printf(Locale.ROOT, "  filled in %.1f s (%,.0f records/s), values %.0f bytes on average, end offsets %s%n",
        filled.seconds(), filled.records() / filled.seconds(), filled.meanValueBytes(), filled.endOffsets().values());
    for (int round = 1; round <= repeat; round++) {
      console.printf(Locale.ROOT, "  round %d of %d%n", round, repeat);
      round(services, filled, values, timeout, console);
    }
  }

  private TopicFill.Filled fill(BenchServices services, String topic, Map<String, String> producer, long count, List<byte[]> values,
                                long unit) throws Exception {
    services.createTopics(List.of(topic), partitions);
    return TopicFill.fill(producer, services.bootstrap(), topic, partitions, count, values, unit);
  }

  /**
   * The raw consumer, then at each flush size the sink and the S3 PUTs alone, each after a GC and
   * on a quiet machine. Recorded and printed when {@code console} is given, else a JIT warm-up.
   */
  private void round(BenchServices services, TopicFill.Filled topic, List<byte[]> values, Duration timeout, PrintStream console)
      throws Exception {
    boolean measured = console != null;
    RawConsume.Result raw = measure(measured, "raw consumer", RawConsume.Result::usage, () -> RawConsume.run(
        KafkaClientConfigs.sinkConsumer(services.bootstrap(), services.kafkaSettings(), "pinpipe-bench-raw-" + System.nanoTime()),
        topic, meter, timeout));
    if (measured) {
      rawRuns.add(raw);
      console.printf(Locale.ROOT, "    raw consumer: %,d records in %.2f s = %,.0f records/s (first record after %.2f s), CPU %.1f s%s%n",
          raw.records(), raw.seconds(), raw.recordsPerSecond(), raw.firstRecordSeconds(), raw.usage().processSeconds(), other(raw.usage()));
    }
    Vertx vertx = Vertx.vertx();
    try {
      for (int flushSize : flushSizes) {
        SinkThroughput.Result sink = measure(measured, "sink flush.size " + flushSize, SinkThroughput.Result::usage, () -> {
          SinkThroughput.Result result = SinkThroughput.run(vertx, services, topic, flushSize, rotateIntervalMs, meter, timeout);
          services.dropBucket(result.bucket());
          return result;
        });
        if (measured) {
          sinkRuns.computeIfAbsent(flushSize, size -> new ArrayList<>()).add(sink);
          console.printf(Locale.ROOT, "    sink, flush.size %,d: %,d records in %.2f s = %,.0f records/s, %.1f MB/s, %,d objects "
                  + "(upload mean %.1f ms, max %.1f ms), sink / raw = %.2f, CPU %.1f s%s%n",
              flushSize, sink.records(), sink.seconds(), sink.recordsPerSecond(), sink.megabytesPerSecond(), sink.objects(),
              sink.uploadMeanMs(), sink.uploadMaxMs(), sink.recordsPerSecond() / raw.recordsPerSecond(),
              sink.usage().processSeconds(), other(sink.usage()));
        }
        if (!s3Baseline) {
          continue;
        }
        long objects = (topic.records() + flushSize - 1) / flushSize;
        S3PutBaseline.Result put = measure(measured, "S3 PUTs alone " + flushSize, S3PutBaseline.Result::usage, () -> {
          S3PutBaseline.Result result = S3PutBaseline.run(services, values, flushSize, objects, s3Streams(), meter, timeout);
          services.dropBucket(result.bucket());
          return result;
        });
        if (measured) {
          s3Runs.computeIfAbsent(flushSize, size -> new ArrayList<>()).add(put);
          console.printf(Locale.ROOT, "    S3 PUTs alone: %,d objects of %,d records in %.2f s = %,.0f records/s, %.1f MB/s "
                  + "(PUT mean %.1f ms), CPU %.1f s%s%n",
              put.objects(), flushSize, put.seconds(), put.recordsPerSecond(), put.megabytesPerSecond(), put.putMeanMs(),
              put.usage().processSeconds(), other(put.usage()));
        }
      }
    } finally {
      Await.quietly(vertx.close(), 30);
    }
  }

  /**
   * One run after a GC and, when measured, on a quiet machine; a measured run during which other
   * processes took more than {@code --noisy-cores} is thrown away and run again (at most
   * {@code --retries} times).
   */
  private <T> T measure(boolean measured, String what, Function<T, ProcessMeter.Usage> usageOf, Callable<T> run) throws Exception {
    for (int attempt = 0; ; attempt++) {
      System.gc();
      if (measured) {
        quiet.await("the " + what);
      }
      Instant from = Instant.now();
      T result = run.call();
      if (!measured) {
        return result;
      }
      spans.add(new Span(what, from, Instant.now()));
      CpuSampler.Usage cpu = usageOf.apply(result).cpu();
      double otherCores = cpu.otherSeconds() / cpu.wallSeconds();
      if (Double.isNaN(otherCores) || otherCores < noisyCores) {
        return result;
      }
      if (attempt >= retries) {
        noisyKept++;
        return result;
      }
      discarded++;
      System.out.printf(Locale.ROOT, "    %s: thrown away, other processes used %.2f cores meanwhile; again%n", what, otherCores);
    }
  }

  private static String other(ProcessMeter.Usage usage) {
    double other = usage.cpu().otherSeconds();
    return other >= 0.1 * usage.cpu().wallSeconds() ? String.format(Locale.ROOT, " (other processes: %.1f s CPU)", other) : "";
  }

  private void latencyPhase(BenchServices services, PrintStream console) throws Exception {
    LatencyRun.Plan plan = new LatencyRun.Plan(latencyRate, latencyBatch, latencyConnections, latencyWarmup, latencyDuration,
        latencyFlushSize, latencyRotateMs, partitions, 16, SEED);
    console.printf(Locale.ROOT, "phase B: HTTP at %,.0f records/s (%d records per request) for %s s (+%s s warm-up), "
            + "sink flush.size %d, rotate.interval.ms %d%n",
        latencyRate, latencyBatch, IngestBenchmark.fmt(latencyDuration), IngestBenchmark.fmt(latencyWarmup), latencyFlushSize, latencyRotateMs);
    System.gc();
    quiet.await("the latency run");
    latencyResult = LatencyRun.run(services, plan, meter);
    spans.add(new Span("latency (measured window)", latencyResult.measuredFrom(),
        latencyResult.measuredFrom().plusMillis((long) (latencyDuration * 1000))));
    console.printf(Locale.ROOT, "    %,.0f records/s acknowledged; 200 to visible in S3: p50 %.0f ms, p99 %.0f ms, max %.0f ms; "
            + "HTTP p50 %.1f ms, p99 %.1f ms; %d objects%n",
        latencyResult.achievedRecordsPerSecond(), latencyResult.millis(50), latencyResult.millis(99), latencyResult.maxMillis(),
        latencyResult.http().millis(50), latencyResult.http().millis(99), latencyResult.objects());
  }

  private static long lcm(long a, long b) {
    long x = a;
    long y = b;
    while (y != 0) {
      long t = x % y;
      x = y;
      y = t;
    }
    return a / x * b;
  }

  // For the report.

  /** Measured runs that began on a busy machine after the longest wait, or stayed noisy after every retry. */
  int noisyRuns() {
    return quiet.noisyRuns() + noisyKept;
  }

  /** Runs thrown away because other processes took CPU meanwhile. */
  int discardedRuns() {
    return discarded;
  }

  String startedAt() {
    return startedAt;
  }

  String label() {
    return label;
  }

  String revision() {
    return revision;
  }

  int cores() {
    return meter.cores();
  }

  int partitions() {
    return partitions;
  }

  long rotateIntervalMs() {
    return rotateIntervalMs;
  }

  List<Span> spans() {
    return spans;
  }

  TopicFill.Filled filled() {
    return filled;
  }

  ProcessMeter.Usage fillUsage() {
    return fillUsage;
  }

  List<RawConsume.Result> rawRuns() {
    return rawRuns;
  }

  Map<Integer, List<SinkThroughput.Result>> sinkRuns() {
    return sinkRuns;
  }

  Map<Integer, List<S3PutBaseline.Result>> s3Runs() {
    return s3Runs;
  }

  /**
   * Parallel PUT streams of the S3 baseline: as many PUTs as the sink may have in flight, that is
   * partitions × {@code sink.uploads-per-partition} where the sink has that setting (read from its
   * settings record, so that this builds against sinks with and without it), else one per partition.
   */
  int s3Streams() {
    SinkSettings settings = SinkSettings.from(ConfigSource.of(Map.of()), "pinpipe");
    for (RecordComponent component : SinkSettings.class.getRecordComponents()) {
      if (component.getName().equals("uploadsPerPartition")) {
        try {
          return partitions * ((Number) component.getAccessor().invoke(settings)).intValue();
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read sink.uploads-per-partition", e);
        }
      }
    }
    return partitions;
  }

  int repeat() {
    return repeat;
  }

  LatencyRun.Result latencyResult() {
    return latencyResult;
  }

  static String jvm() {
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + ", heap max "
        + (Runtime.getRuntime().maxMemory() >> 20) + " MiB, " + ManagementFactory.getRuntimeMXBean().getInputArguments();
  }
}
