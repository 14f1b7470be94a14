package dev.pinpipe.local.runtime;

import dev.pinpipe.config.ConfigSource;

import dev.pinpipe.runtime.Role;

import dev.pinpipe.embedded.EmbeddedS3;
import dev.pinpipe.s3.S3Clients;
import dev.pinpipe.support.PathSpellings;
import dev.pinpipe.support.Ports;
import dev.pinpipe.support.SamplePosts;
import dev.pinpipe.support.SharedKafka;
import dev.pinpipe.support.TestPipeline;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code pinpipe serve} with all three roles: HTTP to Kafka to the embedded S3 in one process. */
class ServeWithSinkIT {

  @TempDir
  Path dataDir;

  @Test
  void postsSentOverHttpLandInTheEmbeddedS3UnderTheDailyLayoutWithTheDataDirSpelledDotSlash() throws Exception {
    Map<String, String> config = Map.of(
        "kafka.bootstrap", SharedKafka.bootstrap(),
        "embedded.data-dir", PathSpellings.dotRelative(dataDir),
        "embedded.s3-port", String.valueOf(Ports.free()),
        "sink.rotate-interval-ms", "300");
    LocalPipeline local = LocalPipeline.start(ConfigSource.of(TestPipeline.settings(config)), EnumSet.of(Role.INGEST, Role.FANOUT, Role.SINK));
    try (TestPipeline pipeline = TestPipeline.around(local.runtime(), local)) {
      EmbeddedS3 s3 = local.embeddedS3().orElseThrow();
      assertThat(s3.dataDir()).isEqualTo(dataDir.resolve("s3").toAbsolutePath());
      JsonArray posts = new JsonArray();
      for (int index = 0; index < 20; index++) {
        posts.add(new JsonObject().put("pin", SamplePosts.pin(index)).put("geo", SamplePosts.geo(index)).put("user", SamplePosts.user(index)));
      }
      assertThat(pipeline.post("/posts", "application/json", new JsonObject().put("posts", posts).encode()).statusCode()).isEqualTo(200);

      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      try (S3AsyncClient client = pipeline.s3Client()) {
        for (String kind : List.of("pin", "geo", "user")) {
          String topic = pipeline.topic(kind);
          String prefix = String.format("topics/%s/year=%04d/month=%02d/day=%02d/", topic, today.getYear(), today.getMonthValue(), today.getDayOfMonth());
          List<String> expected = new ArrayList<>();
          posts.forEach(post -> expected.add(((JsonObject) post).getJsonObject(kind).encode()));
          // A rebalance while the topics appear may rewrite an uncommitted object between a listing and its read.
          await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(ExecutionException.class)
              .untilAsserted(() -> assertThat(lines(client, prefix)).containsExactlyInAnyOrderElementsOf(expected));
        }
      }
      String metrics = pipeline.get(pipeline.managementUri("/metrics")).body();
      assertThat(metrics).contains("pinpipe_sink_records_total{topic=\"" + pipeline.topic("pin") + "\"} 20.0");
    }
  }

  private static List<String> lines(S3AsyncClient client, String prefix) throws Exception {
    List<String> lines = new ArrayList<>();
    for (S3Object object : client.listObjectsV2(request -> request.bucket("pinpipe").prefix(prefix)).get(30, TimeUnit.SECONDS).contents()) {
      String body = client.getObject(request -> request.bucket("pinpipe").key(object.key()), AsyncResponseTransformer.toBytes())
          .get(30, TimeUnit.SECONDS).asString(StandardCharsets.UTF_8);
      lines.addAll(List.of(body.split("\n")));
    }
    return lines;
  }
}
