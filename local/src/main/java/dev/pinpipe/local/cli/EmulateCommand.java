package dev.pinpipe.local.cli;

import dev.pinpipe.cli.ConfigOptions;
import dev.pinpipe.cli.MySqlOptions;
import dev.pinpipe.cli.TopicOptions;
import dev.pinpipe.cli.Versions;
import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.KafkaSettings;
import dev.pinpipe.local.db.SourceDatabase;
import dev.pinpipe.emulator.DatabasePostSource;
import dev.pinpipe.emulator.EmulatorSettings;
import dev.pinpipe.emulator.EmulatorStats;
import dev.pinpipe.emulator.EmulatorVerticle;
import dev.pinpipe.local.runtime.DataDirectoryLock;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code pinpipe emulate}: only the emulator, against a running {@code pinpipe serve}. */
@Command(name = "emulate", mixinStandardHelpOptions = true, versionProvider = Versions.class,
    description = "Emulate users posting: random posts from MySQL (or the embedded MariaDB of --data-dir) to a running pinpipe serve.")
final class EmulateCommand implements Callable<Integer> {

  @Mixin
  ConfigOptions config;

  @Mixin
  TopicOptions topics;

  @Mixin
  MySqlOptions mysql;

  @Mixin
  DataDirOption dataDir;

  @Mixin
  MySqlPortOption mysqlPort;

  @Mixin
  EmulatorOptions emulator;

  @Spec
  CommandSpec spec;

  @Option(names = "--ingest-url", paramLabel = "URL", defaultValue = "http://localhost:8082",
      description = "The ingestion API (default: ${DEFAULT-VALUE}).")
  URI ingestUrl;

  @Override
  public Integer call() throws Exception {
    ConfigSource source = config.source(topics, mysql, dataDir, mysqlPort);
    EmulatorSettings settings = emulator.settings(ingestUrl, KafkaSettings.from(source).topicPrefix());
    IngestUrlCheck.problem(ingestUrl).ifPresent(problem -> {
      throw new IllegalStateException(problem);
    });
    EmulatorStats stats = new EmulatorStats();
    DataDirectoryLock lock = SourceDatabase.plan(source).claim(config.invocation());
    Vertx vertx = Vertx.vertx();
    try (lock; SourceDatabase db = SourceDatabase.open(source); PostProgress progress = new PostProgress(settings, stats)) {
      db.seedIfEmpty(vertx, settings.seed()).await(10, TimeUnit.MINUTES);
      Pool pool = db.settings().pool(vertx, Math.max(4, settings.concurrency()));
      EmulatorVerticle verticle = new EmulatorVerticle(settings, new DatabasePostSource(pool), stats);
      vertx.deployVerticle(verticle).await(60, TimeUnit.SECONDS);
      long startedNanos = System.nanoTime();
      EmulatorStats.Snapshot done = verticle.finished().await();
      progress.close();
      summary(spec.commandLine().getOut(), done, (System.nanoTime() - startedNanos) / 1e9);
      return done.failed() == 0 ? 0 : 1;
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** What was sent, and the records acknowledged per topic as a table (the columns of {@code run}'s). */
  static void summary(PrintWriter out, EmulatorStats.Snapshot done, double seconds) {
    out.printf(Locale.ROOT, "%npinpipe emulate: %,d posts delivered, %,d failed, %,d requests retried; %.1f s (%,.0f posts/s)%n",
        done.delivered(), done.failed(), done.retried(), seconds, done.delivered() / Math.max(seconds, 1e-3));
    out.printf(Locale.ROOT, "  %-20s %12s%n", "topic", "acknowledged");
    done.acknowledged().forEach((topic, records) -> out.printf(Locale.ROOT, "  %-20s %,12d%n", topic, records));
    out.println(done.failed() == 0 ? "pinpipe emulate: done" : "pinpipe emulate: INCOMPLETE: " + String.format(Locale.ROOT, "%,d", done.failed())
        + " posts failed (see the warnings above)");
    out.flush();
  }
}
