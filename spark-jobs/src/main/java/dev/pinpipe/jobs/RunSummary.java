package dev.pinpipe.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run did, as one JSON object: rows in and out per table, late records, rejects,
 * duplicates dropped, the posts (with those straddling midnight and the records in none), rows
 * per report and the duration of each stage. Written to {@code runs/dt=D/summary.json}
 * and printed as the job's last line.
 */
final class RunSummary {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Object> root = new LinkedHashMap<>();
  private final Map<String, Object> tables = new LinkedHashMap<>();
  private final Map<String, Long> reports = new LinkedHashMap<>();
  private final Map<String, Long> stageMillis = new LinkedHashMap<>();

  RunSummary(JobOptions options) {
    root.put("date", options.date().toString());
    root.put("stage", options.stage().name().toLowerCase());
    root.put("layout", options.layout().name().toLowerCase());
    root.put("tables", tables);
    root.put("reports", reports);
    root.put("stage_ms", stageMillis);
  }

  /** {@code late} of the {@code input} rows were in objects stored after the day's {@code _COMPLETE} marker. */
  void table(String table, long input, long late, long rejects, long output) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("input_rows", input);
    counts.put("late_records", late);
    counts.put("rejects", rejects);
    counts.put("duplicates_dropped", input - rejects - output);
    counts.put("output_rows", output);
    tables.put(table, counts);
  }

  /**
   * The posts of the reports: how many, how many of them with records of the day before (their
   * records straddle midnight), and per kind the records of the day that are in no post.
   */
  void posts(long count, long withPreviousDay, Map<String, Long> unmatchedRecords) {
    Map<String, Object> posts = new LinkedHashMap<>();
    posts.put("count", count);
    posts.put("with_previous_day_records", withPreviousDay);
    posts.put("unmatched_records", unmatchedRecords);
    root.put("posts", posts);
  }

  void report(String report, long rows) {
    reports.put(report, rows);
  }

  void stage(String stage, Duration took) {
    stageMillis.put(stage, took.toMillis());
  }

  LocalDate date() {
    return LocalDate.parse((String) root.get("date"));
  }

  String toJson() {
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the run summary", e);
    }
  }
}
