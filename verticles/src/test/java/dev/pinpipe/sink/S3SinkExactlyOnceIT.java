package dev.pinpipe.sink;

import dev.pinpipe.support.SinkFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After crashes, rebalances and S3 outages the objects hold every produced record exactly once.
 * Records carry timestamps on both sides of a UTC midnight and objects rotate every few
 * milliseconds, so object boundaries differ from one attempt to the next.
 */
class S3SinkExactlyOnceIT {

  private static final long[] TIMESTAMPS = {
      Instant.parse("2024-02-29T23:59:59Z").toEpochMilli(), Instant.parse("2024-03-01T00:00:00Z").toEpochMilli()};
  private static final Map<String, String> CHURN = Map.of("sink.flush-size", "7", "sink.rotate-interval-ms", "30");

  @TempDir
  Path dir;

  private SinkFixture fixture;
  private final List<String> produced = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger sequence = new AtomicInteger();

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void crashesAtManyPointsIncludingBetweenUploadAndCommitLoseAndDoubleNothing() {
    fixture = new SinkFixture(dir, 3);
    Random random = new Random(7);
    for (int round = 0; round < 10; round++) {
      CompletableFuture<Void> production = produceAsync(150, random.nextLong());
      int crashAfter = 1 + random.nextInt(8);
      AtomicInteger written = new AtomicInteger();
      AtomicReference<S3SinkVerticle> sink = new AtomicReference<>();
      CompletableFuture<Void> crashed = new CompletableFuture<>();
      boolean betweenUploadAndCommit = round % 2 == 0;
      sink.set(fixture.newSink(CHURN, (partition, key, next) -> {
        if (written.incrementAndGet() == crashAfter && betweenUploadAndCommit) {
          sink.get().crash().onComplete(done -> crashed.complete(null));
        }
      }, new SimpleMeterRegistry()));
      String deployment = fixture.deploy(sink.get());
      await().atMost(Duration.ofSeconds(60)).until(() -> written.get() >= crashAfter);
      if (!betweenUploadAndCommit) {
        SinkFixture.await(sink.get().crash());
        crashed.complete(null);
      }
      crashed.join();
      fixture.undeploy(deployment);
      production.join();
    }

    drainWithOneSink();
    assertExactlyOnce();
  }

  @Test
  void twoInstancesInOneGroupWithOneLeavingAndOneCrashingMidStreamWriteEveryRecordOnce() {
    fixture = new SinkFixture(dir, 4);
    AtomicInteger written = new AtomicInteger();
    S3SinkVerticle.Listener counting = (partition, key, next) -> written.incrementAndGet();
    CompletableFuture<Void> production = produceAsync(3000, 11);

    String first = fixture.deploy(fixture.newSink(CHURN, counting, new SimpleMeterRegistry()));
    S3SinkVerticle secondSink = fixture.newSink(CHURN, counting, new SimpleMeterRegistry());
    String second = fixture.deploy(secondSink);
    awaitMoreObjects(written, 20);
    fixture.undeploy(first);
    awaitMoreObjects(written, 20);
    String third = fixture.deploy(fixture.newSink(CHURN, counting, new SimpleMeterRegistry()));
    awaitMoreObjects(written, 20);
    SinkFixture.await(secondSink.crash());
    fixture.undeploy(second);
    production.join();

    fixture.awaitCommittedToEnd(List.of(fixture.topic("pin")), Duration.ofSeconds(90));
    fixture.undeploy(third);
    assertExactlyOnce();
  }

  @Test
  void anS3OutageStallsThePartitionsAndWhenS3ComesBackNothingIsLostOrDoubled() {
    fixture = new SinkFixture(dir, 2);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    String deployment = fixture.deploy(fixture.newSink(Map.of("sink.flush-size", "10", "sink.rotate-interval-ms", "100"),
        (partition, key, next) -> { }, registry));
    produceAsync(100, 3).join();
    fixture.awaitCommittedToEnd(List.of(fixture.topic("pin")), Duration.ofSeconds(60));

    fixture.stopS3();
    CompletableFuture<Void> production = produceAsync(200, 4);
    await().atMost(Duration.ofSeconds(30)).until(() -> registry.get("pinpipe.sink.stalled.partitions").gauge().value() >= 1);
    production.join();
    fixture.startS3();

    fixture.awaitCommittedToEnd(List.of(fixture.topic("pin")), Duration.ofSeconds(60));
    await().atMost(Duration.ofSeconds(30)).until(() -> registry.get("pinpipe.sink.stalled.partitions").gauge().value() == 0);
    assertThat(registry.get("pinpipe.sink.s3.retries").counter().count()).isPositive();
    fixture.undeploy(deployment);
    assertExactlyOnce();
  }

  private CompletableFuture<Void> produceAsync(int count, long seed) {
    String topic = fixture.topic("pin");
    return CompletableFuture.runAsync(() -> {
      Random random = new Random(seed);
      for (int i = 0; i < count; i++) {
        String value = "{\"n\":" + sequence.incrementAndGet() + ",\"title\":\"r" + random.nextInt(1000) + " \\\"é\\\"\"}";
        fixture.produce(topic, random.nextInt(fixture.partitions()), TIMESTAMPS[random.nextInt(TIMESTAMPS.length)], value);
        produced.add(value);
      }
    });
  }

  private static void awaitMoreObjects(AtomicInteger written, int more) {
    int target = written.get() + more;
    await().atMost(Duration.ofSeconds(60)).until(() -> written.get() >= target);
  }

  private void drainWithOneSink() {
    S3SinkVerticle sink = fixture.newSink(CHURN);
    String deployment = fixture.deploy(sink);
    fixture.awaitCommittedToEnd(List.of(fixture.topic("pin")), Duration.ofSeconds(90));
    fixture.undeploy(deployment);
  }

  private void assertExactlyOnce() {
    List<String> lines = fixture.lines(fixture.topic("pin"));
    assertThat(lines).hasSameSizeAs(produced);
    assertThat(lines).containsExactlyInAnyOrderElementsOf(produced);
  }
}
