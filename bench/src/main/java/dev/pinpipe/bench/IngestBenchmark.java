package dev.pinpipe.bench;

import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.KafkaSettings;
import dev.pinpipe.kafka.KafkaClientConfigs;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Ingestion benchmark: against a running {@code pinpipe serve} and its broker, measures the HTTP
 * produce API and, in the same run, a raw {@link KafkaProducer} with the service's own producer
 * settings, in the same closed-loop shapes; then latency at a fraction of the HTTP peak, with an
 * open-loop fixed rate. Reports records/s, latency percentiles, the HTTP/raw ratio and the CPU
 * each process used, as a Markdown table and as raw numbers.
 */
@Command(name = "ingest-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Benchmarks pinpipe's HTTP ingestion against a raw KafkaProducer on the same broker.",
        "Producer settings come from the PINPIPE_KAFKA_* environment, as for `pinpipe serve`: give both the same."})
public final class IngestBenchmark implements Callable<Integer> {

  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");
  private static final long SEED = 20261101L;
  static final String RAW = "raw producer";
  static final String HTTP = "HTTP";
  static final String HTTP_OPEN = "HTTP open loop";
  static final String RAW_OPEN = "raw open loop";

  @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "18082", description = "Port of the ingestion HTTP API on localhost (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(names = "--http-host", paramLabel = "HOST", defaultValue = "localhost", description = "Loopback host of the API (default: ${DEFAULT-VALUE}).")
  String httpHost;

  @Option(names = "--kafka", paramLabel = "BOOTSTRAP", defaultValue = "localhost:19092", description = "Bootstrap servers of the broker the service uses, on loopback (default: ${DEFAULT-VALUE}).")
  String bootstrap;

  @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "pinpipe.pin", description = "Topic to produce to (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(names = "--server-pid", paramLabel = "PID", description = "PID of `pinpipe serve`, to report its CPU.")
  Long serverPid;

  @Option(names = "--broker-pid", paramLabel = "PID", description = "PID of `pinpipe kafka`, to report its CPU.")
  Long brokerPid;

  @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "5", description = "Warm-up before each measured phase (default: ${DEFAULT-VALUE}).")
  double warmupSeconds;

  @Option(names = "--jit-warmup", paramLabel = "SECONDS", defaultValue = "6",
      description = "Before any phase, each closed loop runs this long unmeasured, so that the JIT compilers of the"
          + " service and the driver are done before the first measured window (default: ${DEFAULT-VALUE}).")
  double jitWarmupSeconds;

  @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "15", description = "Measured duration of each phase (default: ${DEFAULT-VALUE}).")
  double durationSeconds;

  @Option(names = "--pause", paramLabel = "SECONDS", defaultValue = "2", description = "Idle time between phases (default: ${DEFAULT-VALUE}).")
  double pauseSeconds;

  @Option(names = "--small-clients", paramLabel = "N", defaultValue = "64", description = "Clients of the 1-record shape (default: ${DEFAULT-VALUE}).")
  int smallClients;

  @Option(names = "--batch-records", paramLabel = "N", defaultValue = "100", description = "Records per request of the batch shape (default: ${DEFAULT-VALUE}).")
  int batchRecords;

  @Option(names = "--batch-clients", paramLabel = "N", defaultValue = "16", description = "Clients of the batch shape (default: ${DEFAULT-VALUE}).")
  int batchClients;

  @Option(names = "--variants", paramLabel = "N", defaultValue = "16", description = "Distinct pre-built batch bodies; variants x batch-records distinct records (default: ${DEFAULT-VALUE}).")
  int variants;

  @Option(names = "--half-peak-fraction", paramLabel = "F", defaultValue = "0.5", description = "Open-loop rate as a fraction of the measured HTTP peak (default: ${DEFAULT-VALUE}).")
  double fraction;

  @Option(names = "--small-half-peak", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Also run the open-loop latency run for the 1-record shape (default: ${DEFAULT-VALUE}).")
  boolean smallHalfPeak;

  @Option(names = "--open-loop-rate", paramLabel = "RECORDS_PER_S",
      description = "Only the open-loop latency runs of the batch shape, at this rate: no closed-loop peaks.")
  Double openLoopRate;

  @Option(names = "--raw-open-loop", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Also run the raw producer open loop at the same rate, the control for the HTTP latency (default: ${DEFAULT-VALUE}).")
  boolean rawOpenLoop;

  @Option(names = "--event-loops", paramLabel = "N", defaultValue = "1", description = "Event loops of the driver's HTTP client (default: ${DEFAULT-VALUE}).")
  int eventLoops;

  @Option(names = "--raw-send-threads", paramLabel = "N", defaultValue = "2", description = "Threads calling send() for the raw producer (default: ${DEFAULT-VALUE}).")
  int rawSendThreads;

  @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "45", description = "Most to wait for answers in flight after a phase (default: ${DEFAULT-VALUE}).")
  long drainSeconds;

  @Option(names = "--label", paramLabel = "TEXT", description = "Names this run in the report, e.g. the settings tried.")
  String label;

  @Option(names = "--revision", paramLabel = "TEXT", description = "The service's source revision, for the report (ingest.sh gives `git describe`).")
  String revision;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the report to this file.")
  Path out;

  /** One measured phase. */
  record Phase(String path, String shape, int recordsPerRequest, int clients, Double targetRecordsPerSecond,
               LoadStats stats, CpuSampler.Usage cpu, double seconds, String loadAverage, boolean drained,
               Instant measuredFrom) {

    double recordsPerSecond() {
      return stats.okRecords.sum() / seconds;
    }

    double requestsPerSecond() {
      return stats.okRequests.sum() / seconds;
    }
  }

  private final List<Phase> phases = new ArrayList<>();
  private final String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  private CpuSampler cpu;

  public static void main(String[] args) {
    CommandLine commandLine = new CommandLine(new IngestBenchmark());
    commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
      cmd.getErr().println("ingest benchmark: " + error.getMessage());
      return 1;
    });
    System.exit(commandLine.execute(args));
  }

  @Override
  public Integer call() throws Exception {
    checkLoopback();
    KafkaSettings settings = KafkaSettings.from(ConfigSource.load(Optional.empty(), System.getenv(), KafkaSettings.KEYS));
    Map<String, Object> producerConfig = new HashMap<>(KafkaClientConfigs.producer(bootstrap, settings));
    producerConfig.put("client.id", "pinpipe-bench-raw");

    Map<String, Long> pids = new LinkedHashMap<>();
    pids.put("server", serverPid);
    pids.put("broker", brokerPid);
    pids.put("driver", ProcessHandle.current().pid());
    cpu = new CpuSampler(pids);

    Workload work = Workload.build(PinRecords.values(variants * batchRecords, SEED), variants, batchRecords);

    PrintStream console = System.out;
    String smallShape = "1 rec × " + smallClients + " clients";
    String batchShape = batchRecords + " rec × " + batchClients + " clients";
    console.printf(Locale.ROOT, "ingest benchmark: API http://%s:%d/topics/%s, broker %s, %d cores, load %s%n",
        httpHost, httpPort, topic, bootstrap, cpu.cores(), CpuSampler.loadAverage());
    console.printf(Locale.ROOT, "producer (the service's settings): linger.ms=%s batch.size=%s compression.type=%s acks=%s idempotence=%s%n",
        producerConfig.get("linger.ms"), producerConfig.get("batch.size"), producerConfig.get("compression.type"),
        producerConfig.get("acks"), producerConfig.get("enable.idempotence"));
    console.printf(Locale.ROOT, "records: %d distinct pin values, mean %.0f bytes; batch body %d bytes; warm-up %.0f s, measured %.0f s per phase%n",
        work.rawSmall().size(), work.meanValueBytes(), work.batchBodyBytes(), warmupSeconds, durationSeconds);
    console.println("e.g. " + new String(work.rawSmall().get(0)[0], StandardCharsets.UTF_8));

    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
    ScheduledExecutorService senders = Executors.newScheduledThreadPool(rawSendThreads, daemon("bench-raw-send"));
    Producer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig);
    try {
      List<Context> contexts = eventLoopContexts(vertx, eventLoops);
      HttpLoad http = new HttpLoad(vertx, contexts, httpHost, httpPort, topic, settings.timeoutMs() + 10_000);
      RawProducerLoad raw = new RawProducerLoad(producer, senders, topic);
      preflight(http, producer, work.httpBatch().get(0));
      runPhases(http, raw, work, smallShape, batchShape);
    } finally {
      producer.close(Duration.ofSeconds(10));
      senders.shutdownNow();
      try {
        Await.of(vertx.close(), 10);
      } catch (RuntimeException e) {
        System.err.println("ingest benchmark: Vert.x did not close cleanly: " + e.getMessage());
      }
    }

    String report = Report.render(this, producerConfig, work.meanValueBytes(), work.batchBodyBytes());
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

  /**
   * Pre-built requests, each in its raw-producer form (values) and its HTTP form (a body): every
   * value alone for the 1-record shape, and {@code variants} bodies of {@code batchRecords} values.
   */
  record Workload(List<byte[][]> rawSmall, List<Buffer> httpSmall, List<byte[][]> rawBatch, List<Buffer> httpBatch,
                  double meanValueBytes, int batchBodyBytes) {

    static Workload build(List<byte[]> values, int variants, int batchRecords) {
      List<byte[][]> rawSmall = new ArrayList<>();
      List<Buffer> httpSmall = new ArrayList<>();
      for (byte[] value : values) {
        rawSmall.add(new byte[][] {value});
        httpSmall.add(Buffer.buffer(PinRecords.body(List.of(value))));
      }
      List<byte[][]> rawBatch = new ArrayList<>();
      List<Buffer> httpBatch = new ArrayList<>();
      for (int i = 0; i < variants; i++) {
        List<byte[]> slice = values.subList(i * batchRecords, (i + 1) * batchRecords);
        rawBatch.add(slice.toArray(new byte[0][]));
        httpBatch.add(Buffer.buffer(PinRecords.body(slice)));
      }
      double mean = values.stream().mapToInt(value -> value.length).average().orElse(0);
      return new Workload(rawSmall, httpSmall, rawBatch, httpBatch, mean, httpBatch.get(0).length());
    }
  }

  /** Each shape raw then over HTTP (closed loops), then the open loops; or only these at --open-loop-rate. */
  private void runPhases(HttpLoad http, RawProducerLoad raw, Workload work, String smallShape, String batchShape)
      throws InterruptedException {
    HttpClientAgent smallClient = http.client(smallClients);
    HttpClientAgent batchClient = http.client(batchClients);
    try {
      if (jitWarmupSeconds > 0) {
        System.out.printf(Locale.ROOT, "  JIT warm-up: every closed loop for %s s, unmeasured%n", fmt(jitWarmupSeconds));
        warmUp((w, s) -> raw.closedLoop(w, s, work.rawSmall(), smallClients));
        warmUp((w, s) -> http.closedLoop(smallClient, w, s, work.httpSmall(), 1, smallClients));
        warmUp((w, s) -> raw.closedLoop(w, s, work.rawBatch(), batchClients));
        warmUp((w, s) -> http.closedLoop(batchClient, w, s, work.httpBatch(), batchRecords, batchClients));
      }
      if (openLoopRate != null) {
        openLoop(http, batchClient, raw, batchShape, batchRecords, batchClients, openLoopRate, work.httpBatch(), work.rawBatch());
        return;
      }
      measure(RAW, smallShape, 1, smallClients, null, (w, s) -> raw.closedLoop(w, s, work.rawSmall(), smallClients));
      Phase httpSmallPeak = measure(HTTP, smallShape, 1, smallClients, null,
          (w, s) -> http.closedLoop(smallClient, w, s, work.httpSmall(), 1, smallClients));
      measure(RAW, batchShape, batchRecords, batchClients, null, (w, s) -> raw.closedLoop(w, s, work.rawBatch(), batchClients));
      Phase httpBatchPeak = measure(HTTP, batchShape, batchRecords, batchClients, null,
          (w, s) -> http.closedLoop(batchClient, w, s, work.httpBatch(), batchRecords, batchClients));

      openLoop(http, batchClient, raw, batchShape, batchRecords, batchClients, httpBatchPeak.recordsPerSecond() * fraction,
          work.httpBatch(), work.rawBatch());
      if (smallHalfPeak) {
        openLoop(http, smallClient, raw, smallShape, 1, smallClients, httpSmallPeak.recordsPerSecond() * fraction,
            work.httpSmall(), work.rawSmall());
      }
    } finally {
      Await.of(smallClient.close(), 10);
      Await.of(batchClient.close(), 10);
    }
  }

  /** HTTP at a fixed rate, then (the control) the raw producer at the same rate. */
  private void openLoop(HttpLoad http, HttpClientAgent client, RawProducerLoad raw, String shape, int records, int clients,
                        double target, List<Buffer> bodies, List<byte[][]> rawRequests) throws InterruptedException {
    if (target <= 0) {
      System.out.println("skipping the open-loop runs of " + shape + ": no HTTP peak was measured");
      return;
    }
    measure(HTTP_OPEN, shape, records, clients, target,
        (w, s) -> http.openLoop(client, w, s, bodies, records, target / records));
    if (rawOpenLoop) {
      measure(RAW_OPEN, shape, records, clients, target, (w, s) -> raw.openLoop(w, s, rawRequests, target / records));
    }
  }

  /** Load for --jit-warmup seconds, nothing measured. */
  private void warmUp(BiFunction<Window, LoadStats, CountDownLatch> start) throws InterruptedException {
    Window window = new Window(jitWarmupSeconds, 0);
    CountDownLatch done = start.apply(window, new LoadStats(window));
    if (!done.await((long) Math.ceil(jitWarmupSeconds) + drainSeconds, TimeUnit.SECONDS)) {
      System.out.println("  JIT warm-up: answers still in flight after " + drainSeconds + " s");
    }
  }

  private Phase measure(String path, String shape, int records, int clients, Double target,
                        BiFunction<Window, LoadStats, CountDownLatch> start) throws InterruptedException {
    String load = CpuSampler.loadAverage();
    Window window = new Window(warmupSeconds, durationSeconds);
    LoadStats stats = new LoadStats(window);
    CountDownLatch done = start.apply(window, stats);
    Window.sleepUntil(window.measureFrom);
    CpuSampler.Snapshot before = cpu.take();
    Instant measuredFrom = Instant.now();
    Window.sleepUntil(window.measureTo);
    CpuSampler.Snapshot after = cpu.take();
    boolean drained = done.await(drainSeconds, TimeUnit.SECONDS);
    Phase phase = new Phase(path, shape, records, clients, target, stats, cpu.between(before, after),
        window.measuredSeconds(), load, drained, measuredFrom);
    phases.add(phase);
    System.out.printf(Locale.ROOT, "  %s %-16s %-22s %10.0f rec/s  p50 %7.2f ms  p99 %7.2f ms  non-200 %d  errors %d  (load %s)%s%n",
        measuredFrom.truncatedTo(ChronoUnit.SECONDS).toString().substring(11, 19), path, shape, phase.recordsPerSecond(),
        stats.millis(50), stats.millis(99), stats.non200.sum(), stats.errors.sum(), load,
        drained ? "" : "  NOT DRAINED within " + drainSeconds + " s");
    stats.failureSamples.forEach(sample -> System.out.println("      e.g. " + sample));
    if (target != null) {
      System.out.printf(Locale.ROOT, "      the driver started requests late by p99 %.2f ms, max %.2f ms%n",
          stats.sendLagMillis(99), stats.sendLagMicros.getMaxValue() / 1000.0);
    }
    if (stats.millis(99) > 5 * stats.millis(50)) {
      System.out.println("      slowest seconds of the window: " + stats.slowestSeconds(3));
    }
    Thread.sleep((long) (pauseSeconds * 1000));
    return phase;
  }

  /** One request of each path before measuring: the service answers 200 with an offset per record. */
  private void preflight(HttpLoad http, Producer<byte[], byte[]> producer, Buffer body) throws Exception {
    HttpClientAgent client = http.client(1);
    try {
      HttpLoad.Answer answer = Await.of(http.post(client, body), 60);
      String text = answer.body().toString();
      int offsets = count(text, "\"offset\"");
      if (answer.status() != 200 || offsets != batchRecords) {
        throw new IllegalStateException("the service answered " + answer.status() + " with " + offsets
            + " offsets (expected 200 and " + batchRecords + "): " + answer.snippet());
      }
    } finally {
      Await.of(client.close(), 10);
    }
    producer.send(new ProducerRecord<>(topic, PinRecords.values(1, SEED).get(0))).get(60, TimeUnit.SECONDS);
  }

  private void checkLoopback() {
    List<String> hosts = new ArrayList<>();
    hosts.add(httpHost);
    for (String server : bootstrap.split(",")) {
      String hostPort = server.trim();
      hosts.add(hostPort.substring(0, Math.max(0, hostPort.lastIndexOf(':'))));
    }
    for (String host : hosts) {
      if (!LOOPBACK.contains(host.toLowerCase(Locale.ROOT))) {
        throw new CommandLine.ParameterException(new CommandLine(this),
            "the benchmark runs on loopback only: '" + host + "' is not localhost, 127.0.0.1 or ::1");
      }
    }
  }

  /** One event-loop context per event loop: a trivial verticle instance on each. */
  static List<Context> eventLoopContexts(Vertx vertx, int count) {
    List<Context> contexts = new CopyOnWriteArrayList<>();
    Await.of(vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        contexts.add(context);
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(count)), 10);
    return contexts;
  }

  private static int count(String text, String needle) {
    int count = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
      count++;
    }
    return count;
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  List<Phase> phases() {
    return phases;
  }

  int cores() {
    return cpu.cores();
  }

  String label() {
    return label;
  }

  String revision() {
    return revision;
  }

  double warmupSeconds() {
    return warmupSeconds;
  }

  double jitWarmupSeconds() {
    return jitWarmupSeconds;
  }

  double durationSeconds() {
    return durationSeconds;
  }

  /** What the open-loop rate is, for the report. */
  String openLoopBasis() {
    return openLoopRate != null
        ? String.format(Locale.ROOT, "at %,.0f records/s (given)", openLoopRate)
        : "at " + fmt(fraction * 100) + "% of the measured HTTP peak";
  }

  String startedAt() {
    return startedAt;
  }

  static String fmt(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
