package dev.pinpipe.local.cli;

import dev.pinpipe.contracts.DailyJobOptions;

import dev.pinpipe.cli.ConfigOptions;
import dev.pinpipe.cli.S3Options;
import dev.pinpipe.cli.TopicOptions;
import dev.pinpipe.cli.Versions;
import dev.pinpipe.local.runtime.EmbeddedSettings;
import dev.pinpipe.local.runtime.LocalPipeline;
import dev.pinpipe.s3.S3Connection;
import dev.pinpipe.local.batch.DailyBatch;
import dev.pinpipe.local.batch.JobFailedException;
import dev.pinpipe.local.batch.JobFiles;
import dev.pinpipe.local.batch.RawDay;
import dev.pinpipe.s3.S3Clients;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.PinpipeConfig;
import dev.pinpipe.local.runtime.DataDirectoryLock;
import dev.pinpipe.local.runtime.StartPlan;
import dev.pinpipe.embedded.EmbeddedS3;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code pinpipe batch}: the Spark daily job alone, over the raw objects already in S3 (the
 * embedded S3 under --data-dir unless --s3-endpoint), then the reports on the console and as an
 * HTML page.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, versionProvider = Versions.class,
    description = "Run the Spark daily job for a day over the data already in S3 (embedded unless --s3-endpoint), "
        + "then print its reports and write them as an HTML page.")
final class BatchCommand implements Callable<Integer> {

  @Mixin
  ConfigOptions config;

  @Mixin
  TopicOptions topics;

  @Mixin
  S3Options s3;

  @Mixin
  DataDirOption dataDir;

  @Mixin
  S3PortOption s3Port;

  @Spec
  CommandSpec spec;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The day to process, UTC (default: today).")
  LocalDate date;

  @Option(names = "--stage", paramLabel = "STAGE", defaultValue = "all",
      description = "clean (raw to Delta), reports (Delta to reports) or all (default: ${DEFAULT-VALUE}).")
  String stage;

  @Option(names = "--allow-incomplete", description = "Run even when the day has no _COMPLETE markers yet.")
  boolean allowIncomplete;

  @Option(names = "--output-prefix", paramLabel = "PREFIX", defaultValue = "",
      description = "Key prefix of everything the job writes (default: none, the bucket's root).")
  String outputPrefix;

  @Override
  public Integer call() throws InterruptedException {
    DailyJobOptions.Stage jobStage = parseStage(stage);
    LocalDate day = date != null ? date : LocalDate.now(ZoneOffset.UTC);
    ConfigSource source = config.source(topics, s3, dataDir, s3Port);
    PinpipeConfig settings = PinpipeConfig.from(source);
    EmbeddedSettings embedded = EmbeddedSettings.from(source);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean startsS3 = settings.s3().endpoint().isEmpty();
    StartPlan plan = StartPlan.in(embedded);
    if (startsS3) {
      plan.s3();
    }
    try (DataDirectoryLock lock = plan.claim(config.invocation())) {
      Optional<EmbeddedS3> s3 = startsS3 ? Optional.of(EmbeddedS3.start(embedded.dataDir().resolve("s3"), embedded.s3Port())) : Optional.empty();
      try {
        S3Connection connection = s3.map(LocalPipeline::connection).orElseGet(() -> S3Connection.configured(settings.s3()));
        DailyJobOptions request = DailyBatch.request(settings, connection, day, jobStage, outputPrefix, allowIncomplete);
        Optional<String> noInput;
        try (S3AsyncClient client = S3Clients.create(settings.s3(), connection)) {
          noInput = RawDay.missing(client, request);
        }
        if (noInput.isPresent()) {
          err.println("pinpipe batch: " + noInput.get());
          err.flush();
          return 1;
        }
        new DailyBatch("pinpipe batch", JobFiles.locate(), settings.s3(), connection, embedded.dataDir(), out, err).run(request);
        out.println("pinpipe batch: done");
        out.flush();
        return 0;
      } catch (JobFailedException e) {
        err.println("pinpipe batch: " + e.getMessage());
        err.flush();
        return e.exitCode() == JobFailedException.INCOMPLETE ? JobFailedException.INCOMPLETE : 1;
      } finally {
        s3.ifPresent(EmbeddedS3::close);
      }
    }
  }

  private static DailyJobOptions.Stage parseStage(String stage) {
    try {
      return DailyJobOptions.Stage.valueOf(stage.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown stage '" + stage + "'; use clean, reports or all");
    }
  }
}
