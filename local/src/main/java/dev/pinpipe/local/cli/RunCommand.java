package dev.pinpipe.local.cli;

import dev.pinpipe.contracts.DailyJobOptions;

import dev.pinpipe.local.batch.DailyBatch;
import dev.pinpipe.local.batch.JobFiles;
import dev.pinpipe.cli.ConfigOptions;
import dev.pinpipe.cli.KafkaOptions;
import dev.pinpipe.cli.MySqlOptions;
import dev.pinpipe.cli.S3Options;
import dev.pinpipe.cli.TopicOptions;
import dev.pinpipe.cli.Versions;
import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.embedded.EmbeddedS3;
import dev.pinpipe.local.runtime.EmbeddedSettings;
import dev.pinpipe.local.runtime.LocalPipeline;
import dev.pinpipe.config.PinpipeConfig;
import dev.pinpipe.local.dataset.DatasetGenerator;
import dev.pinpipe.local.db.DatabaseSeeder;
import dev.pinpipe.db.Schema;
import dev.pinpipe.local.db.SourceDatabase;
import dev.pinpipe.emulator.EmulatorSettings;
import dev.pinpipe.emulator.EmulatorStats;
import dev.pinpipe.local.runtime.DataDirectoryLock;
import dev.pinpipe.runtime.PinpipeRuntime;
import dev.pinpipe.runtime.Role;
import dev.pinpipe.local.runtime.StartPlan;
import dev.pinpipe.s3.S3Clients;
import dev.pinpipe.s3.S3Inventory;
import io.vertx.sqlclient.Pool;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code pinpipe run}: the whole pipeline in one process, from a database to S3. Starts the
 * source database (seeding the embedded one), Kafka, S3 and every verticle, emulates the
 * posts, waits until every acknowledged record is in S3, says what landed where, then runs the
 * Spark daily job for today and prints its reports (see {@link DailyBatch}).
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Versions.class,
    description = "Run the whole pipeline once: MySQL (embedded MariaDB unless --mysql) -> emulated users -> HTTP -> Kafka -> S3, "
        + "then the Spark daily job for today, its reports and an HTML page of them.")
final class RunCommand implements Callable<Integer> {

  private static final Duration SINK_WAIT = Duration.ofMinutes(5);
  private static final long STEP_TIMEOUT_MINUTES = 30;
  private static final Set<Role> ROLES = EnumSet.of(Role.INGEST, Role.FANOUT, Role.SINK);

  @Mixin
  ConfigOptions config;

  @Mixin
  KafkaOptions kafka;

  @Mixin
  TopicOptions topics;

  @Mixin
  S3Options s3;

  @Mixin
  MySqlOptions mysql;

  @Mixin
  DataDirOption dataDir;

  @Mixin
  KafkaPortOption kafkaPort;

  @Mixin
  S3PortOption s3Port;

  @Mixin
  MySqlPortOption mysqlPort;

  @Mixin
  EmulatorOptions emulator;

  @Spec
  CommandSpec spec;

  @Option(names = "--http-port", paramLabel = "PORT", description = "Ingestion HTTP port (default: 8082).")
  Integer httpPort;

  @Option(names = "--management-port", paramLabel = "PORT", description = "Health and metrics port (default: 8081).")
  Integer managementPort;

  /** Runs after every acknowledged record is in S3, before the check of what landed (a test removes an object here). */
  Consumer<LocalPipeline> beforeCheck = pipeline -> { };

  @Override
  public Integer call() throws Exception {
    ConfigSource source = config.source(kafka, topics, s3, mysql, dataDir, kafkaPort, s3Port, mysqlPort)
        .with("ingest.http-port", httpPort)
        .with("ingest.management-port", managementPort)
        .with("ingest.host", "127.0.0.1");
    JobFiles job = JobFiles.locate();
    PrintWriter out = spec.commandLine().getOut();
    long startedNanos = System.nanoTime();
    StartPlan plan = LocalPipeline.plan(source, ROLES);
    if (SourceDatabase.startsEmbedded(source)) {
      plan.mariaDb();
    }
    DataDirectoryLock lock = plan.claim(config.invocation());
    SourceDatabase opened = null;
    LocalPipeline pipeline;
    try {
      opened = SourceDatabase.open(source);
      pipeline = LocalPipeline.start(source, ROLES);
    } catch (RuntimeException | Error e) {
      // A start that fails half-way stops what it started: no MariaDB outlives this process.
      if (opened != null) {
        opened.close();
      }
      lock.close();
      throw e;
    }
    SourceDatabase db = opened;
    // Ctrl-C: stop the verticles, S3, Kafka and MariaDB in order instead of dying with them.
    Thread stopOnSignal = new Thread(() -> {
      System.err.println("pinpipe run: stopping...");
      stop(pipeline, db, lock);
    }, "pinpipe-shutdown");
    Runtime.getRuntime().addShutdownHook(stopOnSignal);
    PinpipeRuntime runtime = pipeline.runtime();
    PinpipeConfig settings = runtime.config();
    try {
      if (db.embedded().isPresent()) {
        out.println("pinpipe run: seeding the embedded MariaDB (" + db.settings().redactedUrl() + ")...");
        Pool pool = db.settings().pool(runtime.vertx(), 4);
        Schema.create(pool)
            .compose(created -> DatabaseSeeder.seed(pool, DatasetGenerator.generate(emulator.seed, DatasetGenerator.DEFAULT_POSTS)))
            .eventually(() -> pool.close())
            .await(STEP_TIMEOUT_MINUTES, TimeUnit.MINUTES);
      }
      // Where this run's records begin. Everything before is written out first, so no object
      // holds records of an earlier run and of this one: the check counts whole objects.
      Map<TopicPartition, Long> runStart = runtime.endOffsets();
      runtime.awaitSinkCaughtUp(runStart, SINK_WAIT, behind -> { });
      EmulatorSettings emulation = emulator.settings(URI.create("http://127.0.0.1:" + settings.ingest().httpPort()), settings.kafka().topicPrefix());
      EmulatorStats stats = new EmulatorStats();
      EmulatorStats.Snapshot emulated;
      long emulationNanos = System.nanoTime();
      try (PostProgress progress = new PostProgress(emulation, stats)) {
        emulated = runtime.emulate(emulation, db.settings(), stats).finished().await(STEP_TIMEOUT_MINUTES, TimeUnit.MINUTES);
      }
      double emulationSeconds = (System.nanoTime() - emulationNanos) / 1e9;
      out.println("pinpipe run: waiting until every acknowledged record is in S3...");
      runtime.awaitSinkCaughtUp(SINK_WAIT, behind -> { });
      beforeCheck.accept(pipeline);
      double seconds = (System.nanoTime() - startedNanos) / 1e9;
      if (!summary(out, pipeline, runStart, emulated, emulationSeconds, seconds)) {
        return 1;
      }
      // The records carry today's UTC timestamps; the day is not over, so it has no _COMPLETE markers yet.
      DailyJobOptions request = DailyBatch.request(settings, runtime.s3(), LocalDate.now(ZoneOffset.UTC), DailyJobOptions.Stage.ALL, "", true);
      new DailyBatch("pinpipe run", job, settings.s3(), runtime.s3(), EmbeddedSettings.from(source).dataDir(), out, spec.commandLine().getErr())
          .run(request);
      out.println("pinpipe run: done");
      out.flush();
      return 0;
    } finally {
      stopUnlessSignalled(stopOnSignal, pipeline, db, lock);
    }
  }

  /** Closes everything, unless Ctrl-C's shutdown hook is already doing it. */
  private static void stopUnlessSignalled(Thread hook, LocalPipeline pipeline, SourceDatabase db, DataDirectoryLock lock) {
    boolean ours;
    try {
      ours = Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      ours = false;
    }
    if (ours) {
      stop(pipeline, db, lock);
    }
  }

  private static void stop(LocalPipeline pipeline, SourceDatabase db, DataDirectoryLock lock) {
    pipeline.close();
    db.close();
    lock.close();
  }

  /**
   * Prints what was sent and what landed; true when every post was delivered and S3 holds exactly
   * the records Kafka acknowledged in this run: those in objects starting at or after
   * {@code runStart}, each partition's end offset when the run began.
   */
  private boolean summary(PrintWriter out, LocalPipeline pipeline, Map<TopicPartition, Long> runStart, EmulatorStats.Snapshot emulated,
                          double emulationSeconds, double seconds) {
    PinpipeRuntime runtime = pipeline.runtime();
    PinpipeConfig config = runtime.config();
    List<String> problems = new ArrayList<>();
    if (emulated.failed() > 0) {
      problems.add(String.format(Locale.ROOT, "%,d posts failed (see the warnings above)", emulated.failed()));
    }
    out.printf(Locale.ROOT, "%npinpipe run: %,d posts delivered, %,d failed, %,d requests retried; emulation %.1f s (%,.0f posts/s), all %.1f s%n",
        emulated.delivered(), emulated.failed(), emulated.retried(), emulationSeconds, emulated.delivered() / emulationSeconds, seconds);
    out.printf(Locale.ROOT, "  %-20s %12s %12s %10s %14s   (this run's records and objects)%n", "topic", "acknowledged", "in S3", "objects", "bytes");
    try (S3AsyncClient client = S3Clients.create(config.s3(), runtime.s3())) {
      for (String topic : runtime.topics()) {
        S3Inventory.TopicContents contents = S3Inventory.since(client, config.s3().bucket(), topic, startOffsets(runStart, topic));
        long acknowledged = emulated.acknowledged().getOrDefault(topic, 0L);
        if (contents.records() < acknowledged) {
          problems.add(String.format(Locale.ROOT, "%s: %,d of this run's %,d acknowledged records are not in S3 (see the sink's warnings above)",
              topic, acknowledged - contents.records(), acknowledged));
        } else if (contents.records() > acknowledged) {
          problems.add(String.format(Locale.ROOT, "%s: S3 holds %,d records of this run, %,d more than were acknowledged "
                  + "(a request answered with an error was stored anyway, or another client wrote to the topic)",
              topic, contents.records(), contents.records() - acknowledged));
        }
        out.printf(Locale.ROOT, "  %-20s %,12d %,12d %,10d %,14d%n", topic, acknowledged, contents.records(), contents.objects(), contents.bytes());
      }
    }
    String endpoint = runtime.s3().endpoint().map(Object::toString).orElse("AWS S3");
    out.println("  data: s3://" + config.s3().bucket() + "/topics/ at " + endpoint
        + pipeline.embeddedS3().map(s3 -> " (files under " + s3.dataDir() + ")").orElse(""));
    pipeline.embeddedS3().ifPresent(s3 -> out.println("  list: AWS_ACCESS_KEY_ID=" + EmbeddedS3.ACCESS_KEY + " AWS_SECRET_ACCESS_KEY=" + EmbeddedS3.SECRET_KEY + " AWS_REGION="
        + config.s3().region() + " aws --endpoint-url " + s3.endpoint() + " s3 ls --recursive s3://" + config.s3().bucket() + "/topics/"));
    for (String problem : problems) {
      out.println("pinpipe run: INCOMPLETE: " + problem);
    }
    if (!problems.isEmpty()) {
      out.println("pinpipe run: INCOMPLETE: the Spark job was not run");
    }
    out.flush();
    return problems.isEmpty();
  }

  /** Each partition of {@code topic} and where this run's records begin in it. */
  private static Map<Integer, Long> startOffsets(Map<TopicPartition, Long> runStart, String topic) {
    Map<Integer, Long> offsets = new HashMap<>();
    runStart.forEach((partition, offset) -> {
      if (partition.topic().equals(topic)) {
        offsets.put(partition.partition(), offset);
      }
    });
    return offsets;
  }
}
