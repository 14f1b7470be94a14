package dev.pinpipe.jobs;

import dev.pinpipe.jobs.RawInput.Kind;
import dev.pinpipe.jobs.clean.Deduplication;
import dev.pinpipe.jobs.clean.GeoCleaning;
import dev.pinpipe.jobs.clean.PinCleaning;
import dev.pinpipe.jobs.clean.UserCleaning;
import dev.pinpipe.jobs.reports.Posts;
import dev.pinpipe.jobs.reports.Report;
import io.delta.tables.DeltaTable;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One run of the daily job for day D: the clean stage (raw JSON to the Delta tables and the
 * rejects), then the reports stage (the Delta tables of D to the nine reports), then the run
 * summary. All reading and writing happens here; the transformations are pure functions.
 */
final class DailyRun {

  private final SparkSession spark;
  private final JobOptions options;
  private final Progress progress;
  private final RunSummary summary;
  private final LocalDate day;

  DailyRun(SparkSession spark, JobOptions options, Progress progress) {
    this.spark = spark;
    this.options = options;
    this.progress = progress;
    this.summary = new RunSummary(options);
    this.day = options.date();
  }

  /** Runs the stages the options ask for and returns the summary, already written to S3. */
  RunSummary run() {
    if (options.stage().cleans()) {
      summary.stage("clean", Progress.timed(this::clean));
    }
    if (options.stage().reports()) {
      summary.stage("reports", Progress.timed(this::reports));
    }
    writeSummary();
    return summary;
  }

  private void clean() {
    RawInput input = new RawInput(spark, options);
    List<String> incomplete = input.incompleteTopics();
    if (!incomplete.isEmpty()) {
      if (!options.allowIncomplete()) {
        throw new JobFailure(JobFailure.INCOMPLETE_DAY, "day " + day + " is not complete: no _COMPLETE marker yet for "
            + String.join(", ", incomplete) + ". The S3 sink writes it once every partition has passed the day; "
            + "wait for it, or pass --allow-incomplete to clean what is there now");
      }
      progress.step("day %s is not complete (no _COMPLETE for %s); going on, as --allow-incomplete asks", day, String.join(", ", incomplete));
    }
    List<Dataset<Row>> rejects = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      rejects.add(cleanTable(input, kind));
    }
    Dataset<Row> allRejects = rejects.stream().reduce(Dataset::unionByName).orElseThrow();
    DeltaDay.replace(allRejects, options.output("delta/rejects"), day);
    rejects.forEach(Dataset::unpersist);
  }

  /** Cleans one kind into its Delta table and returns its rejects, cached until they are written. */
  private Dataset<Row> cleanTable(RawInput input, Kind kind) {
    progress.step("clean %s: reading %s", kind.table, input.folder(kind));
    Dataset<Row> raw = input.read(kind).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> rejects = RawValidation.rejects(raw, kind.schema, kind.table, kind.key).persist(StorageLevel.MEMORY_AND_DISK());
    long rejected = rejects.count();
    long inputRows = raw.count();
    Dataset<Row> cleaned = RawValidation.valid(raw, kind.schema, kind.key)
        .transform(cleaning(kind)::apply)
        .transform(Deduplication::byInd)
        .persist(StorageLevel.MEMORY_AND_DISK());
    long outputRows = cleaned.count();
    String table = options.output("delta/" + kind.table);
    DeltaDay.replace(cleaned, table, day);
    cleaned.unpersist();
    raw.unpersist();
    summary.table(kind.table, inputRows, rejected, outputRows);
    progress.step("clean %s: %,d records, %,d rejected, %,d duplicates dropped, %,d rows written to %s",
        kind.table, inputRows, rejected, inputRows - rejected - outputRows, outputRows, table);
    return rejects;
  }

  private static Function<Dataset<Row>, Dataset<Row>> cleaning(Kind kind) {
    return switch (kind) {
      case PIN -> PinCleaning::clean;
      case GEO -> GeoCleaning::clean;
      case USER -> UserCleaning::clean;
    };
  }

  private void reports() {
    Dataset<Row> posts = Posts.join(cleanTable("pin"), cleanTable("geo"), cleanTable("user"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    progress.step("reports: %,d posts of %s in all three tables", posts.count(), day);
    for (Report report : Report.values()) {
      Dataset<Row> rows = report.apply(posts).persist(StorageLevel.MEMORY_AND_DISK());
      long count = rows.count();
      DeltaDay.replace(rows, options.output("delta/reports/" + report.reportName()), day);
      writeJsonLines(rows, options.output("reports/" + report.reportName() + "/dt=" + day));
      rows.unpersist();
      summary.report(report.reportName(), count);
      progress.step("report %s: %,d rows", report.reportName(), count);
    }
    posts.unpersist();
  }

  private Dataset<Row> cleanTable(String table) {
    String path = options.output("delta/" + table);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      throw new JobFailure(JobFailure.FAILED, "no Delta table at " + path + ": run the clean stage for " + day
          + " first (--stage clean or --stage all)");
    }
    return DeltaDay.read(spark, path, day);
  }

  /**
   * A report's rows, in order, as one object of JSON lines in {@code folder} (whose previous
   * contents go). Reports are small (a row per country at most), so one PUT beats Spark's
   * file committer, which on S3 writes, copies and deletes every file.
   */
  private void writeJsonLines(Dataset<Row> rows, String folder) {
    StringBuilder lines = new StringBuilder();
    rows.toJSON().collectAsList().forEach(line -> lines.append(line).append('\n'));
    try {
      fileSystem(folder).delete(new Path(folder), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot replace " + folder + ": " + e.getMessage(), e);
    }
    put(folder + "/part-00000.json", lines.toString());
  }

  private void writeSummary() {
    String path = options.output("runs/dt=" + day + "/summary.json");
    put(path, summary.toJson());
    progress.step("summary written to %s", path);
  }

  private void put(String path, String body) {
    try (FSDataOutputStream out = fileSystem(path).create(new Path(path), true)) {
      out.write(body.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  private FileSystem fileSystem(String path) throws IOException {
    return FileSystem.get(URI.create(path), spark.sessionState().newHadoopConf());
  }
}
