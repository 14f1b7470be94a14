package dev.pinpipe.jobs;

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

class RawValidationTest {

  private static final StructType RAW = RawSchemas.withCorruptRecord(RawSchemas.USER).add(RawValidation.SOURCE, "string");

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.start();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Dataset<Row> raw() {
    return SparkTestSession.rows(spark, RAW,
        new Object[] {"1", "Ann", "Lee", "24", "2016-03-01 00:00:00", null, "a.json"},
        new Object[] {" 2 ", null, null, null, null, null, "a.json"},
        new Object[] {"-3", "Bo", null, "x", null, null, "a.json"},
        new Object[] {null, null, null, null, null, "{\"ind\": ", "b.json"},
        new Object[] {null, "Cy", "Dee", "40", null, null, "b.json"},
        new Object[] {"7.5", "Di", null, null, null, null, "c.json"},
        new Object[] {"abc", null, null, null, null, null, "c.json"},
        new Object[] {"1234567890", null, null, null, null, null, "c.json"});
  }

  @Test
  void keepsRecordsWithAWholeNumberKeyAndOnlyTheRawColumns() {
    Dataset<Row> valid = RawValidation.valid(raw(), RawSchemas.USER, "ind");

    assertThat(valid.columns()).containsExactly(RawSchemas.USER.fieldNames());
    assertThat(valid.collectAsList()).extracting(row -> row.getString(0)).containsExactly("1", " 2 ", "-3");
  }

  @Test
  void rejectsMalformedLinesAndMissingOrNonIntegerKeysWithTheirReasonAndSource() {
    List<Row> rejects = RawValidation.rejects(raw(), RawSchemas.USER, "user", "ind").collectAsList();

    assertThat(rejects).extracting(row -> row.getString(1) + " | " + row.getString(2) + " | " + row.getString(3)).containsExactly(
        "malformed JSON | {\"ind\":  | b.json",
        "missing ind | {\"first_name\":\"Cy\",\"last_name\":\"Dee\",\"age\":\"40\"} | b.json",
        "ind is not a whole number | {\"ind\":\"7.5\",\"first_name\":\"Di\"} | c.json",
        "ind is not a whole number | {\"ind\":\"abc\"} | c.json",
        "ind is not a whole number | {\"ind\":\"1234567890\"} | c.json");
    assertThat(rejects).extracting(row -> row.getString(0)).containsOnly("user");
  }

  @Test
  void everyRecordIsEitherValidOrRejected() {
    assertThat(RawValidation.valid(raw(), RawSchemas.USER, "ind").count()
        + RawValidation.rejects(raw(), RawSchemas.USER, "user", "ind").count()).isEqualTo(raw().count());
  }
}
