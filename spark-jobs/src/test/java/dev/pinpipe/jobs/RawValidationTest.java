package dev.pinpipe.jobs;

import dev.pinpipe.jobs.RawInput.Kind;
import dev.pinpipe.jobs.clean.GeoCleaning;
import dev.pinpipe.jobs.clean.PinCleaning;
import dev.pinpipe.jobs.clean.UserCleaning;
import dev.pinpipe.jobs.support.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.get_json_object;
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
        new Object[] {"2147483648", null, null, null, null, null, "c.json"});
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
        "ind is not a whole number within the int range | {\"ind\":\"7.5\",\"first_name\":\"Di\"} | c.json",
        "ind is not a whole number within the int range | {\"ind\":\"abc\"} | c.json",
        "ind is not a whole number within the int range | {\"ind\":\"2147483648\"} | c.json");
    assertThat(rejects).extracting(row -> row.getString(0)).containsOnly("user");
  }

  @Test
  void everyRecordIsEitherValidOrRejected() {
    assertThat(RawValidation.valid(raw(), RawSchemas.USER, "ind").count()
        + RawValidation.rejects(raw(), RawSchemas.USER, "user", "ind").count()).isEqualTo(raw().count());
  }

  @Test
  void aKeyIsKeptOrRejectedByOneRuleAndEveryCleaningReadsAKeptKeyAsTheSameInt() {
    List<String> keys = List.of("7", " 7 ", "7.0", "-3", "2147483647", "7.5", "abc", "", "1e3", "+7", "2147483648");

    for (Kind kind : Kind.values()) {
      String tag = switch (kind) {
        case PIN -> "title";
        case GEO -> "country";
        case USER -> "first_name";
      };
      Dataset<Row> raw = keyed(kind, tag, keys);

      Dataset<Row> cleaned = switch (kind) {
        case PIN -> PinCleaning.clean(RawValidation.valid(raw, kind.schema, kind.key));
        case GEO -> GeoCleaning.clean(RawValidation.valid(raw, kind.schema, kind.key));
        case USER -> UserCleaning.clean(RawValidation.valid(raw, kind.schema, kind.key));
      };
      Dataset<Row> rejects = RawValidation.rejects(raw, kind.schema, kind.table, kind.key);

      String cleanedTag = kind == Kind.USER ? "user_name" : tag;
      assertThat(cleaned.select(concat_ws("=", col(cleanedTag), col("ind"))).as(Encoders.STRING())
          .collectAsList()).as(kind.table)
          .containsExactlyInAnyOrder("t0=7", "t1=7", "t2=7", "t3=-3", "t4=2147483647");
      assertThat(rejects.select(concat_ws(" | ", get_json_object(col("record"), "$." + tag), col("reason")))
          .as(Encoders.STRING()).collectAsList()).as(kind.table)
          .containsExactlyInAnyOrder(IntStream.range(5, keys.size())
              .mapToObj(i -> "t" + i + " | " + kind.key + " is not a whole number within the int range").toArray(String[]::new));
    }
  }

  /** One raw record of {@code kind} per key, its {@code tag} field "t" + the key's position, every other field null. */
  private static Dataset<Row> keyed(Kind kind, String tag, List<String> keys) {
    StructType schema = RawSchemas.withCorruptRecord(kind.schema).add(RawValidation.SOURCE, "string");
    List<String> fields = List.of(schema.fieldNames());
    Object[][] rows = new Object[keys.size()][];
    for (int i = 0; i < keys.size(); i++) {
      rows[i] = new Object[fields.size()];
      rows[i][fields.indexOf(kind.key)] = keys.get(i);
      rows[i][fields.indexOf(tag)] = "t" + i;
    }
    return SparkTestSession.rows(spark, schema, rows);
  }
}
