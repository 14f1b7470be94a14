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
import java.util.List;

import static dev.pinpipe.jobs.clean.Collected.row;
import static dev.pinpipe.jobs.clean.Collected.rows;
import static dev.pinpipe.jobs.clean.Collected.schema;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeoCleaningTest {

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkTestSession.start();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  /** A raw geo record in {@link RawSchemas#GEO} order: ind, timestamp, latitude, longitude, country. */
  private static Object[] raw(String ind, String timestamp, String latitude, String longitude, String country) {
    return new Object[] {ind, timestamp, latitude, longitude, country};
  }

  private static Dataset<Row> geos(Object[]... rows) {
    return SparkTestSession.rows(spark, RawSchemas.GEO, rows);
  }

  private static Timestamp utc(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  @Test
  void cleanGivesTheGeoColumnsInOrderWithTheirTypes() {
    assertThat(schema(GeoCleaning.clean(geos())))
        .containsExactly("ind int", "country string", "coordinates array<double>", "timestamp timestamp");
  }

  @Test
  void cleanBuildsCoordinatesParsesTheTimestampAndNullsEmptyValues() {
    Dataset<Row> raw = geos(
        raw("7", "2020-01-05 10:20:30", "40.1", "-73.5", "Albania"),
        raw("8.0", "2019-02-28 23:59:59", "4.01e1", "7", ""),
        raw("9", "", "", "", null),
        raw(null, null, null, null, null));

    assertThat(rows(GeoCleaning.clean(raw))).containsExactly(
        row(7, "Albania", List.of(40.1, -73.5), utc("2020-01-05T10:20:30Z")),
        row(8, null, List.of(40.1, 7.0), utc("2019-02-28T23:59:59Z")),
        row(9, null, null, null),
        row(null, null, null, null));
  }

  @Test
  void coordinatesAreNullUnlessBothAreNumbers() {
    Dataset<Row> raw = geos(
        raw("1", null, "abc", "10", null),
        raw("2", null, "10", "abc", null),
        raw("3", null, null, "10", null),
        raw("4", null, "10", null, null),
        raw("5", null, "NaN", "10", null),
        raw("6", null, "10", "Infinity", null),
        raw("7", null, "1e999", "10", null),
        raw("8", null, "40,1", "10", null),
        raw("9", null, " -89.5 ", "+179.25", null),
        raw("10", null, "0", "-0.5", null));

    assertThat(rows(GeoCleaning.coordinates(raw).select("ind", "coordinates"))).containsExactly(
        row("1", null), row("2", null), row("3", null), row("4", null), row("5", null), row("6", null),
        row("7", null), row("8", null), row("9", List.of(-89.5, 179.25)), row("10", List.of(0.0, -0.5)));
  }

  @Test
  void coordinatesReplacesLatitudeAndLongitude() {
    assertThat(GeoCleaning.coordinates(geos()).columns()).containsExactly("ind", "timestamp", "country", "coordinates");
  }

  @Test
  void timestampToTimestampNullsWhatIsNotARealDateAndTimeInsteadOfFailing() {
    Dataset<Row> raw = geos(
        raw("1", "2020-02-29 23:59:59", null, null, null),
        raw("2", " 2020-01-05 00:00:00 ", null, null, null),
        raw("3", "2020-13-45 99:00:00", null, null, null),
        raw("4", "yesterday", null, null, null),
        raw("5", "2020-02-30 00:00:00", null, null, null),
        raw("6", "2019-02-29 12:00:00", null, null, null),
        raw("7", "2020-1-5 1:2:3", null, null, null),
        raw("8", "2020-01-05 10:00:00 extra", null, null, null),
        raw("9", "2020-01-05T10:00:00", null, null, null),
        raw("10", "2020-01-05", null, null, null),
        raw("11", "2020-01-05 24:00:00", null, null, null));

    assertThat(rows(GeoCleaning.timestampToTimestamp(raw).select("ind", "timestamp"))).containsExactly(
        row("1", utc("2020-02-29T23:59:59Z")), row("2", utc("2020-01-05T00:00:00Z")),
        row("3", null), row("4", null), row("5", null), row("6", null), row("7", null), row("8", null),
        row("9", null), row("10", null), row("11", null));
  }

  @Test
  void cleanTakesTheRawColumnsInAnyOrderAndDropsExtraOnes() {
    Dataset<Row> raw = geos(raw("7", "2020-01-05 10:20:30", "40.1", "-73.5", "Albania"))
        .select(lit(null).cast(DataTypes.StringType).as(RawSchemas.CORRUPT_RECORD), col("country"), col("longitude"),
            lit(1).as("extra"), col("latitude"), col("timestamp"), col("ind"));

    assertThat(rows(GeoCleaning.clean(raw)))
        .containsExactly(row(7, "Albania", List.of(40.1, -73.5), utc("2020-01-05T10:20:30Z")));
  }

  @Test
  void cleanFailsFastNamingTheMissingColumns() {
    Dataset<Row> raw = geos().drop("latitude");

    assertThatThrownBy(() -> GeoCleaning.clean(raw))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[latitude]");
  }
}
