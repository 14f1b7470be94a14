package dev.pinpipe.cli;

import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.PinpipeConfig;
import dev.pinpipe.db.MySqlSettings;
import dev.pinpipe.runtime.PinpipeRuntime;
import dev.pinpipe.runtime.Role;
import dev.pinpipe.s3.S3Connection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code pinpipe serve} of the service: the chosen roles against an external Kafka and S3, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Versions.class,
    description = "Run pinpipe's roles against an external Kafka (--kafka, required) and S3 (--s3-endpoint, or AWS S3) until Ctrl-C.")
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

  @Override
  public Integer call() throws InterruptedException {
    Set<Role> roles = serve.roles();
    ConfigSource source = config.source(kafka, topics, s3, mysql, serve);
    PinpipeConfig settings = PinpipeConfig.from(source);
    Optional<MySqlSettings> database = roles.contains(Role.EMULATOR)
        ? Optional.of(MySqlSettings.from(source).orElseThrow(() -> new IllegalArgumentException(
            "the emulator role posts from the source MySQL: give --mysql mysql://user@host:3306/database (or mysql.url)")))
        : Optional.empty();
    PinpipeRuntime runtime = PinpipeRuntime.start(settings, roles, S3Connection.configured(settings.s3()));
    Serving.printEndpoints(System.out, runtime, roles, "external", "external");
    database.ifPresent(db -> Serving.emulate(runtime, Serving.emulatorSettings(runtime, source), db));
    Serving.untilStopped(runtime, System.out);
    return 0;
  }
}
