package dev.pinpipe.jobs.reports;

import dev.pinpipe.jobs.support.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PostRecordsTest {

  /** A cleaned table reduced to its key and the day its row was read from. */
  private static final StructType TABLE = new StructType().add("ind", "int").add("day", "string");

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
  void aPostWithRecordsOnBothSidesOfMidnightTakesThePreviousDaysUnusedRecords() {
    // 1: all three today. 2: user yesterday. 3: geo and user yesterday. 4: a whole post yesterday
    // (used there) and its geo again today. 5: yesterday only. 6: a pin today, nothing else yet.
    // 7: whole today, its user also yesterday.
    PostRecords.Tables today = tables("D", List.of(1, 2, 3, 6, 7), List.of(1, 2, 4, 7), List.of(1, 7));
    PostRecords.Tables yesterday = tables("D-1", List.of(4, 5), List.of(3, 4, 5), List.of(2, 3, 4, 5, 7));

    PostRecords.Tables sources = PostRecords.withPreviousDay(today, yesterday);

    assertThat(rows(sources.pin())).containsExactly("1 D", "2 D", "3 D", "6 D", "7 D");
    assertThat(rows(sources.geo())).containsExactly("1 D", "2 D", "3 D-1", "4 D", "7 D");
    assertThat(rows(sources.user())).containsExactly("1 D", "2 D-1", "3 D-1", "7 D");
    assertThat(inds(PostRecords.completeInds(sources))).containsExactly(1, 2, 3, 7);
    assertThat(inds(PostRecords.completeInds(today))).containsExactly(1, 7);
  }

  @Test
  void withoutRecordsTheDayBeforeTheDaysOwnTablesAreTheSources() {
    PostRecords.Tables today = tables("D", List.of(1, 2), List.of(1, 2), List.of(1));
    PostRecords.Tables none = tables("D-1", List.of(), List.of(), List.of());

    PostRecords.Tables sources = PostRecords.withPreviousDay(today, none);

    assertThat(rows(sources.pin())).containsExactly("1 D", "2 D");
    assertThat(rows(sources.geo())).containsExactly("1 D", "2 D");
    assertThat(rows(sources.user())).containsExactly("1 D");
  }

  private static PostRecords.Tables tables(String day, List<Integer> pin, List<Integer> geo, List<Integer> user) {
    return new PostRecords.Tables(table(day, pin), table(day, geo), table(day, user));
  }

  private static Dataset<Row> table(String day, List<Integer> inds) {
    return SparkTestSession.rows(spark, TABLE, inds.stream().map(ind -> new Object[] {ind, day}).toArray(Object[][]::new));
  }

  private static List<String> rows(Dataset<Row> table) {
    return table.orderBy("ind").collectAsList().stream().map(row -> row.getInt(0) + " " + row.getString(1)).toList();
  }

  private static List<Integer> inds(Dataset<Row> inds) {
    return inds.orderBy("ind").collectAsList().stream().map(row -> row.getInt(0)).toList();
  }
}
