package dev.pinpipe.local.emulator;

import dev.pinpipe.local.db.SourceDatabase;

import dev.pinpipe.emulator.DatabasePostSource;
import dev.pinpipe.emulator.EmulatorSettings;
import dev.pinpipe.emulator.EmulatorStats;
import dev.pinpipe.emulator.EmulatorVerticle;
import dev.pinpipe.emulator.Mode;

import dev.pinpipe.local.dataset.DatasetGenerator;
import dev.pinpipe.posts.Post;
import dev.pinpipe.local.db.DatabaseSeeder;
import dev.pinpipe.embedded.EmbeddedMariaDb;
import dev.pinpipe.support.FlakyProxy;
import dev.pinpipe.support.Ports;
import dev.pinpipe.support.TestPipeline;
import dev.pinpipe.support.TopicReader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The emulator against a real MariaDB and the real ingestion API on the shared broker. */
class EmulatorIT {

  private static final int DATABASE_POSTS = 300;
  private static final long DATASET_SEED = 7;

  @TempDir
  static Path dir;

  private static EmbeddedMariaDb database;
  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void seed() throws Exception {
    database = EmbeddedMariaDb.start(dir, Ports.free());
    vertx = Vertx.vertx();
    pool = SourceDatabase.settings(database).pool(vertx, 8);
    await(DatabaseSeeder.seed(pool, DatasetGenerator.generate(DATASET_SEED, DATABASE_POSTS)));
  }

  @AfterAll
  static void stop() throws Exception {
    await(pool.close());
    await(vertx.close());
    database.close();
  }

  @Test
  void restProxyModeSendsEachSampledPostAsThreeOneRecordRequests() throws Exception {
    try (TestPipeline pipeline = TestPipeline.start(Map.of())) {
      EmulatorSettings settings = settings(pipeline, pipeline.uri("/"), Mode.REST_PROXY, 200, 11);
      EmulatorStats stats = new EmulatorStats();
      EmulatorStats.Snapshot done = emulate(settings, stats);

      assertThat(done.delivered()).isEqualTo(200);
      assertThat(done.failed()).isZero();
      assertThat(done.acknowledged()).containsOnly(
          Map.entry(pipeline.topic("pin"), 200L), Map.entry(pipeline.topic("geo"), 200L), Map.entry(pipeline.topic("user"), 200L));
      assertKafkaHoldsExactly(pipeline, sampled(11, 200));
    }
  }

  @Test
  void postsModeSendsBatchesToThePostsEndpoint() throws Exception {
    try (TestPipeline pipeline = TestPipeline.start(Map.of())) {
      EmulatorSettings settings = settings(pipeline, pipeline.uri("/"), Mode.POSTS, 250, 12);
      EmulatorStats.Snapshot done = emulate(settings, new EmulatorStats());

      assertThat(done.delivered()).isEqualTo(250);
      assertThat(done.failed()).isZero();
      assertKafkaHoldsExactly(pipeline, sampled(12, 250));
    }
  }

  @Test
  void whileIngestAnswers503TheEmulatorRetriesAndNothingIsLostOrDoubled() throws Exception {
    try (TestPipeline pipeline = TestPipeline.start(Map.of()); FlakyProxy proxy = new FlakyProxy(pipeline.uri("/"))) {
      proxy.down(true);
      EmulatorSettings settings = settings(pipeline, proxy.uri(), Mode.REST_PROXY, 60, 13);
      EmulatorStats stats = new EmulatorStats();
      EmulatorVerticle emulator = new EmulatorVerticle(settings, new DatabasePostSource(pool), stats);
      await(vertx.deployVerticle(emulator));
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> proxy.refused() >= 30);
      proxy.down(false);
      EmulatorStats.Snapshot done = await(emulator.finished());

      assertThat(done.retried()).isGreaterThanOrEqualTo(30);
      assertThat(done.delivered()).isEqualTo(60);
      assertThat(done.failed()).isZero();
      assertKafkaHoldsExactly(pipeline, sampled(13, 60));
    }
  }

  @Test
  void anEmptySourceDatabaseFailsTheStartSayingToSeedIt(@TempDir Path emptyDir) throws Exception {
    try (EmbeddedMariaDb empty = EmbeddedMariaDb.start(emptyDir, Ports.free())) {
      Pool emptyPool = SourceDatabase.settings(empty).pool(vertx, 2);
      await(DatabaseSeeder.seed(emptyPool, List.of()));
      EmulatorSettings settings = new EmulatorSettings(URI.create("http://127.0.0.1:1"), Mode.POSTS, 10, Duration.ZERO, 0, 1, 1,
          Optional.empty(), "p", 10, 1);
      Future<String> deployed = vertx.deployVerticle(new EmulatorVerticle(settings, new DatabasePostSource(emptyPool), new EmulatorStats()));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> await(deployed)).hasMessageContaining("run `pinpipe seed-db` first");
      await(emptyPool.close());
    }
  }

  private static EmulatorSettings settings(TestPipeline pipeline, URI ingest, Mode mode, int posts, long seed) {
    String prefix = pipeline.runtime().config().kafka().topicPrefix();
    return new EmulatorSettings(ingest, mode, posts, Duration.ZERO, 0, 8, seed, Optional.empty(), prefix, 40, 30);
  }

  private static EmulatorStats.Snapshot emulate(EmulatorSettings settings, EmulatorStats stats) throws Exception {
    EmulatorVerticle emulator = new EmulatorVerticle(settings, new DatabasePostSource(pool), stats);
    await(vertx.deployVerticle(emulator));
    return await(emulator.finished());
  }

  /** The posts the emulator picks for {@code seed}: uniformly with replacement over the database's indexes, in order. */
  private static List<Post> sampled(long seed, int posts) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Post> picked = new ArrayList<>();
    for (int i = 0; i < posts; i++) {
      picked.add(DatasetGenerator.post(DATASET_SEED, random.nextInt(DATABASE_POSTS)));
    }
    return picked;
  }

  private static void assertKafkaHoldsExactly(TestPipeline pipeline, List<Post> expected) {
    List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readAll(pipeline.bootstrap(), pipeline.topics());
    for (String kind : List.of("pin", "geo", "user")) {
      List<String> values = records.stream().filter(record -> record.topic().equals(pipeline.topic(kind)))
          .map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList();
      List<String> wanted = expected.stream().map(post -> switch (kind) {
        case "pin" -> post.pin().toJson().encode();
        case "geo" -> post.geo().toJson().encode();
        default -> post.user().toJson().encode();
      }).toList();
      assertThat(values).as(kind).containsExactlyInAnyOrderElementsOf(wanted);
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(120, TimeUnit.SECONDS);
  }
}
