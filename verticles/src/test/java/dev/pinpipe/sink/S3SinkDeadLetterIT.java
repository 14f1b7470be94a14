package dev.pinpipe.sink;

import dev.pinpipe.support.SharedKafka;
import dev.pinpipe.support.SinkFixture;
import dev.pinpipe.support.TopicReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class S3SinkDeadLetterIT {

  @TempDir
  Path dir;

  @Test
  void poisonRecordsGoToTheDeadLetterTopicWithTheReasonAndTheGoodOnesAroundThemLand() {
    try (SinkFixture fixture = new SinkFixture(dir, 1)) {
      String topic = fixture.topic("pin");
      long now = System.currentTimeMillis();
      List<String> sent = List.of(
          "{\"index\":1}",
          "not json",
          "{\"index\":2,\"title\":\"a \\\"quoted\\\" \\\\ title\"}",
          "{\"index\":",
          "",
          "1 2",
          "{\n  \"index\": 3,\n  \"title\": \"pretty printed\"\n}",
          "{\"index\":4}");
      sent.forEach(value -> fixture.produce(topic, 0, now, value));
      fixture.produce(topic, 0, now, (byte[]) null);
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      S3SinkVerticle sink = fixture.newSink(Map.of("sink.flush-size", "100"), (partition, key, next) -> { }, registry);
      String deployment = fixture.deploy(sink);
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        SinkFixture.await(sink.flush());
        return !fixture.keys(topic).isEmpty();
      });
      fixture.awaitCommittedToEnd(List.of(topic), Duration.ofSeconds(30));

      assertThat(fixture.lines(topic)).containsExactly(
          "{\"index\":1}",
          "{\"index\":2,\"title\":\"a \\\"quoted\\\" \\\\ title\"}",
          "{\"index\":3,\"title\":\"pretty printed\"}",
          "{\"index\":4}");
      List<ConsumerRecord<byte[], byte[]>> dead = TopicReader.readAll(SharedKafka.bootstrap(), List.of(topic + ".dlq"));
      assertThat(dead).extracting(record -> record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8))
          .containsExactly("not json", "{\"index\":", "", "1 2", null);
      assertThat(dead).extracting(record -> header(record, "__connect.errors.offset")).containsExactly("1", "3", "4", "5", "8");
      assertThat(dead).allSatisfy(record -> {
        assertThat(header(record, "__connect.errors.topic")).isEqualTo(topic);
        assertThat(header(record, "__connect.errors.partition")).isEqualTo("0");
      });
      assertThat(dead).extracting(record -> header(record, "__connect.errors.exception.message"))
          .satisfiesExactly(
              reason -> assertThat(reason).startsWith("invalid JSON"),
              reason -> assertThat(reason).startsWith("invalid JSON"),
              reason -> assertThat(reason).isEqualTo("empty value: not a JSON value"),
              reason -> assertThat(reason).startsWith("more than one JSON value"),
              reason -> assertThat(reason).startsWith("null value"));
      assertThat(registry.get("pinpipe.sink.dead.letters").tag("topic", topic).counter().count()).isEqualTo(5);
      assertThat(registry.get("pinpipe.sink.records").tag("topic", topic).counter().count()).isEqualTo(4);
      fixture.undeploy(deployment);
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
