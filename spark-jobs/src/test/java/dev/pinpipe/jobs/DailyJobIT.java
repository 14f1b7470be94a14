package dev.pinpipe.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinpipe.contracts.RawKeys;
import dev.pinpipe.contracts.RawLayout;
import dev.pinpipe.contracts.RunSummary;
import dev.pinpipe.jobs.support.RawObjects;
import dev.pinpipe.jobs.support.S3ProxyFixture;
import dev.pinpipe.jobs.support.SparkTestSession;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/** The job end to end: raw JSON in S3Proxy, through S3A, to Delta tables, reports and the summary. */
class DailyJobIT {

  private static final String BUCKET = "daily-job-it";
  private static final String PREFIX = "it";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path s3Dir;

  private static S3ProxyFixture s3;
  private static SparkSession spark;
  private static RawObjects objects;

  @BeforeAll
  static void start() {
    s3 = S3ProxyFixture.start(s3Dir, BUCKET);
    spark = SparkTestSession.builder()
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        // The job sets the endpoint itself; the test's own reads and writes need it too.
        .config("spark.hadoop.fs.s3a.endpoint", s3.endpoint().toString())
        .config("spark.hadoop.fs.s3a.path.style.access", "true")
        .config("spark.hadoop.fs.s3a.connection.ssl.enabled", "false")
        // Fail fast instead of retrying for minutes when something is wrong.
        .config("spark.hadoop.fs.s3a.attempts.maximum", "2")
        .config("spark.hadoop.fs.s3a.retry.limit", "2")
        // The test's stand-in for the environment's credentials, through Hadoop's own provider.
        .config("spark.hadoop.fs.s3a.access.key", S3ProxyFixture.ACCESS_KEY)
        .config("spark.hadoop.fs.s3a.secret.key", S3ProxyFixture.SECRET_KEY)
        .getOrCreate();
    objects = new RawObjects(spark.sessionState().newHadoopConf(), BUCKET);
  }

  @AfterAll
  static void stop() throws Exception {
    spark.stop();
    s3.close();
  }

  @Test
  void cleansTheDayIntoDeltaTablesRejectsAndReports() throws Exception {
    LocalDate day = LocalDate.of(2026, 3, 1);
    writeDay(day);

    Result result = run("--date", day.toString());

    assertThat(result.exitCode).as(result.output).isZero();
    assertThat(inds("pin", day)).containsExactly(1, 2, 3, 4);
    assertThat(inds("geo", day)).containsExactly(1, 2, 3, 4);
    assertThat(inds("user", day)).containsExactly(1, 2, 3);
    Row pin2 = day("pin", day).where(col("ind").equalTo(2)).first();
    assertThat(pin2.<Integer>getAs("follower_count")).isEqualTo(1_200_000);
    assertThat(pin2.<String>getAs("save_location")).isEqualTo("/data/art");
    Row pin3 = day("pin", day).where(col("ind").equalTo(3)).first();
    assertThat(pin3.<String>getAs("poster_name")).isNull();
    assertThat(pin3.<Object>getAs("follower_count")).isNull();

    List<String> rejects = day("rejects", day).orderBy("table", "reason")
        .collectAsList().stream().map(row -> row.getString(0) + ": " + row.getString(1)).toList();
    assertThat(rejects).containsExactly("geo: ind is not a whole number within the int range", "pin: malformed JSON");
    Row malformed = day("rejects", day).where(col("table").equalTo("pin")).first();
    assertThat(malformed.<String>getAs("record")).isEqualTo("{\"index\": 5, \"title\": ");
    assertThat(malformed.<String>getAs("source")).endsWith("it.pin+0+0000000000.json");

    assertThat(report("top_country", day)).containsExactly("{\"country\":\"Chile\",\"follower_count\":1200000}");
    assertThat(report("top_user_by_country", day)).containsExactly(
        "{\"country\":\"Chile\",\"poster_name\":\"Bob\",\"follower_count\":1200000}",
        "{\"country\":\"France\",\"poster_name\":\"Alice\",\"follower_count\":12000}");
    // Post 3 (geo key "3.0") is the only one of the 36-50 group, post 2 (user key 2.0) the only one of 25-35.
    assertThat(report("category_by_age_group", day)).containsExactly(
        "{\"age_group\":\"18-24\",\"category\":\"art\",\"category_count\":1}",
        "{\"age_group\":\"25-35\",\"category\":\"art\",\"category_count\":1}",
        "{\"age_group\":\"36-50\",\"category\":\"travel\",\"category_count\":1}");
    assertThat(report("category_by_country", day)).containsExactly(
        "{\"country\":\"Chile\",\"category\":\"art\",\"category_count\":1}",
        "{\"country\":\"France\",\"category\":\"art\",\"category_count\":1}");
    for (String name : List.of("category_by_year", "median_followers_by_age_group",
        "users_joined_by_year", "median_followers_by_join_year", "median_followers_by_join_year_and_age_group")) {
      assertThat(report(name, day)).as(name).isNotEmpty();
      assertThat(spark.read().format("delta").load("s3a://" + BUCKET + "/delta/reports/" + name)
          .where(col("dt").equalTo(java.sql.Date.valueOf(day))).count()).as(name).isEqualTo(report(name, day).size());
    }

    JsonNode summary = JSON.readTree(objects.read(RunSummary.key(day)));
    assertThat(result.lastLine()).isEqualTo(summary.toString());
    assertThat(summary.at("/tables/pin/input_rows").asLong()).isEqualTo(6);
    assertThat(summary.at("/tables/pin/rejects").asLong()).isEqualTo(1);
    assertThat(summary.at("/tables/pin/late_records").asLong()).isZero();
    assertThat(summary.at("/tables/pin/duplicates_dropped").asLong()).isEqualTo(1);
    assertThat(summary.at("/tables/pin/output_rows").asLong()).isEqualTo(4);
    assertThat(summary.at("/tables/geo/rejects").asLong()).isEqualTo(1);
    assertThat(summary.at("/tables/user/output_rows").asLong()).isEqualTo(3);
    assertThat(summary.at("/posts/count").asLong()).isEqualTo(3);
    assertThat(summary.at("/posts/with_previous_day_records").asLong()).isZero();
    // Post 4 has no user record: its pin and geo are in no post, and the summary says so.
    assertThat(summary.at("/posts/unmatched_records").toString()).isEqualTo("{\"pin\":1,\"geo\":1,\"user\":0}");
    assertThat(summary.at("/reports/top_user_by_country").asLong()).isEqualTo(2);
    assertThat(summary.at("/reports").size()).isEqualTo(9);
    assertThat(summary.at("/stage_ms/clean").isNumber()).isTrue();
    assertThat(summary.at("/stage_ms/reports").isNumber()).isTrue();
  }

  @Test
  void aRerunReplacesItsDayOnlyAndGivesTheSameRows() throws Exception {
    LocalDate other = LocalDate.of(2026, 4, 1);
    LocalDate day = other.plusDays(1);
    writeDay(other);
    writeDay(day);
    assertThat(run("--date", other.toString()).exitCode).isZero();
    List<Row> otherBefore = sorted(day("pin", other));
    assertThat(run("--date", day.toString()).exitCode).isZero();
    List<Row> first = new ArrayList<>(sorted(day("pin", day)));
    List<String> firstReport = report("category_by_country", day);

    assertThat(run("--date", day.toString()).exitCode).isZero();

    assertThat(sorted(day("pin", day))).isEqualTo(first);
    assertThat(report("category_by_country", day)).isEqualTo(firstReport);
    assertThat(day("rejects", day).count()).isEqualTo(2);
    assertThat(sorted(day("pin", other))).isEqualTo(otherBefore);
  }

  @Test
  void aPostSplitAcrossMidnightIsCountedAsUnmatchedUntilBothDaysAreCleanedThenReportedOnItsLastDay() throws Exception {
    LocalDate first = LocalDate.of(2026, 10, 31);
    LocalDate last = first.plusDays(1);
    String pin = PREFIX + ".pin";
    String geo = PREFIX + ".geo";
    String user = PREFIX + ".user";
    // Post 1 is whole on the first day; post 9's pin was stamped before midnight, its geo and user after.
    objects.put(RawKeys.dayDirectory(pin, first), pin, 0, 0, List.of(pin(1, "Alice", "12k", "art"), pin(9, "Eve", "2M", "food")));
    objects.put(RawKeys.dayDirectory(geo, first), geo, 0, 0, List.of(geo(1, "France", "2020-05-01 10:00:00")));
    objects.put(RawKeys.dayDirectory(user, first), user, 0, 0, List.of(user(1, "Ann", "Lee", 24, "2016-03-01 00:00:00")));
    objects.put(RawKeys.dayDirectory(geo, last), geo, 0, 1, List.of(geo(9, "Peru", "2021-02-03 04:05:06")));
    objects.put(RawKeys.dayDirectory(user, last), user, 0, 1, List.of(user(9, "Eve", "Ng", 33, "2018-01-01 00:00:00")));
    for (String topic : List.of(pin, geo, user)) {
      objects.markComplete(topic, first);
      objects.markComplete(topic, last);
    }

    // The last day first, as a catch-up out of order would: its previous day is not cleaned yet.
    Result early = run("--date", last.toString());

    assertThat(early.exitCode).as(early.output).isZero();
    assertThat(JSON.readTree(early.lastLine()).at("/posts/unmatched_records").toString())
        .isEqualTo("{\"pin\":0,\"geo\":1,\"user\":1}");
    assertThat(early.output).contains(first + " has raw records but was not cleaned: run it, then rerun " + last + " with --stage reports");
    assertThat(report("top_country", last)).isEmpty();

    Result firstRun = run("--date", first.toString());

    assertThat(firstRun.exitCode).as(firstRun.output).isZero();
    JsonNode firstSummary = JSON.readTree(firstRun.lastLine());
    assertThat(firstSummary.at("/posts/count").asLong()).isEqualTo(1);
    assertThat(firstSummary.at("/posts/unmatched_records").toString()).isEqualTo("{\"pin\":1,\"geo\":0,\"user\":0}");
    assertThat(firstRun.output).contains("1 records of " + first + " are in no post (pin 1, geo 0, user 0)");
    assertThat(report("top_country", first)).containsExactly("{\"country\":\"France\",\"follower_count\":12000}");

    Result lastRun = run("--date", last.toString(), "--stage", "reports");

    assertThat(lastRun.exitCode).as(lastRun.output).isZero();
    JsonNode lastSummary = JSON.readTree(lastRun.lastLine());
    assertThat(lastSummary.at("/posts/count").asLong()).isEqualTo(1);
    assertThat(lastSummary.at("/posts/with_previous_day_records").asLong()).isEqualTo(1);
    assertThat(lastSummary.at("/posts/unmatched_records").toString()).isEqualTo("{\"pin\":0,\"geo\":0,\"user\":0}");
    assertThat(report("top_country", last)).containsExactly("{\"country\":\"Peru\",\"follower_count\":2000000}");
    assertThat(report("category_by_age_group", last)).containsExactly("{\"age_group\":\"25-35\",\"category\":\"food\",\"category_count\":1}");
  }

  @Test
  void recordsStoredAfterTheDaysCompleteMarkerAreCountedAsLateAndIncluded() throws Exception {
    LocalDate day = LocalDate.of(2026, 11, 5);
    writeDay(day);
    String pin = PREFIX + ".pin";
    String lateObject = RawKeys.objectKey(RawKeys.dayDirectory(pin, day), pin, 2, 0);
    objects.put(RawKeys.dayDirectory(pin, day), pin, 2, 0, List.of(pin(6, "Fay", "7", "food"), pin(7, "Gus", "8", "food")));
    // The day was marked complete at 00:05 the next day; every object came before it but partition 2's, an hour after.
    Instant completed = Instant.parse("2026-11-06T00:05:00Z");
    for (String kind : List.of("pin", "geo", "user")) {
      String folder = RawKeys.dayDirectory(PREFIX + "." + kind, day);
      for (String key : objects.keys(folder)) {
        s3.setLastModified(BUCKET, key, completed.minusSeconds(60));
      }
      s3.setLastModified(BUCKET, RawKeys.completeMarker(PREFIX + "." + kind, day), completed);
    }
    s3.setLastModified(BUCKET, lateObject, completed.plusSeconds(3600));

    Result result = run("--date", day.toString());

    assertThat(result.exitCode).as(result.output).isZero();
    JsonNode summary = JSON.readTree(result.lastLine());
    assertThat(summary.at("/tables/pin/late_records").asLong()).isEqualTo(2);
    assertThat(summary.at("/tables/geo/late_records").asLong()).isZero();
    assertThat(summary.at("/tables/user/late_records").asLong()).isZero();
    assertThat(result.output).contains("clean pin: 2 late records in 1 objects stored after it.pin's _COMPLETE marker "
        + "(2026-11-06T00:05:00Z), the last at 2026-11-06T01:05:00Z: runs of " + day + " that started before then missed them; "
        + "this run includes them");
    assertThat(inds("pin", day)).containsExactly(1, 2, 3, 4, 6, 7);
  }

  @Test
  void refusesADayWithoutCompleteMarkersUnlessAllowed() throws Exception {
    LocalDate day = LocalDate.of(2026, 5, 1);
    writeObjects(day);
    objects.markComplete(PREFIX + ".pin", day);

    Result refused = run("--date", day.toString());

    assertThat(refused.exitCode).isEqualTo(3);
    assertThat(refused.errors).contains("no _COMPLETE marker yet for it.geo, it.user").contains("--allow-incomplete");
    assertThat(objects.exists(RunSummary.key(day))).isFalse();

    Result allowed = run("--date", day.toString(), "--allow-incomplete");
    assertThat(allowed.exitCode).as(allowed.output).isZero();
    assertThat(inds("pin", day)).containsExactly(1, 2, 3, 4);
  }

  @Test
  void theDefaultLayoutReadsEveryObjectOfTheTopics() {
    String prefix = "all";
    for (String kind : List.of("pin", "geo", "user")) {
      String topic = prefix + "." + kind;
      List<String> lines = switch (kind) {
        case "pin" -> List.of(pin(1, "Alice", "12k", "art"), pin(2, "Bob", "1.2M", "art"));
        case "geo" -> List.of(geo(1, "France", "2020-05-01 10:00:00"), geo(2, "Chile", "2019-01-02 03:04:05"));
        default -> List.of(user(1, "Ann", "Lee", 24, "2016-03-01 00:00:00"), user(2, "Bo", "Ray", 30, "2017-03-01 00:00:00"));
      };
      objects.put(RawLayout.DEFAULT.directory(topic, 0, 0), topic, 0, 0, lines.subList(0, 1));
      objects.put(RawLayout.DEFAULT.directory(topic, 1, 0), topic, 1, 0, lines.subList(1, 2));
    }
    LocalDate day = LocalDate.of(2026, 7, 1);

    Result result = run("--date", day.toString(), "--layout", "default", "--topic-prefix", prefix, "--output-prefix", "default-layout");

    assertThat(result.exitCode).as(result.output).isZero();
    assertThat(DeltaDay.read(spark, "s3a://" + BUCKET + "/default-layout/delta/pin", day).select("ind").orderBy("ind")
        .collectAsList()).extracting(row -> row.getInt(0)).containsExactly(1, 2);
    assertThat(objects.read("default-layout/reports/top_country/dt=" + day + "/part-00000.json"))
        .isEqualTo("{\"country\":\"Chile\",\"follower_count\":1200000}\n");
  }

  @Test
  void aKindWithoutRecordsThatDayGivesAnEmptyTableAndEmptyReports() throws Exception {
    LocalDate day = LocalDate.of(2026, 8, 1);
    String pin = PREFIX + ".pin";
    objects.put(RawKeys.dayDirectory(pin, day), pin, 0, 0, List.of(pin(1, "Alice", "12k", "art")));

    Result result = run("--date", day.toString(), "--allow-incomplete");

    assertThat(result.exitCode).as(result.output).isZero();
    assertThat(inds("pin", day)).containsExactly(1);
    assertThat(inds("user", day)).isEmpty();
    assertThat(report("top_country", day)).isEmpty();
    JsonNode summary = JSON.readTree(result.lastLine());
    assertThat(summary.at("/tables/geo/input_rows").asLong()).isZero();
    assertThat(summary.at("/reports/category_by_country").asLong()).isZero();
  }

  @Test
  void anUnreachableEndpointFailsInSecondsWithAdvice() {
    List<String> args = List.of("--date", "2026-09-01", "--bucket", "unreachable", "--s3-endpoint", "http://127.0.0.1:1",
        "--path-style", "--topic-prefix", PREFIX);
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exitCode = DailyJob.execute(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args.toArray(String[]::new));

    assertThat(exitCode).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot look up s3a://unreachable/topics/it.pin/")
        .contains("at http://127.0.0.1:1").contains("Check --s3-endpoint");
  }

  @Test
  void theReportsStageAloneNeedsTheCleanStageFirst() throws Exception {
    Result result = run("--date", "2026-06-01", "--stage", "reports", "--output-prefix", "empty");

    assertThat(result.exitCode).isEqualTo(1);
    assertThat(result.errors).contains("no Delta table at s3a://" + BUCKET + "/empty/delta/pin").contains("--stage clean");
  }

  private static void writeDay(LocalDate day) {
    writeObjects(day);
    for (String kind : List.of("pin", "geo", "user")) {
      objects.markComplete(PREFIX + "." + kind, day);
    }
  }

  /**
   * Four posts, the fourth without a user record; a duplicate, a malformed line, a bad key and
   * keys spelled "3.0" (geo 3) and 2.0 (user 2) among them.
   */
  private static void writeObjects(LocalDate day) {
    String pin = PREFIX + ".pin";
    String geo = PREFIX + ".geo";
    String user = PREFIX + ".user";
    objects.put(RawKeys.dayDirectory(pin, day), pin, 0, 0, List.of(
        pin(1, "Alice", "12k", "art"),
        pin(2, "Bob", "1.2M", "art"),
        "{\"index\": 5, \"title\": ",
        pin(1, "Alice", "12k", "art")));
    objects.put(RawKeys.dayDirectory(pin, day), pin, 1, 7, List.of(
        pin(3, "User Info Error", "User Info Error", "travel"),
        pin(4, "Dan", "5", "food").replace("}", ",\"extra\":true}")));
    objects.put(RawKeys.dayDirectory(geo, day), geo, 0, 0, List.of(
        geo(1, "France", "2020-05-01 10:00:00"),
        geo(2, "Chile", "2019-01-02 03:04:05"),
        // The cleaning reads "3.0" and 2.0 as the keys 3 and 2, so validation must keep them too.
        geo(3, "France", "2021-07-08 09:10:11").replace("\"ind\":3", "\"ind\":\"3.0\""),
        geo(4, "Chile", "2022-01-01 00:00:00"),
        "{\"ind\":\"abc\",\"country\":\"Peru\"}"));
    objects.put(RawKeys.dayDirectory(user, day), user, 0, 0, List.of(
        user(1, "Ann", "Lee", 24, "2016-03-01 00:00:00"),
        user(2, "Bo", "Ray", 30, "2017-03-01 00:00:00").replace("\"ind\":2", "\"ind\":2.0"),
        user(3, "Cy", "Dee", 40, "2016-09-01 12:00:00")));
  }

  private static String pin(int index, String poster, String followers, String category) {
    return "{\"index\":" + index + ",\"unique_id\":\"u-" + index + "\",\"title\":\"t\",\"description\":\"d\",\"poster_name\":\""
        + poster + "\",\"follower_count\":\"" + followers + "\",\"tag_list\":\"a,b\",\"is_image_or_video\":\"image\","
        + "\"image_src\":\"https://i/" + index + ".jpg\",\"downloaded\":1,\"save_location\":\"Local save in /data/" + category
        + "\",\"category\":\"" + category + "\"}";
  }

  private static String geo(int ind, String country, String timestamp) {
    return "{\"ind\":" + ind + ",\"timestamp\":\"" + timestamp + "\",\"latitude\":10.5,\"longitude\":-20.25,\"country\":\"" + country + "\"}";
  }

  private static String user(int ind, String first, String last, int age, String joined) {
    return "{\"ind\":" + ind + ",\"first_name\":\"" + first + "\",\"last_name\":\"" + last + "\",\"age\":" + age
        + ",\"date_joined\":\"" + joined + "\"}";
  }

  private static Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--bucket", BUCKET, "--s3-endpoint", s3.endpoint().toString(), "--path-style"));
    if (!all.contains("--topic-prefix")) {
      all.addAll(List.of("--topic-prefix", PREFIX));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode = DailyJob.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), all.toArray(String[]::new));
    return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static org.apache.spark.sql.Dataset<Row> day(String table, LocalDate day) {
    return DeltaDay.read(spark, "s3a://" + BUCKET + "/delta/" + table, day);
  }

  private static List<Integer> inds(String table, LocalDate day) {
    return day(table, day).select("ind").orderBy("ind").collectAsList().stream().map(row -> row.getInt(0)).toList();
  }

  private static List<Row> sorted(org.apache.spark.sql.Dataset<Row> rows) {
    return rows.orderBy("ind").collectAsList();
  }

  private static List<String> report(String name, LocalDate day) {
    return spark.read().text("s3a://" + BUCKET + "/reports/" + name + "/dt=" + day).collectAsList().stream()
        .map(row -> row.getString(0)).toList();
  }

  private record Result(int exitCode, String output, String errors) {
    String lastLine() {
      String[] lines = output.strip().split("\n");
      return lines[lines.length - 1];
    }
  }
}
