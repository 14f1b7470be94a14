package dev.pinpipe.cli;

import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.PinpipeConfig;
import dev.pinpipe.db.SourceDatabase;
import dev.pinpipe.emulator.EmulatorSettings;
import dev.pinpipe.emulator.EmulatorStats;
import dev.pinpipe.runtime.DataDirectoryLock;
import dev.pinpipe.runtime.PinpipeRuntime;
import dev.pinpipe.runtime.StartPlan;
import dev.pinpipe.s3.EmbeddedS3;
import dev.pinpipe.runtime.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code pinpipe serve}: runs the chosen roles until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run pinpipe's verticles (and embedded Kafka and S3 unless --kafka and --s3-endpoint are given) until Ctrl-C.")
final class ServeCommand implements Callable<Integer> {

  @Mixin
  CommonOptions common;

  @Mixin
  S3Options s3;

  @Mixin
  DatabaseOptions database;

  @Option(names = "--roles", paramLabel = "ROLES", defaultValue = "ingest,fanout,sink",
      description = "Comma-separated roles to run: ingest, fanout, sink, emulator (default: ${DEFAULT-VALUE}; "
          + "emulator posts from MySQL as configured in the emulator and mysql sections).")
  String roles;

  @Option(names = "--http-port", paramLabel = "PORT", description = "Ingestion HTTP port (default: 8082, the REST Proxy's).")
  Integer httpPort;

  @Option(names = "--management-port", paramLabel = "PORT", description = "Health, readiness and metrics port (default: 8081).")
  Integer managementPort;

  @Option(names = "--instances", paramLabel = "N", description = "Ingest and fan-out verticle instances (default: number of cores).")
  Integer instances;

  @Override
  public Integer call() throws InterruptedException {
    Set<Role> roleSet = Role.parse(roles);
    ConfigSource source = database.apply(s3.apply(common.source()))
        .with("ingest.http-port", httpPort)
        .with("ingest.management-port", managementPort)
        .with("ingest.instances", instances);
    PinpipeConfig config = common.config(source);
    StartPlan plan = PinpipeRuntime.plan(config, roleSet);
    if (roleSet.contains(Role.EMULATOR) && SourceDatabase.startsEmbedded(source)) {
      plan.mariaDb();
    }
    DataDirectoryLock lock = plan.claim(common.invocation());
    Optional<SourceDatabase> database = Optional.empty();
    PinpipeRuntime runtime;
    try {
      database = roleSet.contains(Role.EMULATOR) ? Optional.of(SourceDatabase.open(source)) : Optional.empty();
      runtime = PinpipeRuntime.start(config, roleSet);
    } catch (RuntimeException | Error e) {
      database.ifPresent(SourceDatabase::close);
      lock.close();
      throw e;
    }
    Optional<SourceDatabase> startedDatabase = database;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("pinpipe: stopping (finishing requests in flight, flushing the producer)...");
      runtime.close();
      startedDatabase.ifPresent(SourceDatabase::close);
      lock.close();
      System.out.println("pinpipe: stopped");
      stopped.countDown();
    }, "pinpipe-shutdown"));
    printEndpoints(System.out, runtime, roleSet);
    startedDatabase.ifPresent(db -> {
      EmulatorSettings settings = EmulatorSettings.from(source, config.ingest().httpPort(), config.kafka().topicPrefix());
      db.seedIfEmpty(runtime.vertx(), settings.seed()).toCompletionStage().toCompletableFuture().join();
      runtime.emulate(settings, db, new EmulatorStats()).finished().onSuccess(done -> System.out.printf(Locale.ROOT,
          "pinpipe: emulator finished: %,d posts delivered, %,d failed, %,d requests retried%n", done.delivered(), done.failed(), done.retried()));
    });
    stopped.await();
    return 0;
  }

  static void printEndpoints(PrintStream out, PinpipeRuntime runtime, Set<Role> roles) {
    PinpipeConfig config = runtime.config();
    String host = "0.0.0.0".equals(config.ingest().host()) ? "localhost" : config.ingest().host();
    out.println("pinpipe serve: running roles " + roles.toString().toLowerCase(java.util.Locale.ROOT));
    if (roles.contains(Role.INGEST)) {
      out.println("  ingest     http://" + host + ":" + config.ingest().httpPort() + "   (Kafka REST Proxy v2 API, POST /posts)");
    }
    out.println("  management http://" + host + ":" + config.ingest().managementPort() + "   (/healthz /readyz /metrics)");
    out.println("  kafka      " + runtime.bootstrapServers() + runtime.embeddedKafka()
        .map(kafka -> "   (embedded, data in " + kafka.logDir() + ")").orElse("   (external)"));
    out.println("  topics     " + String.join(", ", runtime.topics()));
    if (roles.contains(Role.SINK)) {
      String endpoint = runtime.embeddedS3().map(s3 -> s3.endpoint().toString()).orElseGet(() -> config.s3().endpoint().orElse("AWS S3"));
      out.println("  s3         " + endpoint + "   bucket " + config.s3().bucket() + ", objects under topics/ ("
          + runtime.embeddedS3().map(s3 -> "embedded, data in " + s3.dataDir()).orElse("external") + ")");
      runtime.embeddedS3().ifPresent(s3 -> {
        out.println("  list with  AWS_ACCESS_KEY_ID=" + EmbeddedS3.CREDENTIALS.accessKeyId()
            + " AWS_SECRET_ACCESS_KEY=" + EmbeddedS3.CREDENTIALS.secretAccessKey() + " AWS_REGION=" + config.s3().region() + " \\");
        out.println("             aws --endpoint-url " + s3.endpoint() + " s3 ls --recursive s3://" + config.s3().bucket() + "/topics/");
      });
    }
    if (roles.contains(Role.INGEST)) {
      out.println("Try:");
      out.println("  curl -s -X POST -H 'Content-Type: application/vnd.kafka.json.v2+json' \\");
      out.println("    --data '{\"records\":[{\"value\":{\"index\":1,\"title\":\"hello pinpipe\"}}]}' \\");
      out.println("    http://" + host + ":" + config.ingest().httpPort() + "/topics/" + runtime.topics().get(0));
    }
    out.println("Ctrl-C stops cleanly.");
  }
}
