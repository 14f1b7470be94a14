package dev.pinpipe.local.cli;

import dev.pinpipe.cli.ConfigOptions;
import dev.pinpipe.cli.MySqlOptions;
import dev.pinpipe.cli.Versions;
import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.local.dataset.DatasetGenerator;
import dev.pinpipe.posts.Post;
import dev.pinpipe.local.db.DatabaseSeeder;
import dev.pinpipe.embedded.EmbeddedMariaDb;
import dev.pinpipe.db.MySqlErrors;
import dev.pinpipe.db.MySqlSettings;
import dev.pinpipe.db.Schema;
import dev.pinpipe.local.db.SeedResult;
import dev.pinpipe.local.db.SourceDatabase;
import dev.pinpipe.local.runtime.DataDirectoryLock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code pinpipe seed-db}: fills the source tables the emulator posts from. */
@Command(name = "seed-db", mixinStandardHelpOptions = true, versionProvider = Versions.class,
    description = "Fill MySQL's pinterest_data, geolocation_data and user_data with generated posts "
        + "(an embedded MariaDB under --data-dir unless --mysql is given). Rerunning leaves the same content.")
final class SeedDbCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(SeedDbCommand.class);
  private static final long TIMEOUT_SECONDS = 300;

  @Mixin
  ConfigOptions config;

  @Mixin
  MySqlOptions mysql;

  @Mixin
  DataDirOption dataDir;

  @Mixin
  MySqlPortOption mysqlPort;

  @Option(names = "--posts", paramLabel = "N", defaultValue = "11000", description = "Posts to generate (default: ${DEFAULT-VALUE}).")
  int posts;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Generator seed; the same seed gives the same posts (default: ${DEFAULT-VALUE}).")
  long seed;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (posts < 0) {
      throw new IllegalArgumentException("--posts must be 0 or more, got " + posts);
    }
    ConfigSource source = config.source(mysql, dataDir, mysqlPort);
    DataDirectoryLock lock = SourceDatabase.plan(source).claim(config.invocation());
    Vertx vertx = Vertx.vertx();
    try (lock; SourceDatabase db = SourceDatabase.open(source)) {
      MySqlSettings settings = db.settings();
      Pool pool = settings.pool(vertx, 4);
      // Reach the server and create the tables before generating: a wrong URL fails in a second.
      await(Schema.create(pool), settings);
      List<Post> generated = DatasetGenerator.generate(seed, posts);
      SeedResult result = await(DatabaseSeeder.seed(pool, generated), settings);
      await(pool.close(), settings);
      print(settings, db.embedded().orElse(null), result);
      return 0;
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private void print(MySqlSettings settings, EmbeddedMariaDb embedded, SeedResult result) {
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "pinpipe seed-db: seeded %s in %.1f s%n", settings.redactedUrl(), result.elapsed().toMillis() / 1000.0);
    out.printf(Locale.ROOT, "  %-18s %,d rows%n", Schema.PIN_TABLE, result.pinRows());
    out.printf(Locale.ROOT, "  %-18s %,d rows%n", Schema.GEO_TABLE, result.geoRows());
    out.printf(Locale.ROOT, "  %-18s %,d rows%n", Schema.USER_TABLE, result.userRows());
    if (embedded != null) {
      out.println("  embedded MariaDB, data in " + embedded.dataDir() + " (stopped now; kept for the next start)");
    }
    out.flush();
  }

  private static <T> T await(Future<T> future, MySqlSettings settings) {
    try {
      return future.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("MySQL at " + settings.address() + " did not answer within " + TIMEOUT_SECONDS + " s");
    } catch (Exception e) {
      // await() rethrows the failure as it is, checked ones (java.net.ConnectException) included.
      LOG.atDebug().setCause(e).log("MySQL failed");
      throw new IllegalStateException(MySqlErrors.describe(e, settings));
    }
  }
}
