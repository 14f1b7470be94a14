package dev.pinpipe.local.db;

import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.db.MySqlSettings;
import dev.pinpipe.db.Schema;
import dev.pinpipe.embedded.EmbeddedMariaDb;
import dev.pinpipe.local.runtime.EmbeddedSettings;
import dev.pinpipe.local.runtime.StartPlan;
import dev.pinpipe.local.dataset.DatasetGenerator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.util.Optional;

/** The MySQL the posts come from: the one configured ({@code mysql.url}), or an embedded MariaDB under the data dir. */
public final class SourceDatabase implements AutoCloseable {

  private final MySqlSettings settings;
  private final Optional<EmbeddedMariaDb> embedded;

  private SourceDatabase(MySqlSettings settings, Optional<EmbeddedMariaDb> embedded) {
    this.settings = settings;
    this.embedded = embedded;
  }

  /** True when {@link #open} starts an embedded MariaDB: no {@code mysql.url} is configured. */
  public static boolean startsEmbedded(ConfigSource source) {
    return MySqlSettings.from(source).isEmpty();
  }

  /** What a command that only opens the database starts: the embedded MariaDB, unless {@code mysql.url} is given. */
  public static StartPlan plan(ConfigSource source) {
    StartPlan plan = StartPlan.in(EmbeddedSettings.from(source));
    return startsEmbedded(source) ? plan.mariaDb() : plan;
  }

  public static SourceDatabase open(ConfigSource source) {
    return open(MySqlSettings.from(source), EmbeddedSettings.from(source));
  }

  /** The external database when there is one, else an embedded MariaDB started under the data dir. */
  public static SourceDatabase open(Optional<MySqlSettings> external, EmbeddedSettings embeddedSettings) {
    if (external.isPresent()) {
      return new SourceDatabase(external.get(), Optional.empty());
    }
    EmbeddedMariaDb embedded = EmbeddedMariaDb.start(embeddedSettings.dataDir(), embeddedSettings.mysqlPort());
    return new SourceDatabase(settings(embedded), Optional.of(embedded));
  }

  /**
   * Seeds the embedded database with the generated dataset when its tables are empty or missing;
   * an external database is left as it is.
   */
  public Future<Void> seedIfEmpty(Vertx vertx, long seed) {
    if (embedded.isEmpty()) {
      return Future.succeededFuture();
    }
    Pool pool = settings.pool(vertx, 4);
    return Schema.create(pool)
        .compose(created -> pool.query("SELECT COUNT(*) FROM " + Schema.PIN_TABLE).execute())
        .compose(rows -> rows.iterator().next().getLong(0) > 0
            ? Future.succeededFuture()
            : DatabaseSeeder.seed(pool, DatasetGenerator.generate(seed, DatasetGenerator.DEFAULT_POSTS)).<Void>mapEmpty())
        .eventually(() -> pool.close());
  }

  /** How to reach an embedded MariaDB: its local account on the loopback address. */
  public static MySqlSettings settings(EmbeddedMariaDb embedded) {
    return new MySqlSettings(embedded.host(), embedded.port(), embedded.database(), EmbeddedMariaDb.USER, EmbeddedMariaDb.PASSWORD);
  }

  public MySqlSettings settings() {
    return settings;
  }

  public Optional<EmbeddedMariaDb> embedded() {
    return embedded;
  }

  @Override
  public void close() {
    embedded.ifPresent(EmbeddedMariaDb::close);
  }
}
