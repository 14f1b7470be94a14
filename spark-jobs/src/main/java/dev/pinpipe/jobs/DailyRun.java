package dev.pinpipe.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinpipe.contracts.DailyJobOptions;
import dev.pinpipe.contracts.DailyJobOptions.Stage;
import dev.pinpipe.contracts.RawLayout;
import dev.pinpipe.contracts.Report;
import dev.pinpipe.contracts.RunSummary;
import dev.pinpipe.contracts.RunSummary.PostCounts;
import dev.pinpipe.contracts.RunSummary.TableCounts;
import dev.pinpipe.jobs.RawInput.Kind;
import dev.pinpipe.jobs.RawInput.LateObjects;
import dev.pinpipe.jobs.clean.Deduplication;
import dev.pinpipe.jobs.clean.GeoCleaning;
import dev.pinpipe.jobs.clean.PinCleaning;
import dev.pinpipe.jobs.clean.UserCleaning;
import dev.pinpipe.jobs.reports.PostRecords;
import dev.pinpipe.jobs.reports.Posts;
import dev.pinpipe.jobs.reports.Reports;
import io.delta.tables.DeltaTable;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.apache.spark.sql.functions.col;

/**
 * One run of the daily job for day D: the clean stage (raw JSON to the Delta tables and the
 * rejects), then the reports stage (the Delta tables of D, with D−1's for posts straddling
 * midnight, to the nine reports), then the run summary. All reading and writing happens here; the transformations are pure functions.
 */
final class DailyRun {

  private static final Logger LOG = LoggerFactory.getLogger(DailyRun.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SparkSession spark;
  private final DailyJobOptions options;
  private final Progress progress;
  private final LocalDate day;
  // The run summary's parts, filled in as the stages go.
  private final Map<String, TableCounts> tableCounts = new LinkedHashMap<>();
  private final Map<String, Long> reportRows = new LinkedHashMap<>();
  private final Map<String, Long> stageMillis = new LinkedHashMap<>();
  private Optional<PostCounts> postCounts = Optional.empty();

  DailyRun(SparkSession spark, DailyJobOptions options, Progress progress) {
    this.spark = spark;
    this.options = options;
    this.progress = progress;
    this.day = options.date();
  }

  /** Runs the stages the options ask for and returns the summary, already written to S3. */
  RunSummary run() {
    if (options.stage().runsClean()) {
      stage(Stage.CLEAN, Progress.timed(this::clean));
    }
    if (options.stage().runsReports()) {
      stage(Stage.REPORTS, Progress.timed(this::reports));
    }
    RunSummary summary = new RunSummary(day, options.stage(), options.layout(), tableCounts, reportRows, stageMillis, postCounts);
    writeSummary(summary);
    return summary;
  }

  /** The summary as the JSON object the job writes and prints. */
  static String toJson(RunSummary summary) {
    try {
      return JSON.writeValueAsString(summary.toMap());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the run summary", e);
    }
  }

  private void stage(Stage stage, Duration took) {
    stageMillis.put(stage.id(), took.toMillis());
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
    DeltaDay.replace(allRejects, output("delta/rejects"), day);
    rejects.forEach(Dataset::unpersist);
  }

  /** Cleans one kind into its Delta table and returns its rejects, cached until they are written. */
  private Dataset<Row> cleanTable(RawInput input, Kind kind) {
    progress.step("clean %s: reading %s", kind.table, input.folder(kind));
    // Listed before the read, so every late object it names is among the records read.
    Optional<LateObjects> lateObjects = input.lateObjects(kind);
    Dataset<Row> raw = input.read(kind).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> rejects = RawValidation.rejects(raw, kind.schema, kind.table, kind.key).persist(StorageLevel.MEMORY_AND_DISK());
    long rejected = rejects.count();
    long inputRows = raw.count();
    long late = lateObjects.map(objects -> lateRecords(kind, raw, objects)).orElse(0L);
    Dataset<Row> cleaned = RawValidation.valid(raw, kind.schema, kind.key)
        .transform(cleaning(kind)::apply)
        .transform(Deduplication::byInd)
        .persist(StorageLevel.MEMORY_AND_DISK());
    long outputRows = cleaned.count();
    String table = output("delta/" + kind.table);
    DeltaDay.replace(cleaned, table, day);
    cleaned.unpersist();
    raw.unpersist();
    long duplicates = inputRows - rejected - outputRows;
    tableCounts.put(kind.table, new TableCounts(inputRows, late, rejected, duplicates, outputRows));
    progress.step("clean %s: %,d records, %,d rejected, %,d duplicates dropped, %,d rows written to %s",
        kind.table, inputRows, rejected, duplicates, outputRows, table);
    return rejects;
  }

  /** Counts and reports {@code kind}'s records in {@code late}: they reached S3 after D was declared complete. */
  private long lateRecords(Kind kind, Dataset<Row> raw, LateObjects late) {
    long records = raw.where(col(RawValidation.SOURCE).isin(late.paths().toArray())).count();
    String topic = options.topics().topic(kind.recordKind);
    LOG.warn("late records date={} topic={} records={} objects={} completedAt={} lastArrivedAt={}: stored after the day's "
            + "_COMPLETE marker, so runs of {} that started before {} missed them and their tables and reports are stale; "
            + "this run includes them", day, topic, records, late.paths().size(), late.completed(), late.lastArrival(), day,
        late.lastArrival());
    progress.step("clean %s: %,d late records in %,d objects stored after %s's _COMPLETE marker (%s), the last at %s: "
        + "runs of %s that started before then missed them; this run includes them", kind.table, records, late.paths().size(),
        topic, late.completed(), late.lastArrival(), day);
    return records;
  }

  private static Function<Dataset<Row>, Dataset<Row>> cleaning(Kind kind) {
    return switch (kind) {
      case PIN -> PinCleaning::clean;
      case GEO -> GeoCleaning::clean;
      case USER -> UserCleaning::clean;
    };
  }

  private void reports() {
    // In the default layout every run reads every record, so no post is split between runs.
    LocalDate from = options.layout() == RawLayout.DAILY ? day.minusDays(1) : day;
    PostRecords.Tables tables = new PostRecords.Tables(cleanTable("pin", from), cleanTable("geo", from), cleanTable("user", from));
    Dataset<Row> keys = PostRecords.keys(tables, day).persist(StorageLevel.MEMORY_AND_DISK());
    Row counts = PostRecords.counts(keys).first();
    PostRecords.Tables records = PostRecords.records(tables, keys, day);
    Dataset<Row> posts = Posts.join(records.pin(), records.geo(), records.user()).persist(StorageLevel.MEMORY_AND_DISK());
    Map<String, Long> unmatched = new LinkedHashMap<>();
    for (Kind kind : Kind.values()) {
      unmatched.put(kind.table, counts.<Long>getAs("unmatched_" + kind.table));
    }
    long postCount = counts.<Long>getAs("posts");
    long withPreviousDay = counts.<Long>getAs("with_previous_day");
    postCounts = Optional.of(new PostCounts(postCount, withPreviousDay, unmatched));
    progress.step("reports: %,d posts of %s in all three tables, %,d of them with records of %s", postCount, day,
        withPreviousDay, day.minusDays(1));
    reportUnmatched(unmatched, counts.<Long>getAs("inds_before") > 0);
    for (Report report : Report.values()) {
      Dataset<Row> rows = Reports.compute(report, posts).persist(StorageLevel.MEMORY_AND_DISK());
      long count = rows.count();
      DeltaDay.replace(rows, output("delta/reports/" + report.reportName()), day);
      writeJsonLines(rows, output(report.jsonDirectory(day)));
      rows.unpersist();
      reportRows.put(report.reportName(), count);
      progress.step("report %s: %,d rows", report.reportName(), count);
    }
    posts.unpersist();
    keys.unpersist();
  }

  private void reportUnmatched(Map<String, Long> unmatched, boolean previousDayCleaned) {
    long total = unmatched.values().stream().mapToLong(Long::longValue).sum();
    if (total == 0) {
      return;
    }
    progress.step("reports: %,d records of %s are in no post (pin %,d, geo %,d, user %,d); those of posts completed after "
        + "midnight are reported by the run of %s", total, day, unmatched.get("pin"), unmatched.get("geo"), unmatched.get("user"),
        day.plusDays(1));
    LOG.warn("unmatched records date={} pin={} geo={} user={}: in no report of {}, as their post has no record of some "
            + "other kind in {} or unused in {}. Those of posts completed after midnight are reported by the run of {}; "
            + "the others have no partner records (check the source tables)",
        day, unmatched.get("pin"), unmatched.get("geo"), unmatched.get("user"), day, day, day.minusDays(1), day.plusDays(1));
    LocalDate previous = day.minusDays(1);
    if (options.layout() == RawLayout.DAILY && !previousDayCleaned && new RawInput(spark, options).hasRecords(previous)) {
      LOG.warn("previous day not cleaned date={}: it has raw records but no cleaned ones, so none of its records could "
          + "complete a post of {}. Run the job for {}, then rerun {} (--stage reports is enough)", previous, day, previous, day);
      progress.step("reports: %s has raw records but was not cleaned: run it, then rerun %s with --stage reports", previous, day);
    }
  }

  /** Days {@code from} to D of a cleaned Delta table, with their {@code dt}. */
  private Dataset<Row> cleanTable(String table, LocalDate from) {
    String path = output("delta/" + table);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      throw new JobFailure(JobFailure.FAILED, "no Delta table at " + path + ": run the clean stage for " + day
          + " first (--stage clean or --stage all)");
    }
    return DeltaDay.read(spark, path, from, day);
  }

  /** The {@code s3a://} URI of {@code key} under the output prefix. */
  private String output(String key) {
    return JobSession.s3a(options, options.outputKey(key));
  }

  /**
   * A report's rows, in order, as one object of JSON lines in {@code folder} (ending in "/"), whose previous
   * contents go. Reports are small (a row per country at most), so one PUT beats Spark's
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
    put(folder + "part-00000.json", lines.toString());
  }

  private void writeSummary(RunSummary summary) {
    String path = output(RunSummary.key(day));
    put(path, toJson(summary));
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
