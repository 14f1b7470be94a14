package dev.pinpipe.jobs.reports;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

/**
 * The posts the reports are computed over: pin ⋈ geo ⋈ user on {@code ind}, one row per
 * {@code ind} present in all three cleaned (de-duplicated) tables.
 *
 * <p>Columns: ind, category, follower_count, poster_name (pin); country, post_timestamp (geo
 * {@code timestamp}), post_year; user_name, age, age_group, date_joined, join_year (user). Any
 * other input column ({@code dt}, titles, coordinates, ...) is dropped.
 */
public final class Posts {

  static final List<String> PIN_COLUMNS = List.of("ind", "category", "follower_count", "poster_name");
  static final List<String> GEO_COLUMNS = List.of("ind", "country", "timestamp");
  static final List<String> USER_COLUMNS = List.of("ind", "user_name", "age", "date_joined");

  private Posts() {
  }

  public static Dataset<Row> join(Dataset<Row> pin, Dataset<Row> geo, Dataset<Row> user) {
    requireColumns("pin", pin, PIN_COLUMNS);
    requireColumns("geo", geo, GEO_COLUMNS);
    requireColumns("user", user, USER_COLUMNS);
    Dataset<Row> pins = pin.select(col("ind"), col("category"), col("follower_count"), col("poster_name"));
    Dataset<Row> geos = geo.select(col("ind"), col("country"), col("timestamp").as("post_timestamp"));
    Dataset<Row> users = user.select(col("ind"), col("user_name"), col("age"), col("date_joined"));
    return pins.join(geos, "ind").join(users, "ind")
        .select(
            col("ind"),
            col("category"),
            col("follower_count"),
            col("poster_name"),
            col("country"),
            col("post_timestamp"),
            year(col("post_timestamp")).as("post_year"),
            col("user_name"),
            col("age"),
            ageGroup(col("age")).as("age_group"),
            col("date_joined"),
            year(col("date_joined")).as("join_year"));
  }

  /** {@code 18-24}, {@code 25-35}, {@code 36-50}, {@code +50}; null for a null age or one under 18. */
  public static Column ageGroup(Column age) {
    return when(age.between(18, 24), "18-24")
        .when(age.between(25, 35), "25-35")
        .when(age.between(36, 50), "36-50")
        .when(age.gt(50), "+50");
  }

  private static void requireColumns(String table, Dataset<Row> dataset, List<String> required) {
    List<String> present = Arrays.asList(dataset.columns());
    List<String> missing = required.stream().filter(name -> !present.contains(name)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(table + " lacks column(s) " + missing + "; has " + present);
    }
  }
}
