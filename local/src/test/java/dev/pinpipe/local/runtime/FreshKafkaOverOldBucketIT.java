package dev.pinpipe.local.runtime;

import dev.pinpipe.config.ConfigSource;

import dev.pinpipe.runtime.Role;

import dev.pinpipe.embedded.EmbeddedS3;
import dev.pinpipe.s3.S3Clients;
import dev.pinpipe.support.Ports;
import dev.pinpipe.support.SamplePosts;
import dev.pinpipe.support.TestPipeline;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reproduction of issue 9: {@code serve} with its embedded Kafka writes to S3, stops, its
 * Kafka log directory is removed (a new cluster: new topic IDs, no offsets) and it starts again.
 * Nothing already in S3 may go, and the new records land beside it.
 */
class FreshKafkaOverOldBucketIT {

  @TempDir
  Path dataDir;

  @Test
  void aFreshKafkaInFrontOfAnExistingBucketDeletesNothingAndNewRecordsLand() throws Exception {
    int kafkaPort = Ports.free(2);
    Map<String, String> config = Map.of(
        "kafka.topic-prefix", "fresh",
        "embedded.data-dir", dataDir.toString(),
        "embedded.kafka-port", String.valueOf(kafkaPort),
        "embedded.s3-port", String.valueOf(Ports.free()),
        "sink.rotate-interval-ms", "300");
    Map<String, String> before;
    try (TestPipeline pipeline = start(config)) {
      post(pipeline, 0, 20);
      before = awaitLines(pipeline, 60);
    }
    deleteRecursively(dataDir.resolve("kafka"));

    try (TestPipeline pipeline = start(config)) {
      post(pipeline, 20, 25);
      Map<String, String> after = awaitLines(pipeline, 75);

      assertThat(after).containsAllEntriesOf(before);
      List<String> lines = after.values().stream().flatMap(body -> body.lines()).toList();
      List<String> expected = new ArrayList<>();
      for (int index = 0; index < 25; index++) {
        expected.add(SamplePosts.pin(index).encode());
        expected.add(SamplePosts.geo(index).encode());
        expected.add(SamplePosts.user(index).encode());
      }
      assertThat(lines).containsExactlyInAnyOrderElementsOf(expected);
      String metrics = pipeline.get(pipeline.managementUri("/metrics")).body();
      assertThat(metrics).contains("pinpipe_sink_objects_deleted_total 0.0");
    }
  }

  /** The whole pipeline on one machine: embedded Kafka and S3 under the data dir. */
  private static TestPipeline start(Map<String, String> config) {
    LocalPipeline local = LocalPipeline.start(ConfigSource.of(TestPipeline.settings(config)), EnumSet.of(Role.INGEST, Role.FANOUT, Role.SINK));
    return TestPipeline.around(local.runtime(), local);
  }

  private static void post(TestPipeline pipeline, int from, int to) {
    JsonArray posts = new JsonArray();
    for (int index = from; index < to; index++) {
      posts.add(new JsonObject().put("pin", SamplePosts.pin(index)).put("geo", SamplePosts.geo(index)).put("user", SamplePosts.user(index)));
    }
    assertThat(pipeline.post("/posts", "application/json", new JsonObject().put("posts", posts).encode()).statusCode()).isEqualTo(200);
  }

  /** Waits until S3 holds {@code lines} lines in all and every partition's commit reached its end; key to body. */
  private static Map<String, String> awaitLines(TestPipeline pipeline, int lines) throws Exception {
    try (S3AsyncClient client = pipeline.s3Client()) {
      await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(ExecutionException.class)
          .until(() -> objects(client).values().stream().mapToLong(body -> body.lines().count()).sum() == lines);
      pipeline.runtime().awaitSinkCaughtUp(Duration.ofSeconds(60), behind -> { });
      return objects(client);
    }
  }

  private static Map<String, String> objects(S3AsyncClient client) throws Exception {
    Map<String, String> objects = new TreeMap<>();
    for (S3Object object : client.listObjectsV2(request -> request.bucket("pinpipe").prefix("topics/")).get(30, TimeUnit.SECONDS).contents()) {
      if (object.key().endsWith(".json")) {
        objects.put(object.key(), client.getObject(request -> request.bucket("pinpipe").key(object.key()), AsyncResponseTransformer.toBytes())
            .get(30, TimeUnit.SECONDS).asString(StandardCharsets.UTF_8));
      }
    }
    return objects;
  }

  private static void deleteRecursively(Path directory) throws Exception {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
