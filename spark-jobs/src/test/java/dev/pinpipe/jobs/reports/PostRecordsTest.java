package dev.pinpipe.jobs.reports;

import dev.pinpipe.jobs.support.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

class PostRecordsTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
  private static final LocalDate BEFORE = TODAY.minusDays(1);
  /** A cleaned table reduced to its key and its day as read from Delta, and which day that is in words. */
  private static final StructType TABLE = new StructType().add("ind", "int").add("dt", "date").add("day", "string");

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkTestSession.start();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void aPostWithRecordsOnBothSidesOfMidnightIsAPostOfTheDayOfItsLastRecord() {
    // 1: all three today. 2: its user the day before. 3: its geo and user the day before. 4: a
    // whole post the day before (that day's post) and its geo again today. 5: the day before only.
    // 6: a pin today, nothing else yet. 7: whole today, its user also the day before.
    PostRecords.Tables tables = new PostRecords.Tables(
        table(List.of(1, 2, 3, 6, 7), List.of(4, 5)),
        table(List.of(1, 2, 4, 7), List.of(3, 4, 5)),
        table(List.of(1, 7), List.of(2, 3, 4, 5, 7)));

    Dataset<Row> keys = PostRecords.keys(tables, TODAY);
    PostRecords.Tables records = PostRecords.records(tables, keys, TODAY);

    assertThat(inds(keys.where(col("post")))).containsExactly(1, 2, 3, 7);
    assertThat(inds(keys.where(col("with_previous_day")))).containsExactly(2, 3);
    assertThat(rows(records.pin())).containsExactly("1 today", "2 today", "3 today", "7 today");
    assertThat(rows(records.geo())).containsExactly("1 today", "2 today", "3 before", "7 today");
    assertThat(rows(records.user())).containsExactly("1 today", "2 before", "3 before", "7 today");
    assertThat(records.pin().columns()).containsExactly("ind", "day");
    Row counts = PostRecords.counts(keys).first();
    assertThat(counts.<Long>getAs("posts")).isEqualTo(4);
    assertThat(counts.<Long>getAs("with_previous_day")).isEqualTo(2);
    assertThat(counts.<Long>getAs("unmatched_pin")).isEqualTo(1);
    assertThat(counts.<Long>getAs("unmatched_geo")).isEqualTo(1);
    assertThat(counts.<Long>getAs("unmatched_user")).isZero();
    assertThat(counts.<Long>getAs("inds_before")).isEqualTo(5);
  }

  @Test
  void withoutRecordsOfTheDayBeforeThePostsAreTheDaysOwnAndEmptyTablesCountZero() {
    PostRecords.Tables tables = new PostRecords.Tables(
        table(List.of(1, 2), List.of()), table(List.of(1, 2), List.of()), table(List.of(1), List.of()));
    PostRecords.Tables empty = new PostRecords.Tables(
        table(List.of(), List.of()), table(List.of(), List.of()), table(List.of(), List.of()));

    Dataset<Row> keys = PostRecords.keys(tables, TODAY);

    assertThat(inds(keys.where(col("post")))).containsExactly(1);
    assertThat(rows(PostRecords.records(tables, keys, TODAY).geo())).containsExactly("1 today");
    Row counts = PostRecords.counts(keys).first();
    assertThat(counts.<Long>getAs("unmatched_pin")).isEqualTo(1);
    assertThat(counts.<Long>getAs("inds_before")).isZero();
    Row none = PostRecords.counts(PostRecords.keys(empty, TODAY)).first();
    assertThat(List.of(none.<Long>getAs("posts"), none.<Long>getAs("with_previous_day"), none.<Long>getAs("unmatched_pin"),
        none.<Long>getAs("inds_before"))).containsOnly(0L);
  }

  /** A table with a row for each ind of {@code today} and of {@code before}. */
  private static Dataset<Row> table(List<Integer> today, List<Integer> before) {
    List<Object[]> rows = new ArrayList<>();
    today.forEach(ind -> rows.add(new Object[] {ind, Date.valueOf(TODAY), "today"}));
    before.forEach(ind -> rows.add(new Object[] {ind, Date.valueOf(BEFORE), "before"}));
    return SparkTestSession.rows(spark, TABLE, rows.toArray(Object[][]::new));
  }

  private static List<String> rows(Dataset<Row> table) {
    return table.orderBy("ind").collectAsList().stream().map(row -> row.getInt(0) + " " + row.getString(1)).toList();
  }

  private static List<Integer> inds(Dataset<Row> keys) {
    return keys.orderBy("ind").collectAsList().stream().map(row -> row.<Integer>getAs("ind")).toList();
  }
}
