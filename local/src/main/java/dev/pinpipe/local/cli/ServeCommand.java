package dev.pinpipe.local.cli;

import dev.pinpipe.cli.ConfigOptions;
import dev.pinpipe.cli.KafkaOptions;
import dev.pinpipe.cli.MySqlOptions;
import dev.pinpipe.cli.S3Options;
import dev.pinpipe.cli.ServeOptions;
import dev.pinpipe.cli.Serving;
import dev.pinpipe.cli.TopicOptions;
import dev.pinpipe.cli.Versions;
import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.embedded.EmbeddedS3;
import dev.pinpipe.emulator.EmulatorSettings;
import dev.pinpipe.local.db.SourceDatabase;
import dev.pinpipe.local.runtime.DataDirectoryLock;
import dev.pinpipe.local.runtime.LocalPipeline;
import dev.pinpipe.local.runtime.StartPlan;
import dev.pinpipe.runtime.PinpipeRuntime;
import dev.pinpipe.runtime.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code pinpipe serve}: the chosen roles, with embedded Kafka, S3 and MariaDB for what is not given, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Versions.class,
    description = "Run pinpipe's roles (and embedded Kafka and S3 unless --kafka and --s3-endpoint are given) until Ctrl-C.")
final class ServeCommand implements Callable<Integer> {

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
  ServeOptions serve;

  @Mixin
  DataDirOption dataDir;

  @Mixin
  KafkaPortOption kafkaPort;

  @Mixin
  S3PortOption s3Port;

  @Mixin
  MySqlPortOption mysqlPort;

  @Override
  public Integer call() throws InterruptedException {
    Set<Role> roles = serve.roles();
    ConfigSource source = config.source(kafka, topics, s3, mysql, serve, dataDir, kafkaPort, s3Port, mysqlPort);
    StartPlan plan = LocalPipeline.plan(source, roles);
    if (roles.contains(Role.EMULATOR) && SourceDatabase.startsEmbedded(source)) {
      plan.mariaDb();
    }
    DataDirectoryLock lock = plan.claim(config.invocation());
    Optional<SourceDatabase> database = Optional.empty();
    LocalPipeline pipeline;
    try {
      database = roles.contains(Role.EMULATOR) ? Optional.of(SourceDatabase.open(source)) : Optional.empty();
      pipeline = LocalPipeline.start(source, roles);
    } catch (RuntimeException | Error e) {
      database.ifPresent(SourceDatabase::close);
      lock.close();
      throw e;
    }
    Optional<SourceDatabase> started = database;
    PinpipeRuntime runtime = pipeline.runtime();
    printEndpoints(System.out, pipeline, roles);
    started.ifPresent(db -> {
      EmulatorSettings settings = Serving.emulatorSettings(runtime, source);
      db.seedIfEmpty(runtime.vertx(), settings.seed()).await();
      Serving.emulate(runtime, settings, db.settings());
    });
    Serving.untilStopped(() -> {
      pipeline.close();
      started.ifPresent(SourceDatabase::close);
      lock.close();
    }, System.out);
    return 0;
  }

  static void printEndpoints(PrintStream out, LocalPipeline pipeline, Set<Role> roles) {
    PinpipeRuntime runtime = pipeline.runtime();
    Serving.printEndpoints(out, runtime, roles,
        pipeline.embeddedKafka().map(kafka -> "embedded, data in " + kafka.logDir()).orElse("external"),
        pipeline.embeddedS3().map(s3 -> "embedded, data in " + s3.dataDir()).orElse("external"));
    pipeline.embeddedS3().ifPresent(s3 -> {
      out.println("List the objects with:");
      out.println("  AWS_ACCESS_KEY_ID=" + EmbeddedS3.ACCESS_KEY + " AWS_SECRET_ACCESS_KEY=" + EmbeddedS3.SECRET_KEY
          + " AWS_REGION=" + runtime.config().s3().region() + " \\");
      out.println("  aws --endpoint-url " + s3.endpoint() + " s3 ls --recursive s3://" + runtime.config().s3().bucket() + "/topics/");
    });
  }
}
