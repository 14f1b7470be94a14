package dev.pinpipe.jobs.clean;

import dev.pinpipe.jobs.support.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;

import static dev.pinpipe.jobs.clean.Collected.row;
import static dev.pinpipe.jobs.clean.Collected.rows;
import static dev.pinpipe.jobs.clean.Collected.schema;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommonRulesTest {

  private static final StructType TEXT = new StructType().add("text", "string");

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkTestSession.start();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private static Dataset<Row> texts(String... values) {
    Object[][] rows = new Object[values.length][];
    for (int i = 0; i < values.length; i++) {
      rows[i] = new Object[] {values[i]};
    }
    return SparkTestSession.rows(spark, TEXT, rows);
  }

  @Test
  void emptyStringsToNullChangesOnlyEmptyStrings() {
    StructType schema = new StructType().add("a", "string").add("n", "int").add("b", "string");
    Dataset<Row> input = SparkTestSession.rows(spark, schema,
        new Object[] {"", 0, " "}, new Object[] {"x", null, ""}, new Object[] {null, 5, "y"});

    Dataset<Row> cleaned = CommonRules.emptyStringsToNull(input);

    assertThat(schema(cleaned)).containsExactly("a string", "n int", "b string");
    assertThat(rows(cleaned)).containsExactly(row(null, 0, " "), row("x", null, null), row(null, 5, "y"));
  }

  @Test
  void selectRequiredKeepsTheRequiredColumnsInTheirOrder() {
    StructType schema = new StructType().add("c", "string").add("a", "string").add("extra", "string");
    Dataset<Row> input = SparkTestSession.rows(spark, schema, new Object[] {"c", "a", "e"});

    Dataset<Row> selected = CommonRules.selectRequired(input, new StructType().add("a", "string").add("c", "string"));

    assertThat(rows(selected)).containsExactly(row("a", "c"));
  }

  @Test
  void requireColumnsNamesEveryMissingColumn() {
    assertThatThrownBy(() -> CommonRules.requireColumns(texts(), "text", "x", "y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[x, y]")
        .hasMessageContaining("[text]");
  }

  @Test
  void malformedNumbersAndTimestampsAreNullEvenInAnsiMode() {
    Dataset<Row> input = texts("abc", "1.5", "99999999999", "2020-13-45 99:00:00", "2020-02-30 00:00:00", "",
        "2020-01-05 10:20:30");
    spark.conf().set("spark.sql.ansi.enabled", "true");
    try {
      Dataset<Row> parsed = input.select(col("text"), CommonRules.toInt(col("text")),
          CommonRules.toDouble(col("text")), CommonRules.toTimestamp(col("text")));

      assertThat(rows(parsed)).containsExactly(
          row("abc", null, null, null),
          row("1.5", null, 1.5, null),
          row("99999999999", null, 99999999999.0, null),
          row("2020-13-45 99:00:00", null, null, null),
          row("2020-02-30 00:00:00", null, null, null),
          row("", null, null, null),
          row("2020-01-05 10:20:30", null, null, Timestamp.from(Instant.parse("2020-01-05T10:20:30Z"))));
    } finally {
      spark.conf().unset("spark.sql.ansi.enabled");
    }
  }

  @Test
  void timestampsAreReadAsUtcWhateverTheSessionTimeZone() {
    Dataset<Row> input = texts("2020-01-05 10:20:30");
    spark.conf().set("spark.sql.session.timeZone", "America/New_York");
    try {
      assertThat(rows(input.select(CommonRules.toTimestamp(col("text")))))
          .containsExactly(row(Timestamp.from(Instant.parse("2020-01-05T10:20:30Z"))));
    } finally {
      spark.conf().set("spark.sql.session.timeZone", "UTC");
    }
  }
}
