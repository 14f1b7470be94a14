package dev.pinpipe.jobs;

import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The daily Spark job: cleans the raw records of day D into Delta tables and computes the nine
 * reports. Runs under spark-submit (the spark-operator) or on its own with {@code --master}.
 *
 * <p>Exit codes: 0 done, 1 failed, 2 bad arguments, 3 the day is not complete yet.
 */
@Command(name = "pinpipe-daily-job", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Cleans the raw records of a day into Delta tables and computes the reports.")
public final class DailyJob implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(DailyJob.class);

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The UTC day to process.")
  LocalDate date;

  @Option(names = "--stage", defaultValue = "all", paramLabel = "clean|reports|all",
      description = "Which stages to run (default: ${DEFAULT-VALUE}).")
  JobOptions.Stage stage;

  @Option(names = "--bucket", defaultValue = "pinpipe", description = "Bucket of the raw objects and the outputs (default: ${DEFAULT-VALUE}).")
  String bucket;

  @Option(names = "--s3-endpoint", paramLabel = "URL", description = "S3-compatible endpoint (S3Proxy, MinIO); AWS S3 when absent.")
  String s3Endpoint;

  @Option(names = "--path-style", description = "Path-style requests, as S3Proxy and MinIO want.")
  boolean pathStyle;

  @Option(names = "--layout", defaultValue = "daily", paramLabel = "daily|default",
      description = "The S3 sink's partitioner (default: ${DEFAULT-VALUE}).")
  JobOptions.Layout layout;

  @Option(names = "--topic-prefix", defaultValue = "pinpipe", description = "Kafka topic prefix of the raw folders (default: ${DEFAULT-VALUE}).")
  String topicPrefix;

  @Option(names = "--output-prefix", defaultValue = "", paramLabel = "PREFIX",
      description = "Key prefix of every output (delta/, reports/, runs/); the bucket root by default.")
  String outputPrefix;

  @Option(names = "--allow-incomplete", description = "Clean a day whose _COMPLETE markers are not all written yet.")
  boolean allowIncomplete;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master when run outside spark-submit, e.g. local[*].")
  String master;

  private final PrintStream out;

  DailyJob(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(execute(System.out, System.err, args));
  }

  /** Runs the job with {@code args}, progress and the summary on {@code out}, errors on {@code err}; returns the exit code. */
  static int execute(PrintStream out, PrintStream err, String... args) {
    CommandLine commandLine = new CommandLine(new DailyJob(out))
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true));
    commandLine.setExecutionExceptionHandler((e, command, parsed) -> {
      if (e instanceof JobFailure failure) {
        command.getErr().println("pinpipe-daily-job: " + failure.getMessage());
        return failure.exitCode();
      }
      LOG.atError().setCause(e).log("the daily job failed");
      command.getErr().println("pinpipe-daily-job: failed: " + e + " (the log above says where)");
      return JobFailure.FAILED;
    });
    return commandLine.execute(args);
  }

  @Override
  public Integer call() {
    JobOptions options = options();
    LOG.atInfo().addKeyValue("date", options.date()).addKeyValue("stage", options.stage())
        .addKeyValue("bucket", options.bucket()).addKeyValue("endpoint", options.s3Endpoint().orElse("aws"))
        .addKeyValue("layout", options.layout()).addKeyValue("topicPrefix", options.topicPrefix())
        .addKeyValue("outputPrefix", options.outputPrefix()).log("daily job starting");
    Progress progress = new Progress(out);
    progress.step("daily job for %s: stage %s, s3a://%s/%s", options.date(), stage.name().toLowerCase(), bucket, options.outputPrefix());
    SparkSession spark = JobSession.create(options);
    RunSummary summary = new DailyRun(spark, options, progress).run();
    out.println(summary.toJson());
    out.flush();
    return 0;
  }

  private JobOptions options() {
    String prefix = outputPrefix.isEmpty() || outputPrefix.endsWith("/") ? outputPrefix : outputPrefix + "/";
    return new JobOptions(date, stage, bucket, Optional.ofNullable(s3Endpoint), pathStyle, layout, topicPrefix,
        prefix, allowIncomplete, Optional.ofNullable(master));
  }
}
