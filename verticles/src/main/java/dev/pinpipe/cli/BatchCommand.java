package dev.pinpipe.cli;

import dev.pinpipe.batch.DailyBatch;
import dev.pinpipe.batch.JobFailedException;
import dev.pinpipe.batch.JobFiles;
import dev.pinpipe.batch.JobRequest;
import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.PinpipeConfig;
import dev.pinpipe.runtime.DataDirectoryLock;
import dev.pinpipe.runtime.StartPlan;
import dev.pinpipe.s3.EmbeddedS3;
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
@Command(name = "batch", mixinStandardHelpOptions = true,
    description = "Run the Spark daily job for a day over the data already in S3 (embedded unless --s3-endpoint), "
        + "then print its reports and write them as an HTML page.")
final class BatchCommand implements Callable<Integer> {

  @Mixin
  CommonOptions common;

  @Mixin
  S3Options s3;

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
    JobRequest.Stage jobStage = parseStage(stage);
    JobFiles job = JobFiles.locate();
    LocalDate day = date != null ? date : LocalDate.now(ZoneOffset.UTC);
    ConfigSource source = s3.apply(common.source());
    PinpipeConfig config = common.config(source);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean startsS3 = config.s3().endpoint().isEmpty();
    StartPlan plan = StartPlan.in(config.embedded());
    if (startsS3) {
      plan.s3();
    }
    try (DataDirectoryLock lock = plan.claim(common.invocation())) {
      Optional<EmbeddedS3> embedded = startsS3
          ? Optional.of(EmbeddedS3.start(config.embedded().dataDir().resolve("s3"), config.embedded().s3Port()))
          : Optional.empty();
      try {
        JobRequest request = DailyBatch.request(config, embedded, day, jobStage, outputPrefix, allowIncomplete);
        new DailyBatch("pinpipe batch", job, config.s3(), embedded, config.embedded().dataDir(), out, err).run(request);
        out.println("pinpipe batch: done");
        out.flush();
        return 0;
      } catch (JobFailedException e) {
        err.println("pinpipe batch: " + e.getMessage());
        err.flush();
        return e.exitCode() == JobFailedException.INCOMPLETE ? JobFailedException.INCOMPLETE : 1;
      } finally {
        embedded.ifPresent(EmbeddedS3::close);
      }
    }
  }

  private static JobRequest.Stage parseStage(String stage) {
    try {
      return JobRequest.Stage.valueOf(stage.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown stage '" + stage + "'; use clean, reports or all");
    }
  }
}
