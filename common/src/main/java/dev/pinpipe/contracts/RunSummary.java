package dev.pinpipe.contracts;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one run of the daily job did, written to {@code runs/dt=D/summary.json} (under the output
 * prefix) and printed as the job's last line. The JSON object is {@link #toMap()} as any JSON
 * library writes it: each side serialises with its own Jackson, as the Spark job pins an older one
 * than the service.
 *
 * <pre>{@code
 * {"date": "2026-03-01", "stage": "all", "layout": "daily",
 *  "tables": {"pin": {"input_rows": 6, "late_records": 0, "rejects": 1, "duplicates_dropped": 1, "output_rows": 4}, ...},
 *  "reports": {"category_by_country": 2, ...},
 *  "stage_ms": {"clean": 5120, "reports": 3480},
 *  "posts": {"count": 3, "with_previous_day_records": 0, "unmatched_records": {"pin": 1, "geo": 1, "user": 0}}}
 * }</pre>
 *
 * @param tables      per cleaned table ({@link RecordKind#id()}), in the order cleaned; none without the clean stage
 * @param reports     rows per report ({@link Report#reportName()}), in the order written; none without the reports stage
 * @param stageMillis how long each stage that ran took ({@link DailyJobOptions.Stage#id()})
 * @param posts       the posts the reports are computed over; empty without the reports stage
 */
public record RunSummary(
    LocalDate date,
    DailyJobOptions.Stage stage,
    RawLayout layout,
    Map<String, TableCounts> tables,
    Map<String, Long> reports,
    Map<String, Long> stageMillis,
    Optional<PostCounts> posts) {

  public RunSummary {
    tables = ordered(tables);
    reports = ordered(reports);
    stageMillis = ordered(stageMillis);
  }

  /**
   * One cleaned table's rows: {@code inputRows} read, of which {@code rejects} failed validation
   * and {@code duplicatesDropped} repeated a key, leaving {@code outputRows};
   * {@code lateRecords} of the input were in objects stored after the day's {@code _COMPLETE} marker.
   */
  public record TableCounts(long inputRows, long lateRecords, long rejects, long duplicatesDropped, long outputRows) {

    Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("input_rows", inputRows);
      map.put("late_records", lateRecords);
      map.put("rejects", rejects);
      map.put("duplicates_dropped", duplicatesDropped);
      map.put("output_rows", outputRows);
      return map;
    }

    static TableCounts fromMap(Map<?, ?> map) {
      return new TableCounts(number(map, "input_rows"), number(map, "late_records"), number(map, "rejects"),
          number(map, "duplicates_dropped"), number(map, "output_rows"));
    }
  }

  /**
   * The posts of day D (one per key found in all three tables): {@code withPreviousDayRecords} of
   * them have records of D−1 (they straddle midnight), and per kind ({@link RecordKind#id()}) the
   * records of D that are in no post.
   */
  public record PostCounts(long count, long withPreviousDayRecords, Map<String, Long> unmatchedRecords) {

    public PostCounts {
      unmatchedRecords = ordered(unmatchedRecords);
    }

    Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("count", count);
      map.put("with_previous_day_records", withPreviousDayRecords);
      map.put("unmatched_records", unmatchedRecords);
      return map;
    }

    static PostCounts fromMap(Map<?, ?> map) {
      return new PostCounts(number(map, "count"), number(map, "with_previous_day_records"),
          longs(object(map, "unmatched_records")));
    }
  }

  /** {@code runs/dt=D/summary.json}, under the job's output prefix. */
  public static String key(LocalDate date) {
    return "runs/dt=" + date + "/summary.json";
  }

  /** The summary as a JSON object: maps keep their order, numbers are longs. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("date", date.toString());
    map.put("stage", stage.id());
    map.put("layout", layout.id());
    Map<String, Object> tableMaps = new LinkedHashMap<>();
    tables.forEach((table, counts) -> tableMaps.put(table, counts.toMap()));
    map.put("tables", tableMaps);
    map.put("reports", reports);
    map.put("stage_ms", stageMillis);
    posts.ifPresent(counts -> map.put("posts", counts.toMap()));
    return map;
  }

  /**
   * The summary of a JSON object as a JSON library reads it (numbers of any {@link Number} type).
   *
   * @throws IllegalArgumentException naming a field that is missing or of the wrong type
   */
  public static RunSummary fromMap(Map<?, ?> map) {
    Map<String, TableCounts> tables = new LinkedHashMap<>();
    object(map, "tables").forEach((table, counts) -> tables.put(String.valueOf(table), TableCounts.fromMap(asObject(table, counts))));
    return new RunSummary(
        LocalDate.parse(string(map, "date")),
        DailyJobOptions.Stage.valueOf(string(map, "stage").toUpperCase(Locale.ROOT)),
        RawLayout.parse(string(map, "layout")),
        tables,
        longs(object(map, "reports")),
        longs(object(map, "stage_ms")),
        Optional.ofNullable(map.get("posts")).map(posts -> PostCounts.fromMap(asObject("posts", posts))));
  }

  /** An unmodifiable copy in the same order ({@link Map#copyOf} loses it). */
  private static <V> Map<String, V> ordered(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  private static Map<String, Long> longs(Map<?, ?> map) {
    Map<String, Long> longs = new LinkedHashMap<>();
    map.keySet().forEach(key -> longs.put(String.valueOf(key), number(map, String.valueOf(key))));
    return longs;
  }

  private static long number(Map<?, ?> map, String field) {
    if (map.get(field) instanceof Number number) {
      return number.longValue();
    }
    throw new IllegalArgumentException("run summary: " + field + " is not a number: " + map.get(field));
  }

  private static String string(Map<?, ?> map, String field) {
    if (map.get(field) instanceof String string) {
      return string;
    }
    throw new IllegalArgumentException("run summary: " + field + " is not a string: " + map.get(field));
  }

  private static Map<?, ?> object(Map<?, ?> map, String field) {
    return asObject(field, map.get(field));
  }

  private static Map<?, ?> asObject(Object field, Object value) {
    if (value instanceof Map<?, ?> object) {
      return object;
    }
    throw new IllegalArgumentException("run summary: " + field + " is not an object: " + value);
  }
}
