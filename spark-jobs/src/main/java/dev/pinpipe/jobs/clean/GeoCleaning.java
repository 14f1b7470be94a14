package dev.pinpipe.jobs.clean;

import dev.pinpipe.jobs.RawSchemas;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

/** Cleans raw geolocation records ({@link RawSchemas#GEO}, every field a string) into the {@code geo} table. */
public final class GeoCleaning {

  private GeoCleaning() {
  }

  /**
   * The geo cleaning: validates and keeps the raw geo columns, then applies, in order,
   * {@link CommonRules#emptyStringsToNull}, {@link #coordinates}, {@link #timestampToTimestamp},
   * {@link #indToInt} and {@link #outputColumns}.
   *
   * @throws IllegalArgumentException naming the raw geo columns {@code raw} lacks
   */
  public static Dataset<Row> clean(Dataset<Row> raw) {
    return CommonRules.selectRequired(raw, RawSchemas.GEO)
        .transform(CommonRules::emptyStringsToNull)
        .transform(GeoCleaning::coordinates)
        .transform(GeoCleaning::timestampToTimestamp)
        .transform(GeoCleaning::indToInt)
        .transform(GeoCleaning::outputColumns);
  }

  /**
   * {@code coordinates} = array(latitude, longitude) as array&lt;double&gt;, the text parsed as a
   * finite decimal or scientific number; null when either is missing or not a number (never an
   * array with a null element). latitude and longitude are dropped. Values are not range-checked.
   */
  public static Dataset<Row> coordinates(Dataset<Row> geos) {
    Column latitude = CommonRules.toDouble(col("latitude"));
    Column longitude = CommonRules.toDouble(col("longitude"));
    return geos
        .withColumn("coordinates", when(latitude.isNotNull().and(longitude.isNotNull()), array(latitude, longitude)))
        .drop("latitude", "longitude");
  }

  /**
   * {@code timestamp} ("yyyy-MM-dd HH:mm:ss", UTC) to a timestamp; null where it has another form
   * or is not a real date and time ("2020-13-45 99:00:00", "yesterday").
   */
  public static Dataset<Row> timestampToTimestamp(Dataset<Row> geos) {
    return geos.withColumn("timestamp", CommonRules.toTimestamp(col("timestamp")));
  }

  /** {@code ind} to the post's int key ({@link PostKey}): a whole number ("7", "7.0") within the int range, else null. */
  public static Dataset<Row> indToInt(Dataset<Row> geos) {
    return geos.withColumn("ind", PostKey.parse(col("ind")));
  }

  /** Keeps the geo table's columns in their order: ind, country, coordinates, timestamp. */
  public static Dataset<Row> outputColumns(Dataset<Row> geos) {
    return geos.select("ind", "country", "coordinates", "timestamp");
  }
}
