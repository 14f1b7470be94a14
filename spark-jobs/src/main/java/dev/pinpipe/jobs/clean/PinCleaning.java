package dev.pinpipe.jobs.clean;

import dev.pinpipe.jobs.RawSchemas;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

/** Cleans raw pin records ({@link RawSchemas#PIN}, every field a string) into the {@code pin} table. */
public final class PinCleaning {

  private PinCleaning() {
  }

  /**
   * The pin cleaning: validates and keeps the raw pin columns, then applies, in order,
   * {@link CommonRules#emptyStringsToNull}, {@link #dirtyValuesToNull}, {@link #followerCountToInt},
   * {@link #indexAndDownloadedToInt}, {@link #saveLocationToPath}, {@link #indexToInd} and
   * {@link #outputColumns}.
   *
   * @throws IllegalArgumentException naming the raw pin columns {@code raw} lacks
   */
  public static Dataset<Row> clean(Dataset<Row> raw) {
    return CommonRules.selectRequired(raw, RawSchemas.PIN)
        .transform(CommonRules::emptyStringsToNull)
        .transform(PinCleaning::dirtyValuesToNull)
        .transform(PinCleaning::followerCountToInt)
        .transform(PinCleaning::indexAndDownloadedToInt)
        .transform(PinCleaning::saveLocationToPath)
        .transform(PinCleaning::indexToInd)
        .transform(PinCleaning::outputColumns);
  }

  /**
   * The source's placeholders become null: title "No Title Data Available", any description
   * starting "No description available", poster_name and follower_count "User Info Error",
   * image_src "Image src error." and tag_list "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e" (exact, case-sensitive matches).
   */
  public static Dataset<Row> dirtyValuesToNull(Dataset<Row> pins) {
    return pins
        .withColumn("title", nullIf(col("title"), "No Title Data Available"))
        .withColumn("description",
            when(not(col("description").startsWith("No description available")), col("description")))
        .withColumn("poster_name", nullIf(col("poster_name"), "User Info Error"))
        .withColumn("follower_count", nullIf(col("follower_count"), "User Info Error"))
        .withColumn("image_src", nullIf(col("image_src"), "Image src error."))
        .withColumn("tag_list", nullIf(col("tag_list"), "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e"));
  }

  /**
   * follower_count to int: a non-negative decimal number (up to 12 decimals) with an optional
   * suffix k/K (thousand) or M/m (million), scaled with exact decimal arithmetic: "830" → 830,
   * "12k" → 12000, "1.5k" → 1500, "1.2M" → 1200000, "1M" → 1000000. Null where the result is not
   * a whole number ("1.2345k"), exceeds the int range, or the text is anything else ("abc", "-5":
   * a negative count is not a follower count, "1,000", "1.5B").
   */
  public static Dataset<Row> followerCountToInt(Dataset<Row> pins) {
    Column text = trim(col("follower_count"));
    String pattern = "^(\\d{1,18}(?:\\.\\d{1,12})?)([kKmM]?)$";
    Column number = CommonRules.toDecimal(regexp_extract(text, pattern, 1));
    Column suffix = lower(regexp_extract(text, pattern, 2));
    Column scale = when(suffix.equalTo("k"), lit(1_000)).when(suffix.equalTo("m"), lit(1_000_000)).otherwise(lit(1))
        .cast(DataTypes.createDecimalType(7, 0));
    return pins.withColumn("follower_count", CommonRules.wholeToInt(number.multiply(scale)));
  }

  /**
   * index to the post's int key ({@link PostKey}) and downloaded to int: whole numbers, also
   * written with decimals ("7", "-1", "7.0"), within the int range; anything else ("7.5", "abc",
   * "") is null.
   */
  public static Dataset<Row> indexAndDownloadedToInt(Dataset<Row> pins) {
    return pins
        .withColumn("index", PostKey.parse(col("index")))
        .withColumn("downloaded", CommonRules.toInt(col("downloaded")));
  }

  /**
   * save_location to the path only: from the first "/data" path on where there is one ("Local save
   * in /data/mens-fashion" → "/data/mens-fashion"); otherwise the value without its "Local save
   * in " prefix, trimmed, and null if nothing is left ("Local save in " → null).
   */
  public static Dataset<Row> saveLocationToPath(Dataset<Row> pins) {
    Column location = col("save_location");
    Column rest = trim(regexp_replace(location, "^Local save in ", ""));
    return pins.withColumn("save_location",
        when(location.rlike("/data(/|$)"), regexp_extract(location, "(/data(?:/.*)?)$", 1))
            .otherwise(CommonRules.nullIfEmpty(rest)));
  }

  /** {@code index} is renamed {@code ind}, the name the geo and user tables use for the same post. */
  public static Dataset<Row> indexToInd(Dataset<Row> pins) {
    return pins.withColumnRenamed("index", "ind");
  }

  /**
   * Keeps the pin table's columns in their order: ind, unique_id, title, description,
   * follower_count, poster_name, tag_list, is_image_or_video, image_src, save_location, category,
   * downloaded.
   */
  public static Dataset<Row> outputColumns(Dataset<Row> pins) {
    return pins.select("ind", "unique_id", "title", "description", "follower_count", "poster_name", "tag_list",
        "is_image_or_video", "image_src", "save_location", "category", "downloaded");
  }

  private static Column nullIf(Column value, String placeholder) {
    return when(value.notEqual(placeholder), value);
  }
}
