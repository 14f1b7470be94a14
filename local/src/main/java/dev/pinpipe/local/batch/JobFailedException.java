package dev.pinpipe.local.batch;

import dev.pinpipe.contracts.DailyJobOptions;

/** The Spark job ended with a non-zero exit code; the message says what the code means and what to do. */
public final class JobFailedException extends RuntimeException {

  /** The job's exit code for a day without its {@code _COMPLETE} markers. */
  public static final int INCOMPLETE = 3;

  private final int exitCode;

  JobFailedException(int exitCode, DailyJobOptions request) {
    super(meaning(exitCode, request));
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  static String meaning(int exitCode, DailyJobOptions request) {
    return switch (exitCode) {
      case 2 -> "the Spark job refused its arguments (exit 2): pinpipe.jar and the job jar do not match; rebuild both with "
          + "`mvn -q -B -pl spark-jobs,local -am package -DskipTests` (./pinpipe does it)";
      case INCOMPLETE -> "day " + request.date() + " is incomplete (exit 3): not every topic has its _COMPLETE marker for it; "
          + "wait until the sink marks the day (after its end plus sink.complete-grace-ms), or run it anyway with "
          + "`pinpipe batch --date " + request.date() + " --allow-incomplete`";
      case 1 -> "the Spark job failed (exit 1); its lines above (prefixed " + JobLauncher.PREFIX.strip() + ") say why";
      default -> "the Spark job's JVM died (exit " + exitCode + "): killed, or out of memory? see its lines above (prefixed "
          + JobLauncher.PREFIX.strip() + ")";
    };
  }
}
