package dev.pinpipe.sink;

import dev.pinpipe.support.SinkFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the sink never does to a bucket (issue 9): delete or overwrite objects of another topic
 * incarnation or consumer group, or of its own committed work, whatever happened to Kafka.
 */
class S3SinkSafetyIT {

  private static final Map<String, String> SMALL_OBJECTS = Map.of("sink.flush-size", "7", "sink.rotate-interval-ms", "200");

  @TempDir
  Path dir;

  @Test
  void aTopicDeletedAndRecreatedWhileServingKeepsTheOldIncarnationsObjectsAndWritesTheNewOnesRecords() {
    try (SinkFixture fixture = new SinkFixture(dir, 2)) {
      String topic = fixture.topic("pin");
      String deployment = fixture.deploy(fixture.newSink(SMALL_OBJECTS));
      List<String> expected = produce(fixture, topic, "old", 20);
      fixture.awaitCommittedToEnd(List.of(topic), Duration.ofSeconds(60));
      Map<String, String> before = fixture.objects(topic);

      fixture.recreate(topic);
      expected.addAll(produce(fixture, topic, "new", 20));

      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(fixture.lines(topic)).hasSameSizeAs(expected));
      fixture.undeploy(deployment);
      assertThat(fixture.objects(topic)).containsAllEntriesOf(before);
      assertThat(fixture.lines(topic)).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void offsetsDeletedAsExpiryDoesAreRecoveredFromS3AndNothingIsWrittenTwiceOrRewritten() {
    try (SinkFixture fixture = new SinkFixture(dir, 2)) {
      String topic = fixture.topic("geo");
      String first = fixture.deploy(fixture.newSink(SMALL_OBJECTS));
      List<String> expected = produce(fixture, topic, "before", 30);
      fixture.awaitCommittedToEnd(List.of(topic), Duration.ofSeconds(60));
      fixture.undeploy(first);
      Map<String, String> before = fixture.objects(topic);

      fixture.deleteOffsets(topic);
      String second = fixture.deploy(fixture.newSink(SMALL_OBJECTS));
      expected.addAll(produce(fixture, topic, "after", 10));
      fixture.awaitCommittedToEnd(List.of(topic), Duration.ofSeconds(60));
      fixture.undeploy(second);

      assertThat(fixture.objects(topic)).containsAllEntriesOf(before);
      assertThat(fixture.lines(topic)).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void twoGroupsOnOneBucketCrashingAndRestartingNeverTouchEachOthersObjects() {
    try (SinkFixture fixture = new SinkFixture(dir, 2)) {
      String topic = fixture.topic("user");
      Map<String, String> groupB = Map.of("sink.flush-size", "5", "sink.rotate-interval-ms", "200", "sink.group-id", fixture.groupId() + "-b");
      String a = fixture.deploy(fixture.newSink(SMALL_OBJECTS));
      S3SinkVerticle b = fixture.newSink(groupB);
      fixture.deploy(b);
      List<String> expected = produce(fixture, topic, "one", 20);
      fixture.awaitCommittedToEnd(List.of(topic), Duration.ofSeconds(60));
      fixture.awaitCommittedToEnd(groupB.get("sink.group-id"), List.of(topic), Duration.ofSeconds(60));
      Map<String, String> groupAObjects = byGroup(fixture, topic, fixture.groupId());

      SinkFixture.await(b.crash());
      expected.addAll(produce(fixture, topic, "two", 20));
      fixture.awaitCommittedToEnd(List.of(topic), Duration.ofSeconds(60));
      fixture.deploy(fixture.newSink(groupB));
      expected.addAll(produce(fixture, topic, "three", 10));
      fixture.awaitCommittedToEnd(List.of(topic), Duration.ofSeconds(60));
      fixture.awaitCommittedToEnd(groupB.get("sink.group-id"), List.of(topic), Duration.ofSeconds(60));
      fixture.undeploy(a);

      assertThat(byGroup(fixture, topic, fixture.groupId())).containsAllEntriesOf(groupAObjects);
      assertThat(lines(byGroup(fixture, topic, fixture.groupId()))).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(lines(byGroup(fixture, topic, groupB.get("sink.group-id")))).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  private static Map<String, String> byGroup(SinkFixture fixture, String topic, String group) {
    return fixture.objects(topic).entrySet().stream()
        .filter(object -> group.equals(fixture.metadata(object.getKey()).get("pinpipe-group")))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static List<String> lines(Map<String, String> objects) {
    return objects.values().stream().flatMap(String::lines).toList();
  }

  /** {@code perPartition} records to each partition, stamped now; their JSON values. */
  private static List<String> produce(SinkFixture fixture, String topic, String round, int perPartition) {
    List<String> values = new ArrayList<>();
    for (int partition = 0; partition < fixture.partitions(); partition++) {
      for (int i = 0; i < perPartition; i++) {
        String value = "{\"round\":\"" + round + "\",\"p\":" + partition + ",\"i\":" + i + "}";
        fixture.produce(topic, partition, System.currentTimeMillis(), value);
        values.add(value);
      }
    }
    return values;
  }
}
