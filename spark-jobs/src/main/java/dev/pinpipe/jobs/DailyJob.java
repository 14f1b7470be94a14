package dev.pinpipe.jobs;

import dev.pinpipe.contracts.DailyJobOptions;
import dev.pinpipe.contracts.RunSummary;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.io.PrintWriter;
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

  @Mixin
  DailyJobOptions.Arguments arguments;

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
    DailyJobOptions options = arguments.toOptions();
    // Spark's log4j binding drops SLF4J key-value pairs, so they go in the message.
    LOG.info("daily job starting date={} stage={} bucket={} endpoint={} layout={} topicPrefix={} outputPrefix={}",
        options.date(), options.stage(), options.bucket(), options.s3Endpoint().orElse("aws"), options.layout(),
        options.topicPrefix(), options.outputPrefix());
    Progress progress = new Progress(out);
    progress.step("daily job for %s: stage %s, s3a://%s/%s", options.date(), options.stage().id(), options.bucket(), options.outputPrefix());
    SparkSession spark = JobSession.create(options);
    RunSummary summary = new DailyRun(spark, options, progress).run();
    out.println(DailyRun.toJson(summary));
    out.flush();
    return 0;
  }
}
