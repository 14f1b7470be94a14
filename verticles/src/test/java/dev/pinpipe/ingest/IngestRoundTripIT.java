package dev.pinpipe.ingest;

import dev.pinpipe.support.SamplePosts;
import dev.pinpipe.support.TestPipeline;
import dev.pinpipe.support.TopicReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.pinpipe.support.TestPipeline.BINARY_V2;
import static dev.pinpipe.support.TestPipeline.JSON_V2;
import static org.assertj.core.api.Assertions.assertThat;

class IngestRoundTripIT {

  private static TestPipeline pipeline;

  @BeforeAll
  static void start() {
    pipeline = TestPipeline.start(Map.of());
  }

  @AfterAll
  static void stop() {
    pipeline.close();
  }

  private static Map<String, ConsumerRecord<byte[], byte[]>> byPosition(String topic) {
    Map<String, ConsumerRecord<byte[], byte[]>> records = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : TopicReader.readAll(pipeline.bootstrap(), List.of(topic))) {
      records.put(record.partition() + "@" + record.offset(), record);
    }
    return records;
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void jsonRecordsArriveByteForByteAtTheOffsetsTheResponseReports() {
    String topic = pipeline.topic("pin");
    List<String> values = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    JsonArray records = new JsonArray();
    for (int i = 0; i < 30; i++) {
      JsonObject value = SamplePosts.pin(i);
      values.add(value.encode());
      keys.add(i % 3 == 0 ? null : "\"key-" + i + "\"");
      JsonObject record = new JsonObject().put("value", value);
      if (i % 3 != 0) {
        record.put("key", "key-" + i);
      }
      if (i % 5 == 0) {
        record.put("partition", 1);
      }
      records.add(record);
    }

    HttpResponse<String> response = pipeline.post("/topics/" + topic, JSON_V2, new JsonObject().put("records", records).encode());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/vnd.kafka.v2+json");
    JsonObject body = new JsonObject(response.body());
    assertThat(body.containsKey("key_schema_id")).isTrue();
    assertThat(body.getValue("value_schema_id")).isNull();
    JsonArray offsets = body.getJsonArray("offsets");
    assertThat(offsets).hasSize(30);
    Map<String, ConsumerRecord<byte[], byte[]>> stored = byPosition(topic);
    Map<Integer, Long> lastOffset = new HashMap<>();
    for (int i = 0; i < 30; i++) {
      JsonObject offset = offsets.getJsonObject(i);
      assertThat(offset.getMap()).containsEntry("error_code", null).containsEntry("error", null);
      int partition = offset.getInteger("partition");
      if (i % 5 == 0) {
        assertThat(partition).isEqualTo(1);
      }
      ConsumerRecord<byte[], byte[]> record = stored.get(partition + "@" + offset.getLong("offset"));
      assertThat(record).as("record %d at %s", i, offset).isNotNull();
      assertThat(text(record.value())).isEqualTo(values.get(i));
      assertThat(text(record.key())).isEqualTo(keys.get(i));
      assertThat(offset.getLong("offset")).as("request order within a partition").isGreaterThan(lastOffset.getOrDefault(partition, -1L));
      lastOffset.put(partition, offset.getLong("offset"));
    }
  }

  @Test
  void binaryRecordsArriveAsTheDecodedBytes() {
    String topic = pipeline.topic("geo");
    Random random = new Random(7);
    List<byte[]> values = new ArrayList<>();
    JsonArray records = new JsonArray();
    for (int i = 0; i < 10; i++) {
      byte[] value = new byte[50 + i];
      random.nextBytes(value);
      values.add(value);
      records.add(new JsonObject().put("key", Base64.getEncoder().encodeToString(("k" + i).getBytes(StandardCharsets.UTF_8)))
          .put("value", Base64.getEncoder().encodeToString(value)));
    }

    HttpResponse<String> response = pipeline.post("/topics/" + topic, BINARY_V2, new JsonObject().put("records", records).encode());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonArray offsets = new JsonObject(response.body()).getJsonArray("offsets");
    Map<String, ConsumerRecord<byte[], byte[]>> stored = byPosition(topic);
    for (int i = 0; i < 10; i++) {
      JsonObject offset = offsets.getJsonObject(i);
      ConsumerRecord<byte[], byte[]> record = stored.get(offset.getInteger("partition") + "@" + offset.getLong("offset"));
      assertThat(record.value()).isEqualTo(values.get(i));
      assertThat(text(record.key())).isEqualTo("k" + i);
    }
  }

  @Test
  void thePartitionInThePathIsUsedUnlessARecordNamesItsOwn() {
    String topic = pipeline.topic("user");

    HttpResponse<String> response = pipeline.post("/topics/" + topic + "/partitions/2", "application/json",
        "{\"records\":[{\"value\":{\"a\":1}},{\"value\":{\"a\":2},\"partition\":0},{\"value\":{\"a\":3}}]}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonArray offsets = new JsonObject(response.body()).getJsonArray("offsets");
    assertThat(offsets.stream().map(o -> ((JsonObject) o).getInteger("partition")).toList()).containsExactly(2, 0, 2);
  }

  @Test
  void theOriginalClientsOneRecordRequestsWorkUnchanged() {
    Map<String, String> sent = new HashMap<>();
    for (int index = 100; index < 105; index++) {
      Map<String, JsonObject> post = Map.of("pin", SamplePosts.pin(index), "geo", SamplePosts.geo(index), "user", SamplePosts.user(index));
      for (Map.Entry<String, JsonObject> part : post.entrySet()) {
        // Exactly what the original user_posting_emulation.py sent: json.dumps({"records": [{"value": {...}}]}).
        String payload = "{\"records\": [{\"value\": " + part.getValue().encode() + "}]}";
        HttpResponse<String> response = pipeline.post("/topics/" + pipeline.topic(part.getKey()), JSON_V2, payload);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject offset = new JsonObject(response.body()).getJsonArray("offsets").getJsonObject(0);
        sent.put(part.getKey() + "/" + offset.getInteger("partition") + "@" + offset.getLong("offset"), part.getValue().encode());
      }
    }

    for (String kind : List.of("pin", "geo", "user")) {
      Map<String, ConsumerRecord<byte[], byte[]>> stored = byPosition(pipeline.topic(kind));
      sent.forEach((where, value) -> {
        if (where.startsWith(kind + "/")) {
          ConsumerRecord<byte[], byte[]> record = stored.get(where.substring(kind.length() + 1));
          assertThat(text(record.value())).isEqualTo(value);
          assertThat(text(record.value())).doesNotContain("\n");
        }
      });
    }
    assertThat(sent).hasSize(15);
  }

  @Test
  void aPostIsFannedOutToThreeTopicsKeyedByItsIndex() {
    JsonArray posts = new JsonArray();
    for (int index = 500; index < 503; index++) {
      posts.add(new JsonObject().put("pin", SamplePosts.pin(index)).put("geo", SamplePosts.geo(index)).put("user", SamplePosts.user(index)));
    }

    HttpResponse<String> response = pipeline.post("/posts", "application/json", new JsonObject().put("posts", posts).encode());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getInteger("posts")).isEqualTo(3);
    for (String kind : List.of("pin", "geo", "user")) {
      JsonArray offsets = body.getJsonObject("offsets").getJsonArray(pipeline.topic(kind));
      assertThat(offsets).hasSize(3);
      Map<String, ConsumerRecord<byte[], byte[]>> stored = byPosition(pipeline.topic(kind));
      for (int i = 0; i < 3; i++) {
        JsonObject offset = offsets.getJsonObject(i);
        ConsumerRecord<byte[], byte[]> record = stored.get(offset.getInteger("partition") + "@" + offset.getLong("offset"));
        assertThat(text(record.key())).isEqualTo(String.valueOf(500 + i));
        assertThat(text(record.value())).isEqualTo(posts.getJsonObject(i).getJsonObject(kind).encode());
      }
    }
  }

  @Test
  void aRecordKafkaRejectsIs500WithItsEntryMarkedFatalAndTheOthersAcknowledged() throws Exception {
    String topic = pipeline.topic("geo");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", pipeline.bootstrap()))) {
      admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic),
          List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "4096"), AlterConfigOp.OpType.SET)))).all().get();
    }
    byte[] incompressible = new byte[30_000];
    new Random(1).nextBytes(incompressible);
    String big = Base64.getEncoder().encodeToString(incompressible);

    HttpResponse<String> response = pipeline.post("/topics/" + topic, JSON_V2,
        "{\"records\":[{\"value\":{\"small\":true},\"partition\":0},{\"value\":\"" + big + "\",\"partition\":1}]}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
    JsonArray offsets = new JsonObject(response.body()).getJsonArray("offsets");
    assertThat(offsets.getJsonObject(0).getValue("error_code")).isNull();
    assertThat(offsets.getJsonObject(1).getInteger("error_code")).isEqualTo(50002);
    assertThat(offsets.getJsonObject(1).getString("error")).contains("RecordTooLarge");
    assertThat(byPosition(topic)).containsKey("0@" + offsets.getJsonObject(0).getLong("offset"));
  }

  @Test
  void topicsAreListedAndDescribedInTheRestProxyShapes() {
    HttpResponse<String> list = pipeline.get(pipeline.uri("/topics"));
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(new JsonArray(list.body()).getList()).containsExactlyElementsOf(pipeline.topics().stream().sorted().toList());

    HttpResponse<String> describe = pipeline.get(pipeline.uri("/topics/" + pipeline.topic("pin")));
    assertThat(describe.statusCode()).isEqualTo(200);
    JsonObject topic = new JsonObject(describe.body());
    assertThat(topic.getString("name")).isEqualTo(pipeline.topic("pin"));
    assertThat(topic.getJsonArray("partitions")).hasSize(3);
    JsonObject partition = topic.getJsonArray("partitions").getJsonObject(0);
    assertThat(partition.getInteger("leader")).isEqualTo(1);
    assertThat(partition.getJsonArray("replicas").getJsonObject(0).getMap())
        .containsEntry("broker", 1).containsEntry("leader", true).containsEntry("in_sync", true);
  }

  @Test
  void managementPortServesHealthReadinessAndMetrics() {
    pipeline.post("/topics/" + pipeline.topic("pin"), JSON_V2, "{\"records\":[{\"value\":1}]}");

    assertThat(pipeline.get(pipeline.managementUri("/healthz")).statusCode()).isEqualTo(200);
    HttpResponse<String> ready = pipeline.get(pipeline.managementUri("/readyz"));
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    String metrics = pipeline.get(pipeline.managementUri("/metrics")).body();
    assertThat(metrics)
        .contains("pinpipe_ingest_requests_seconds_count{route=\"produce\",status=\"200\"}")
        .contains("pinpipe_ingest_requests_seconds_bucket{")
        .contains("pinpipe_ingest_records_total")
        .contains("pinpipe_ingest_requests_in_flight")
        .contains("pinpipe_fanout_in_flight_bytes");
  }
}
