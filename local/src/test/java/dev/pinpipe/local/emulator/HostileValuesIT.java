package dev.pinpipe.local.emulator;

import dev.pinpipe.emulator.EmulatorSettings;
import dev.pinpipe.emulator.EmulatorStats;
import dev.pinpipe.emulator.Mode;

import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.local.runtime.EmbeddedSettings;
import dev.pinpipe.posts.GeoRow;
import dev.pinpipe.posts.PinRow;
import dev.pinpipe.posts.Post;
import dev.pinpipe.posts.UserRow;
import dev.pinpipe.local.db.DatabaseSeeder;
import dev.pinpipe.embedded.EmbeddedMariaDb;
import dev.pinpipe.local.db.SourceDatabase;
import dev.pinpipe.runtime.Role;
import dev.pinpipe.s3.S3Clients;
import dev.pinpipe.s3.S3Inventory;
import dev.pinpipe.support.Ports;
import dev.pinpipe.support.SharedKafka;
import dev.pinpipe.support.TestPipeline;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Text that breaks naive SQL, JSON and line formats goes MySQL -> HTTP -> Kafka -> S3 byte for byte. */
class HostileValuesIT {

  private static final String HOSTILE = "'; DROP TABLE pinterest_data; -- \"quoted\" back\\slash \\n literal, real\nnewline\ttab "
      + "é ü 日本 📌 ✨ \\u0041 {\"json\": [1]} NUL-free";

  @TempDir
  Path dir;

  @Test
  void hostileTextSurvivesEveryHopByteForByte() throws Exception {
    Post post = new Post(
        new PinRow(7, "2b96cde6-a333-3daf-a9b0-c897bb295001", HOSTILE, HOSTILE, "O'Brien \"Bo\"", "", HOSTILE, "image",
            "https://i.pinimg.com/originals/a'b\"c.jpg", 1, "Local save in /data/travel", "travel"),
        new GeoRow(7, "2020-02-29 23:59:59", -45.9528, 170.3789, "Côte d'Ivoire"),
        new UserRow(7, "Zoë", HOSTILE, 36, "2016-02-29 00:00:00"));
    Vertx vertx = Vertx.vertx();
    try (EmbeddedMariaDb database = EmbeddedMariaDb.start(dir.resolve("db"), Ports.free())) {
      Pool pool = SourceDatabase.settings(database).pool(vertx, 2);
      DatabaseSeeder.seed(pool, List.of(post)).await(60, TimeUnit.SECONDS);
      pool.close();
      Map<String, String> config = Map.of(
          "kafka.bootstrap", SharedKafka.bootstrap(),
          "sink.rotate-interval-ms", "200");
      try (TestPipeline pipeline = TestPipeline.startWith(config, EnumSet.of(Role.INGEST, Role.FANOUT, Role.SINK))) {
        String prefix = pipeline.runtime().config().kafka().topicPrefix();
        EmulatorSettings settings = new EmulatorSettings(pipeline.uri("/"), Mode.REST_PROXY, 3, Duration.ZERO, 0, 2, 1,
            Optional.empty(), prefix, 10, 10);
        EmulatorStats.Snapshot done = pipeline.runtime().emulate(settings, SourceDatabase.settings(database), new EmulatorStats()).finished()
            .await(60, TimeUnit.SECONDS);
        assertThat(done.delivered()).isEqualTo(3);
        pipeline.runtime().awaitSinkCaughtUp(Duration.ofSeconds(60), behind -> { });

        try (S3AsyncClient s3 = pipeline.s3Client()) {
          assertThat(S3Inventory.allLines(s3, "pinpipe", prefix + ".pin")).containsExactlyElementsOf(Collections.nCopies(3, post.pin().toJson().encode()));
          assertThat(S3Inventory.allLines(s3, "pinpipe", prefix + ".geo")).containsExactlyElementsOf(Collections.nCopies(3, post.geo().toJson().encode()));
          assertThat(S3Inventory.allLines(s3, "pinpipe", prefix + ".user")).containsExactlyElementsOf(Collections.nCopies(3, post.user().toJson().encode()));
        }
      }
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }
}
