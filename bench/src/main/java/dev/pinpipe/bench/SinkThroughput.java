package dev.pinpipe.bench;

import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.SinkSettings;
import dev.pinpipe.kafka.KafkaClientConfigs;
import dev.pinpipe.sink.S3SinkVerticle;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One throughput run of the real {@link S3SinkVerticle} over a pre-filled topic: a fresh group and
 * a fresh bucket, timed from deploying the verticle until every partition's last written object
 * ends at the topic's end offset (from its {@link S3SinkVerticle.Listener}).
 */
final class SinkThroughput {

  private static final long STALL_MS = 2_000;
  private static final long PROGRESS_EVERY_MS = 10_000;

  /** What one run measured; records and bytes are the sink's own counters ({@code pinpipe.sink.*}). */
  record Result(int flushSize, long rotateIntervalMs, String bucket, double seconds, double firstObjectSeconds,
                long records, long bytes, long objects, long uploads, double uploadMeanMs, double uploadMaxMs,
                double uploadBusySeconds, int tailFlushes, ProcessMeter.Usage usage, long s3BytesOnDisk, double undeploySeconds) {

    double recordsPerSecond() {
      return records / seconds;
    }

    double megabytesPerSecond() {
      return bytes / seconds / 1e6;
    }
  }

  private SinkThroughput() {
  }

  static Result run(Vertx vertx, BenchServices services, TopicFill.Filled topic, int flushSize, long rotateIntervalMs,
                    ProcessMeter meter, Duration timeout) throws InterruptedException {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String bucket = "sink-bench-" + flushSize + "-" + run;
    services.createBucket(bucket);
    SinkSettings settings = SinkSettings.from(ConfigSource.of(Map.of(
        "sink.group-id", "pinpipe-bench-sink-" + flushSize + "-" + run,
        "sink.topics-regex", "^" + Pattern.quote(topic.topic()) + "$",
        "sink.partitioner", "daily",
        "sink.flush-size", String.valueOf(flushSize),
        "sink.rotate-interval-ms", String.valueOf(rotateIntervalMs))), services.kafkaSettings().topicPrefix());
    String bootstrap = services.bootstrap();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    WrittenProgress progress = new WrittenProgress(topic.endOffsets());
    S3SinkVerticle sink = new S3SinkVerticle(
        KafkaClientConfigs.sinkConsumer(bootstrap, services.kafkaSettings(), settings.groupId()),
        KafkaClientConfigs.deadLetterProducer(bootstrap, services.kafkaSettings()),
        settings, bucket, services::s3Client, registry, progress);

    ProcessMeter.Interval interval = meter.start();
    long started = System.nanoTime();
    String deployment = Await.of(vertx.deployVerticle(() -> sink, new DeploymentOptions()), 120);
    int tailFlushes = 0;
    long deadline = started + timeout.toNanos();
    long nextReport = started + TimeUnit.MILLISECONDS.toNanos(PROGRESS_EVERY_MS);
    while (!progress.await(100)) {
      long now = System.nanoTime();
      if (now > deadline) {
        Await.quietly(vertx.undeploy(deployment), 60);
        throw new IllegalStateException(String.format(Locale.ROOT, "flush.size %d: the sink wrote %,d of %,d records in %s",
            flushSize, progress.writtenRecords(), topic.records(), timeout));
      }
      // An object that the count cannot close (the topic's tail) would wait for rotate.interval.ms: write it now.
      long lastWrite = progress.lastWriteNanos();
      if (lastWrite > 0 && now - lastWrite > TimeUnit.MILLISECONDS.toNanos(STALL_MS) && progress.mostBehind() < flushSize) {
        Await.of(sink.flush(), 60);
        tailFlushes++;
      }
      if (now > nextReport) {
        System.out.printf(Locale.ROOT, "    %5.1f s: %,d records written in %,d objects%n",
            (now - started) / 1e9, progress.writtenRecords(), progress.objects());
        nextReport += TimeUnit.MILLISECONDS.toNanos(PROGRESS_EVERY_MS);
      }
    }
    ProcessMeter.Usage usage = interval.stop();
    double seconds = (progress.doneNanos() - started) / 1e9;
    double firstObject = (progress.firstWriteNanos() - started) / 1e9;
    long undeployStarted = System.nanoTime();
    Await.of(vertx.undeploy(deployment), 120);
    double undeploySeconds = (System.nanoTime() - undeployStarted) / 1e9;

    long records = (long) counter(registry, "pinpipe.sink.records");
    long bytes = (long) counter(registry, "pinpipe.sink.bytes");
    Optional<Timer> upload = Optional.ofNullable(registry.find("pinpipe.sink.upload").timer());
    long uploads = upload.map(Timer::count).orElse(0L);
    double uploadMean = upload.map(timer -> timer.mean(TimeUnit.MILLISECONDS)).orElse(Double.NaN);
    double uploadMax = upload.map(timer -> timer.max(TimeUnit.MILLISECONDS)).orElse(Double.NaN);
    double uploadTotal = upload.map(timer -> timer.totalTime(TimeUnit.SECONDS)).orElse(Double.NaN);
    if (records != topic.records()) {
      throw new IllegalStateException("flush.size " + flushSize + ": the sink counted " + records + " records written, the topic holds "
          + topic.records());
    }
    return new Result(flushSize, rotateIntervalMs, bucket, seconds, firstObject, records, bytes, progress.objects(), uploads,
        uploadMean, uploadMax, uploadTotal, tailFlushes, usage, services.bucketBytes(bucket), undeploySeconds);
  }

  private static double counter(SimpleMeterRegistry registry, String name) {
    return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
  }
}
