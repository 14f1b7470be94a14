package dev.pinpipe.jobs.clean;

import dev.pinpipe.jobs.RawSchemas;
import dev.pinpipe.jobs.support.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;

import static dev.pinpipe.jobs.clean.Collected.row;
import static dev.pinpipe.jobs.clean.Collected.rows;
import static dev.pinpipe.jobs.clean.Collected.schema;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserCleaningTest {

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkTestSession.start();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  /** A raw user in {@link RawSchemas#USER} order: ind, first_name, last_name, age, date_joined. */
  private static Object[] raw(String ind, String firstName, String lastName, String age, String dateJoined) {
    return new Object[] {ind, firstName, lastName, age, dateJoined};
  }

  private static Dataset<Row> users(Object[]... rows) {
    return SparkTestSession.rows(spark, RawSchemas.USER, rows);
  }

  private static Timestamp utc(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  @Test
  void cleanGivesTheUserColumnsInOrderWithTheirTypes() {
    assertThat(schema(UserCleaning.clean(users())))
        .containsExactly("ind int", "user_name string", "age int", "date_joined timestamp");
  }

  @Test
  void cleanJoinsTheNamesAndParsesAgeAndDateJoined() {
    Dataset<Row> raw = users(
        raw("7", "Ada", "Lovelace", "36", "2015-10-20 08:30:00"),
        raw("8", "", "Hopper", "25.0", "2016-13-45 99:00:00"),
        raw("9", "Grace", null, "abc", "yesterday"),
        raw("10", "", "", "", ""),
        raw("11.5", null, null, null, null));

    assertThat(rows(UserCleaning.clean(raw))).containsExactly(
        row(7, "Ada Lovelace", 36, utc("2015-10-20T08:30:00Z")),
        row(8, "Hopper", 25, null),
        row(9, "Grace", null, null),
        row(10, null, null, null),
        row(null, null, null, null));
  }

  @Test
  void userNameUsesWhicheverPartsArePresent() {
    Dataset<Row> raw = users(
        raw("1", "Ada", "Lovelace", null, null),
        raw("2", "Ada", null, null, null),
        raw("3", null, "Lovelace", null, null),
        raw("4", null, null, null, null),
        raw("5", "Mary Ann", "Evans", null, null));

    Dataset<Row> named = UserCleaning.userName(raw);

    assertThat(named.columns()).containsExactly("ind", "age", "date_joined", "user_name");
    assertThat(rows(named.select("ind", "user_name"))).containsExactly(
        row("1", "Ada Lovelace"), row("2", "Ada"), row("3", "Lovelace"), row("4", null), row("5", "Mary Ann Evans"));
  }

  @Test
  void ageAndIndToIntKeepWholeNumbersOnly() {
    Dataset<Row> raw = users(
        raw("1", null, null, "25", null),
        raw("2.0", null, null, " 40 ", null),
        raw("3.5", null, null, "25.5", null),
        raw("x", null, null, "-", null),
        raw("5", null, null, "99999999999", null));

    assertThat(rows(UserCleaning.ageAndIndToInt(raw).select("ind", "age")))
        .containsExactly(row(1, 25), row(2, 40), row(null, null), row(null, null), row(5, null));
  }

  @Test
  void cleanTakesTheRawColumnsInAnyOrderAndDropsExtraOnes() {
    Dataset<Row> raw = users(raw("7", "Ada", "Lovelace", "36", "2015-10-20 08:30:00"))
        .select(col("date_joined"), col("age"), lit("x").as("extra"), col("last_name"), col("first_name"), col("ind"),
            lit(null).cast(DataTypes.StringType).as(RawSchemas.CORRUPT_RECORD));

    assertThat(rows(UserCleaning.clean(raw))).containsExactly(row(7, "Ada Lovelace", 36, utc("2015-10-20T08:30:00Z")));
  }

  @Test
  void cleanFailsFastNamingTheMissingColumns() {
    Dataset<Row> raw = users().drop("first_name", "date_joined");

    assertThatThrownBy(() -> UserCleaning.clean(raw))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[first_name, date_joined]");
  }
}
