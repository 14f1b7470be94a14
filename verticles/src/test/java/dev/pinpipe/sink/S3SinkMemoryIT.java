package dev.pinpipe.sink;

import dev.pinpipe.support.SinkFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class S3SinkMemoryIT {

  private static final int KIB = 1024;

  @TempDir
  Path dir;

  @Test
  void whileS3IsDownBuffersStayWithinTheirBoundAndThePartitionsPause() {
    try (SinkFixture fixture = new SinkFixture(dir, 3)) {
      String topic = fixture.topic("pin");
      long bound = 256 * KIB;
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      String deployment = fixture.deploy(fixture.newSink(Map.of(
          "sink.flush-size", "100000", "sink.rotate-interval-ms", "1000",
          "sink.max-object-bytes", String.valueOf(64 * KIB), "sink.max-buffered-bytes", String.valueOf(bound)),
          (partition, key, next) -> { }, registry));
      List<String> produced = new ArrayList<>();
      // The sink needs S3 to learn where each partition starts; it fails once they are all running.
      for (int partition = 0; partition < 3; partition++) {
        String value = "{\"first\":" + partition + "}";
        fixture.produce(topic, partition, System.currentTimeMillis(), value);
        produced.add(value);
      }
      fixture.awaitCommittedToEnd(List.of(topic), Duration.ofSeconds(30));
      fixture.stopS3();

      String padding = "x".repeat(1000);
      for (int i = 0; i < 3000; i++) {
        String value = "{\"n\":" + i + ",\"pad\":\"" + padding + "\"}";
        fixture.produce(topic, i % 3, System.currentTimeMillis(), value);
        produced.add(value);
      }
      // About 3 MB were produced; the sink holds at most its bound plus one poll's records (max.poll.records 100).
      long slack = 2L * 100 * 1100;
      await().atMost(Duration.ofSeconds(30)).until(() -> buffered(registry) >= bound);
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> buffered(registry) <= bound + slack);

      fixture.startS3();
      fixture.awaitCommittedToEnd(List.of(topic), Duration.ofSeconds(60));
      fixture.undeploy(deployment);
      assertThat(fixture.lines(topic)).containsExactlyInAnyOrderElementsOf(produced);
      assertThat(fixture.objects(topic).values()).allSatisfy(body -> assertThat(body.length()).isLessThanOrEqualTo(64 * KIB + 1100));
    }
  }

  @Test
  void anObjectLargerThanAPartGoesUpAsAMultipartUploadAndReadsBackWhole() {
    try (SinkFixture fixture = new SinkFixture(dir, 1)) {
      String topic = fixture.topic("user");
      StringBuilder expected = new StringBuilder();
      String padding = "é📌".repeat(1500);
      for (int i = 0; i < 800; i++) {
        String value = "{\"ind\":" + i + ",\"bio\":\"" + padding + "\"}";
        fixture.produce(topic, 0, System.currentTimeMillis(), value);
        expected.append(value).append('\n');
      }
      long part = 5L * KIB * KIB;
      // About 7 MB, all there before the sink starts: the first object takes everything read within the rotate interval.
      String deployment = fixture.deploy(fixture.newSink(Map.of("sink.flush-size", "100000", "sink.rotate-interval-ms", "5000",
          "sink.part-bytes", String.valueOf(part), "sink.max-object-bytes", String.valueOf(64 * KIB * KIB))));
      fixture.awaitCommittedToEnd(List.of(topic), Duration.ofSeconds(60));
      fixture.undeploy(deployment);

      Map<String, String> objects = fixture.objects(topic);
      assertThat(String.join("", objects.values())).isEqualTo(expected.toString());
      assertThat(objects.values()).anySatisfy(body -> assertThat((long) body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
          .isGreaterThan(part));
    }
  }

  private static double buffered(SimpleMeterRegistry registry) {
    return registry.get("pinpipe.sink.buffered.bytes").gauge().value();
  }
}
