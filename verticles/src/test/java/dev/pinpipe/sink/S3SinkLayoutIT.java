package dev.pinpipe.sink;

import dev.pinpipe.support.SinkFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Keys and bodies as the Confluent S3 sink writes them for the same offsets and flush.size. */
class S3SinkLayoutIT {

  private static final long DAY_29_LATE = Instant.parse("2024-02-29T23:59:58Z").toEpochMilli();
  private static final long MARCH_1_EARLY = Instant.parse("2024-03-01T00:00:01Z").toEpochMilli();

  @TempDir
  Path dir;

  private SinkFixture fixture;

  @BeforeEach
  void start() {
    fixture = new SinkFixture(dir, 2);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void defaultPartitionerWritesFlushSizeObjectsNamedByTheirFirstOffset() {
    String topic = fixture.topic("pin");
    for (int i = 0; i < 7; i++) {
      fixture.produce(topic, 0, MARCH_1_EARLY, "{\"index\":" + i + ",\"title\":\"p0 \\\"" + i + "\\\" é 📌\"}");
    }
    for (int i = 0; i < 3; i++) {
      fixture.produce(topic, 1, MARCH_1_EARLY, "{\"index\":" + (100 + i) + "}");
    }
    S3SinkVerticle sink = fixture.newSink(Map.of("sink.partitioner", "default", "sink.flush-size", "3", "sink.rotate-interval-ms", "600000"));
    String deployment = fixture.deploy(sink);

    String p0 = "topics/" + topic + "/partition=0/" + topic + "+0+";
    String p1 = "topics/" + topic + "/partition=1/" + topic + "+1+";
    await().atMost(Duration.ofSeconds(30)).until(() -> fixture.keys(topic).size() == 3);
    Map<String, String> objects = fixture.objects(topic);
    assertThat(objects).containsOnlyKeys(p0 + "0000000000.json", p0 + "0000000003.json", p1 + "0000000000.json");
    assertThat(objects.get(p0 + "0000000000.json")).isEqualTo(
        "{\"index\":0,\"title\":\"p0 \\\"0\\\" é 📌\"}\n{\"index\":1,\"title\":\"p0 \\\"1\\\" é 📌\"}\n{\"index\":2,\"title\":\"p0 \\\"2\\\" é 📌\"}\n");
    assertThat(objects.get(p1 + "0000000000.json")).isEqualTo("{\"index\":100}\n{\"index\":101}\n{\"index\":102}\n");

    SinkFixture.await(sink.flush());
    assertThat(fixture.keys(topic)).contains(p0 + "0000000006.json");
    assertThat(fixture.read(p0 + "0000000006.json")).isEqualTo("{\"index\":6,\"title\":\"p0 \\\"6\\\" é 📌\"}\n");
    fixture.awaitCommittedToEnd(List.of(topic), Duration.ofSeconds(30));
    fixture.undeploy(deployment);
  }

  @Test
  void flushSizeOneWritesOneObjectPerRecordAsTheOriginalSetupDid() {
    String topic = fixture.topic("geo");
    for (int i = 0; i < 3; i++) {
      fixture.produce(topic, 0, MARCH_1_EARLY, "{\"ind\":" + i + ",\"country\":\"Côte d'Ivoire\"}");
    }
    String deployment = fixture.deploy(fixture.newSink(Map.of("sink.partitioner", "default", "sink.flush-size", "1")));

    String prefix = "topics/" + topic + "/partition=0/" + topic + "+0+";
    await().atMost(Duration.ofSeconds(30)).until(() -> fixture.keys(topic).size() == 3);
    assertThat(fixture.objects(topic)).isEqualTo(Map.of(
        prefix + "0000000000.json", "{\"ind\":0,\"country\":\"Côte d'Ivoire\"}\n",
        prefix + "0000000001.json", "{\"ind\":1,\"country\":\"Côte d'Ivoire\"}\n",
        prefix + "0000000002.json", "{\"ind\":2,\"country\":\"Côte d'Ivoire\"}\n"));
    fixture.undeploy(deployment);
  }

  @Test
  void dailyPartitionerCutsObjectsAtUtcMidnightAndMarksCompleteDays() {
    String topic = fixture.topic("user");
    for (int p = 0; p < 2; p++) {
      fixture.produce(topic, p, DAY_29_LATE, "{\"ind\":" + p + ",\"day\":29}");
      fixture.produce(topic, p, DAY_29_LATE + 1, "{\"ind\":" + (10 + p) + ",\"day\":29}");
      fixture.produce(topic, p, MARCH_1_EARLY, "{\"ind\":" + (20 + p) + ",\"day\":1}");
    }
    // A day of grace that has not passed for March 1: only the watermark can complete a day here.
    String hoursOfGrace = String.valueOf(Duration.ofDays(365 * 100).toMillis());
    S3SinkVerticle sink = fixture.newSink(Map.of("sink.flush-size", "100", "sink.complete-grace-ms", hoursOfGrace));
    String deployment = fixture.deploy(sink);

    String feb29 = "topics/" + topic + "/year=2024/month=02/day=29/";
    String mar01 = "topics/" + topic + "/year=2024/month=03/day=01/";
    await().atMost(Duration.ofSeconds(30)).until(() -> fixture.keys(topic).size() == 2);
    SinkFixture.await(sink.flush());
    fixture.awaitCommittedToEnd(List.of(topic), Duration.ofSeconds(30));
    await().atMost(Duration.ofSeconds(30)).until(() -> fixture.keys(topic).contains(feb29 + "_COMPLETE"));

    assertThat(fixture.objects(topic)).containsExactlyInAnyOrderEntriesOf(Map.of(
        feb29 + topic + "+0+0000000000.json", "{\"ind\":0,\"day\":29}\n{\"ind\":10,\"day\":29}\n",
        feb29 + topic + "+1+0000000000.json", "{\"ind\":1,\"day\":29}\n{\"ind\":11,\"day\":29}\n",
        mar01 + topic + "+0+0000000002.json", "{\"ind\":20,\"day\":1}\n",
        mar01 + topic + "+1+0000000002.json", "{\"ind\":21,\"day\":1}\n"));
    assertThat(fixture.read(feb29 + "_COMPLETE")).isEmpty();
    // March 1 is not complete: no partition has a later record and the grace period has not passed.
    assertThat(fixture.keys(topic)).doesNotContain(mar01 + "_COMPLETE");
    fixture.undeploy(deployment);

    // Once the grace period after the end of March 1 has passed and every partition is idle, it is complete too.
    String restarted = fixture.deploy(fixture.newSink(Map.of("sink.complete-grace-ms", "0")));
    await().atMost(Duration.ofSeconds(30)).until(() -> fixture.keys(topic).contains(mar01 + "_COMPLETE"));
    fixture.undeploy(restarted);
  }

  @Test
  void anIdleOpenObjectIsWrittenWithinTheRotateIntervalPlusOneSecond() {
    String topic = fixture.topic("pin");
    long rotateMs = 1500;
    String deployment = fixture.deploy(fixture.newSink(Map.of("sink.flush-size", "1000", "sink.rotate-interval-ms", String.valueOf(rotateMs))));
    // The sink's group has joined once it has committed nothing yet but owns the partitions: wait for its first object instead.
    fixture.produce(topic, 0, System.currentTimeMillis(), "{\"warm\":true}");
    await().atMost(Duration.ofSeconds(30)).until(() -> fixture.keys(topic).size() == 1);

    for (int i = 0; i < 5; i++) {
      fixture.produce(topic, 1, System.currentTimeMillis(), "{\"idle\":" + i + "}");
    }
    await().atMost(Duration.ofMillis(rotateMs + 1000)).pollInterval(Duration.ofMillis(50))
        .until(() -> fixture.keys(topic).size() == 2);
    assertThat(fixture.lines(topic)).containsExactlyInAnyOrder("{\"warm\":true}", "{\"idle\":0}", "{\"idle\":1}", "{\"idle\":2}",
        "{\"idle\":3}", "{\"idle\":4}");
    fixture.undeploy(deployment);
  }
}
