package dev.pinpipe.jobs;

import dev.pinpipe.contracts.DailyJobOptions;
import dev.pinpipe.jobs.RawInput.Kind;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Reads day D's raw records and does nothing else: each folder parsed with its explicit schema
 * (every column materialised, nothing written), as the clean stage reads it. How fast that goes is the most the clean stage
 * could reach with this Spark and this S3; the benchmark reports the job against it.
 */
@Command(name = "pinpipe-raw-scan", mixinStandardHelpOptions = true,
    description = "Reads and counts a day's raw records (the daily job's options); a baseline for the job's speed.")
public final class RawScan implements Callable<Integer> {

  @Mixin
  DailyJobOptions.Arguments arguments;

  public static void main(String[] args) {
    System.exit(new CommandLine(new RawScan()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public Integer call() {
    DailyJobOptions options = arguments.toOptions();
    SparkSession spark = JobSession.create(options);
    RawInput input = new RawInput(spark, options);
    long start = System.nanoTime();
    for (Kind kind : Kind.values()) {
      // "noop" materialises every column of every row and writes nothing: a read, parse and no more.
      input.read(kind).write().format("noop").mode("overwrite").save();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long records = 0;
    for (Kind kind : Kind.values()) {
      records += input.read(kind).count();
    }
    // One JSON line, the last, as the job's summary is.
    System.out.printf(Locale.ROOT, "{\"records\":%d,\"seconds\":%.3f}%n", records, seconds);
    spark.stop();
    return 0;
  }
}
