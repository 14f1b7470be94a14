package dev.pinpipe.local.db;

import dev.pinpipe.embedded.EmbeddedMariaDb;

import dev.pinpipe.db.Schema;
import dev.pinpipe.db.MySqlSettings;
import dev.pinpipe.db.MySqlErrors;
import dev.pinpipe.db.PostReader;

import dev.pinpipe.posts.Post;
import dev.pinpipe.support.Ports;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.pinpipe.local.db.DbFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedMariaDbIT {

  @TempDir
  static Path dir;

  private static int port;
  private static EmbeddedMariaDb db;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    port = Ports.free();
    db = EmbeddedMariaDb.start(dir, port);
    vertx = Vertx.vertx();
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

  @Test
  void aRestartOnTheSameDataDirKeepsTheTablesAndTheirRows() throws Exception {
    List<Post> posts = DbFixtures.hostile();
    Pool pool = SourceDatabase.settings(db).pool(vertx, 2);
    await(DatabaseSeeder.seed(pool, posts));
    await(pool.close());
    db.close();
    assertThat(db.dataDir()).isEqualTo(dir.toAbsolutePath().resolve("mariadb"));
    assertThat(Files.isDirectory(db.dataDir().resolve("pinterest"))).isTrue();

    long started = System.nanoTime();
    db = EmbeddedMariaDb.start(dir, port);
    long restartMs = (System.nanoTime() - started) / 1_000_000;

    Pool again = SourceDatabase.settings(db).pool(vertx, 2);
    try {
      assertThat(await(PostReader.indexes(again))).containsExactly(1, 2, 3, 4, 5);
      assertThat(await(PostReader.read(again, List.of(1, 2, 3, 4, 5)))).containsExactlyElementsOf(posts);
    } finally {
      await(again.close());
    }
    assertThat(restartMs).as("a restart neither unpacks nor installs again").isLessThan(20_000);
  }

  @Test
  void theSettingsReachTheDatabaseAsTheLocalAccount() {
    MySqlSettings settings = SourceDatabase.settings(db);

    assertThat(settings.host()).isEqualTo("127.0.0.1");
    assertThat(settings.port()).isEqualTo(port);
    assertThat(settings.database()).isEqualTo("pinterest");
    assertThat(settings.user()).isEqualTo(EmbeddedMariaDb.USER);
    Pool pool = settings.pool(vertx, 1);
    try {
      Row row = await(pool.query("SELECT DATABASE(), @@character_set_database, @@collation_database, CURRENT_USER()").execute())
          .iterator().next();
      assertThat(List.of(row.getString(0), row.getString(1), row.getString(2), row.getString(3)))
          .containsExactly("pinterest", "utf8mb4", "utf8mb4_bin", "pinpipe@%");
    } finally {
      await(pool.close());
    }
  }

  @Test
  void aWrongPasswordIsRefusedWithAClearMessage() {
    MySqlSettings wrong = new MySqlSettings("127.0.0.1", port, "pinterest", EmbeddedMariaDb.USER, "not-the-password");
    Pool pool = wrong.pool(vertx, 1);
    try {
      assertThatThrownBy(() -> await(Schema.create(pool)))
          .satisfies(error -> assertThat(MySqlErrors.describe(error, wrong))
              .startsWith("MySQL at 127.0.0.1:" + port + " refused user 'pinpipe'")
              .contains("Access denied")
              .doesNotContain("not-the-password"));
    } finally {
      await(pool.close());
    }
  }

  @Test
  void aTakenPortIsAClearErrorNamingTheFlag() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> EmbeddedMariaDb.start(dir.resolve("other"), taken.getLocalPort()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("port " + taken.getLocalPort())
          .hasMessageContaining("--mysql-port");
    }
    assertThatThrownBy(() -> EmbeddedMariaDb.start(dir.resolve("other"), port)).hasMessageContaining("--mysql-port");
  }

  @Test
  void aDatabaseNameIsCheckedBeforeItReachesSql() {
    assertThatThrownBy(() -> EmbeddedMariaDb.start(dir.resolve("other"), Ports.free(), "x`; DROP DATABASE mysql; --"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("letters, digits or _");
  }
}
