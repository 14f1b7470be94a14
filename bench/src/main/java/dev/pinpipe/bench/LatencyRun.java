package dev.pinpipe.bench;

import dev.pinpipe.contracts.RecordKind;

import dev.pinpipe.s3.S3Connection;

import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.PinpipeConfig;
import dev.pinpipe.kafka.KafkaClientConfigs;
import dev.pinpipe.runtime.PinpipeRuntime;
import dev.pinpipe.runtime.Role;
import dev.pinpipe.sink.S3SinkVerticle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * End-to-end latency, HTTP to S3: {@link PinpipeRuntime} with roles ingest and fan-out on the
 * benchmark's broker, plus an {@link S3SinkVerticle} on the runtime's Vert.x with a
 * {@link VisibilityLog}; an open loop of produce requests at a fixed rate. Each record's latency
 * is the time its object became visible in S3 minus the time its request's 200 came back.
 */
final class LatencyRun {

  /** Settings of one run. */
  record Plan(double recordsPerSecond, int recordsPerRequest, int connections, double warmupSeconds, double durationSeconds,
              int flushSize, long rotateIntervalMs, int partitions, int variants, long seed) {
  }

  /** What it measured. */
  record Result(Plan plan, LoadStats http, VisibilityLog.Latencies latencies, long objects, double measuredSeconds,
                ProcessMeter.Usage usage, Instant measuredFrom, boolean drained, boolean allVisible) {

    double achievedRecordsPerSecond() {
      return http.okRecords.sum() / measuredSeconds;
    }

    double millis(double percentile) {
      return latencies.micros().getTotalCount() == 0 ? Double.NaN : latencies.micros().getValueAtPercentile(percentile) / 1000.0;
    }

    double minMillis() {
      return latencies.micros().getTotalCount() == 0 ? Double.NaN : latencies.micros().getMinValue() / 1000.0;
    }

    double maxMillis() {
      return latencies.micros().getTotalCount() == 0 ? Double.NaN : latencies.micros().getMaxValue() / 1000.0;
    }
  }

  private static final long DRAIN_SECONDS = 60;

  private LatencyRun() {
  }

  static Result run(BenchServices services, Plan plan, ProcessMeter meter) throws InterruptedException {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String prefix = "latency-" + run;
    String bucket = "sink-latency-" + run;
    Map<String, String> env = System.getenv();
    ConfigSource source = ConfigSource.load(Optional.empty(), env, PinpipeRuntime.CONFIG_KEYS)
        .with("kafka.bootstrap", services.bootstrap())
        .with("kafka.topic-prefix", prefix)
        .with("kafka.partitions", plan.partitions())
        .with("ingest.host", "127.0.0.1")
        .with("ingest.http-port", BenchServices.freePort())
        .with("ingest.management-port", BenchServices.freePort())
        .with("embedded.data-dir", services.dataDir().resolve("runtime").toString())
        .with("sink.group-id", "pinpipe-bench-latency-" + run)
        .with("sink.topics-regex", "^" + Pattern.quote(prefix + ".pin") + "$")
        .with("sink.partitioner", "daily")
        .with("sink.flush-size", plan.flushSize())
        .with("sink.rotate-interval-ms", plan.rotateIntervalMs());
    PinpipeConfig config = PinpipeConfig.from(source);
    String topic = config.kafka().topics().topic(RecordKind.PIN);
    services.createBucket(bucket);

    PinpipeRuntime runtime = PinpipeRuntime.start(config, EnumSet.of(Role.INGEST, Role.FANOUT), S3Connection.configured(config.s3()));
    Vertx driver = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try {
      VisibilityLog visibility = new VisibilityLog(topic);
      S3SinkVerticle sink = new S3SinkVerticle(
          KafkaClientConfigs.sinkConsumer(services.bootstrap(), config.kafka(), config.sink().groupId()),
          KafkaClientConfigs.deadLetterProducer(services.bootstrap(), config.kafka()),
          config.sink(), bucket, services::s3Client, new SimpleMeterRegistry(), visibility);
      String deployment = Await.of(runtime.vertx().deployVerticle(() -> sink, new DeploymentOptions()), 120);
      try {
        HttpLoad http = new HttpLoad(driver, IngestBenchmark.eventLoopContexts(driver, 1), "127.0.0.1",
            config.ingest().httpPort(), topic, config.kafka().timeoutMs() + 10_000);
        List<byte[]> values = PinRecords.values(plan.variants() * plan.recordsPerRequest(), plan.seed());
        List<Buffer> bodies = new ArrayList<>();
        for (int i = 0; i < plan.variants(); i++) {
          bodies.add(Buffer.buffer(PinRecords.body(values.subList(i * plan.recordsPerRequest(), (i + 1) * plan.recordsPerRequest()))));
        }
        HttpClientAgent client = http.client(plan.connections());
        try {
          preflight(http, client, bodies.get(0), visibility, plan);
          return measure(http, client, bodies, visibility, plan, meter);
        } finally {
          Await.quietly(client.close(), 10);
        }
      } finally {
        Await.quietly(runtime.vertx().undeploy(deployment), 60);
      }
    } finally {
      Await.quietly(driver.close(), 10);
      runtime.close();
    }
  }

  /** One request through the whole pipeline: a 200 with every offset, and every record visible in S3. */
  private static void preflight(HttpLoad http, HttpClientAgent client, Buffer body, VisibilityLog visibility, Plan plan)
      throws InterruptedException {
    HttpLoad.Answer answer = Await.of(http.post(client, body), 60);
    AckLog acks = new AckLog();
    int records = answer.status() == 200 ? acks.add(answer.body(), System.nanoTime()) : 0;
    if (records != plan.recordsPerRequest()) {
      throw new IllegalStateException("the service answered " + answer.status() + " with " + records + " offsets (expected 200 and "
          + plan.recordsPerRequest() + "): " + answer.snippet());
    }
    if (!awaitVisible(visibility, acks, plan.rotateIntervalMs() + 60_000)) {
      throw new IllegalStateException("the preflight request's records were not all written to S3 within "
          + (plan.rotateIntervalMs() + 60_000) + " ms");
    }
  }

  private static Result measure(HttpLoad http, HttpClientAgent client, List<Buffer> bodies, VisibilityLog visibility, Plan plan,
                                ProcessMeter meter) throws InterruptedException {
    Window window = new Window(plan.warmupSeconds(), plan.durationSeconds());
    LoadStats stats = new LoadStats(window);
    AckLog acks = new AckLog();
    CountDownLatch done = http.openLoop(client, window, stats, bodies, plan.recordsPerRequest(),
        plan.recordsPerSecond() / plan.recordsPerRequest(), (answer, answered) -> {
          if (answer.status() == 200 && window.measured(answered)) {
            acks.add(answer.body(), answered);
          }
        });
    Window.sleepUntil(window.measureFrom);
    long objectsBefore = visibility.objects();
    Instant measuredFrom = Instant.now();
    ProcessMeter.Interval interval = meter.start();
    Window.sleepUntil(window.measureTo);
    ProcessMeter.Usage usage = interval.stop();
    boolean drained = done.await(DRAIN_SECONDS, TimeUnit.SECONDS);
    boolean allVisible = awaitVisible(visibility, acks, plan.rotateIntervalMs() + DRAIN_SECONDS * 1000);
    System.out.printf(Locale.ROOT, "    %,d records acknowledged in the measured window, %s%n", acks.records(),
        allVisible ? "all visible in S3" : "NOT ALL VISIBLE in S3 within " + (plan.rotateIntervalMs() / 1000 + DRAIN_SECONDS) + " s");
    return new Result(plan, stats, visibility.latencies(acks), visibility.objects() - objectsBefore, window.measuredSeconds(), usage,
        measuredFrom, drained, allVisible);
  }

  private static boolean awaitVisible(VisibilityLog visibility, AckLog acks, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (!visibility.covers(acks)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }
}
