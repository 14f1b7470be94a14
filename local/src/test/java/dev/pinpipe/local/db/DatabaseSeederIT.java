package dev.pinpipe.local.db;

import dev.pinpipe.embedded.EmbeddedMariaDb;

import dev.pinpipe.db.Schema;
import dev.pinpipe.db.PostReader;

import dev.pinpipe.posts.GeoRow;
import dev.pinpipe.posts.PinRow;
import dev.pinpipe.posts.Post;
import dev.pinpipe.posts.UserRow;
import dev.pinpipe.support.Ports;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static dev.pinpipe.local.db.DbFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseSeederIT {

  @TempDir
  static Path dir;

  private static EmbeddedMariaDb db;
  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void start() {
    db = EmbeddedMariaDb.start(dir, Ports.free());
    vertx = Vertx.vertx();
    pool = SourceDatabase.settings(db).pool(vertx, 4);
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
    if (db != null) {
      db.close();
    }
  }

  private static List<Integer> indexesOf(List<Post> posts) {
    return posts.stream().map(Post::index).toList();
  }

  private static List<Post> readAll() {
    return await(PostReader.read(pool, await(PostReader.indexes(pool))));
  }

  @Test
  void hostileTextNullsAndDoublesComeBackExactlyAsWritten() {
    List<Post> posts = DbFixtures.hostile();

    SeedResult result = await(DatabaseSeeder.seed(pool, posts));

    assertThat(result.pinRows()).isEqualTo(5);
    assertThat(result.geoRows()).isEqualTo(5);
    assertThat(result.userRows()).isEqualTo(5);
    assertThat(await(PostReader.indexes(pool))).containsExactly(1, 2, 3, 4, 5);
    assertThat(await(PostReader.read(pool, indexesOf(posts)))).containsExactlyElementsOf(posts);
    assertThat(await(pool.query("SHOW TABLES").execute())).extracting(row -> row.getString(0))
        .containsExactlyInAnyOrder(Schema.PIN_TABLE, Schema.GEO_TABLE, Schema.USER_TABLE);
  }

  @Test
  void textIsStoredAsUtf8mb4NotMangledOnTheWayIn() {
    await(DatabaseSeeder.seed(pool, DbFixtures.hostile()));

    Row row = await(pool.preparedQuery("SELECT HEX(title), CHAR_LENGTH(title) FROM pinterest_data WHERE `index` = ?")
        .execute(Tuple.of(3))).iterator().next();
    String title = "日本の庭 📌📌";

    assertThat(row.getString(0)).isEqualTo(HexFormat.of().withUpperCase().formatHex(title.getBytes(StandardCharsets.UTF_8)));
    assertThat(row.getInteger(1)).isEqualTo(title.codePointCount(0, title.length()));
  }

  @Test
  void seedingAgainLeavesTheSameContent() {
    List<Post> posts = DbFixtures.hostile();
    await(DatabaseSeeder.seed(pool, posts));
    List<Post> first = readAll();

    SeedResult again = await(DatabaseSeeder.seed(pool, posts));

    assertThat(again.pinRows()).isEqualTo(5);
    assertThat(again.geoRows()).isEqualTo(5);
    assertThat(again.userRows()).isEqualTo(5);
    assertThat(readAll()).isEqualTo(first).containsExactlyElementsOf(posts);
  }

  @Test
  void seedingASmallerOrChangedSetLeavesExactlyThatSet() {
    await(DatabaseSeeder.seed(pool, DbFixtures.hostile()));
    Post changed = DbFixtures.post(2, "changed title", "changed", "2023-05-06 07:08:09", 1.5, 2.5);
    List<Post> smaller = List.of(changed, DbFixtures.hostile().get(4), DbFixtures.post(42, "new", "new", "2024-01-02 03:04:05", 0, 0));

    SeedResult result = await(DatabaseSeeder.seed(pool, smaller));

    assertThat(result.pinRows()).isEqualTo(3);
    assertThat(result.geoRows()).isEqualTo(3);
    assertThat(result.userRows()).isEqualTo(3);
    assertThat(await(PostReader.indexes(pool))).containsExactly(2, 5, 42);
    assertThat(readAll()).containsExactly(changed, DbFixtures.hostile().get(4), smaller.get(2));
  }

  @Test
  void readingKeepsTheOrderAskedRepeatsAndLeavesOutMissingIndexes() {
    List<Post> posts = DbFixtures.hostile();
    await(DatabaseSeeder.seed(pool, posts));

    assertThat(await(PostReader.read(pool, List.of(3, 1, 3, 999, 5)))).containsExactly(posts.get(2), posts.get(0), posts.get(2), posts.get(4));
    assertThat(await(PostReader.read(pool, List.of()))).isEmpty();
  }

  @Test
  void thousandsOfPostsGoInBatchesAndComeBackWhole() {
    List<Post> posts = DbFixtures.plain(10, 2_345);

    SeedResult result = await(DatabaseSeeder.seed(pool, posts));

    assertThat(result.pinRows()).isEqualTo(2_345);
    assertThat(result.userRows()).isEqualTo(2_345);
    List<Integer> indexes = await(PostReader.indexes(pool));
    assertThat(indexes).hasSize(2_345).first().isEqualTo(10);
    assertThat(await(PostReader.read(pool, indexes))).containsExactlyElementsOf(posts);
    assertThat(await(PostReader.read(pool, List.of(2_000, 11, 700, 11)))).extracting(Post::index).containsExactly(2_000, 11, 700, 11);
  }

  @Test
  void aFailedSeedChangesNothing() {
    List<Post> before = DbFixtures.hostile();
    await(DatabaseSeeder.seed(pool, before));
    Post tooLong = new Post(
        new PinRow(7, "u", "t", "d", "p", "1k", "tags", "image", "src", 1, "Local save in /data/x", "x".repeat(65)),
        new GeoRow(7, "2020-01-01 00:00:00", 1, 2, "c"),
        new UserRow(7, "a", "b", 3, "2020-01-01 00:00:00"));
    List<Post> failing = new ArrayList<>(DbFixtures.plain(100, 1_500));
    failing.add(tooLong);

    assertThatThrownBy(() -> await(DatabaseSeeder.seed(pool, failing))).hasMessageContaining("Data too long for column 'category'").hasMessageContaining("(pinterest_data, post 7)");

    assertThat(readAll()).containsExactlyElementsOf(before);
  }

  @Test
  void duplicateIndexesAndBadTimestampsAreRefusedBeforeTouchingTheTables() {
    List<Post> before = DbFixtures.hostile();
    await(DatabaseSeeder.seed(pool, before));

    Post twice = DbFixtures.post(1, "again", "again", "2020-01-01 00:00:00", 0, 0);
    assertThatThrownBy(() -> await(DatabaseSeeder.seed(pool, List.of(DbFixtures.post(1, "a", "b", "2020-01-01 00:00:00", 0, 0), twice))))
        .hasMessageContaining("two posts have index 1");
    assertThatThrownBy(() -> await(DatabaseSeeder.seed(pool, List.of(DbFixtures.post(8, "a", "b", "2021-02-30 00:00:00", 0, 0)))))
        .hasMessageContaining("post 8: geolocation_data.timestamp '2021-02-30 00:00:00' is not a timestamp");
    assertThatThrownBy(() -> await(DatabaseSeeder.seed(pool, List.of(DbFixtures.post(9, "a", "b", "2021-02-03T00:00:00", 0, 0)))))
        .hasMessageContaining("YYYY-MM-DD HH:MM:SS");

    assertThat(readAll()).containsExactlyElementsOf(before);
  }
}
