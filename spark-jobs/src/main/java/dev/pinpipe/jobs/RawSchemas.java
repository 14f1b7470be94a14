package dev.pinpipe.jobs;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;

/**
 * The explicit read schemas of the raw records (no inference, one pass over the input). Every
 * field is read as a string, whatever its JSON type, so a number sent as text or text sent as a
 * number is still read; the cleaning casts. Fields missing from a line are null, extra fields
 * are ignored, and a line that is not a JSON object lands in {@link #CORRUPT_RECORD}.
 */
public final class RawSchemas {

  /** Where the JSON reader keeps a line it could not parse. */
  public static final String CORRUPT_RECORD = "_corrupt_record";

  public static final StructType PIN = strings("index", "unique_id", "title", "description", "poster_name",
      "follower_count", "tag_list", "is_image_or_video", "image_src", "downloaded", "save_location", "category");
  public static final StructType GEO = strings("ind", "timestamp", "latitude", "longitude", "country");
  public static final StructType USER = strings("ind", "first_name", "last_name", "age", "date_joined");

  private RawSchemas() {
  }

  /** {@code schema} with the corrupt-record column the reader fills. */
  public static StructType withCorruptRecord(StructType schema) {
    return schema.add(CORRUPT_RECORD, DataTypes.StringType, true);
  }

  private static StructType strings(String... names) {
    return new StructType(Arrays.stream(names)
        .map(name -> new StructField(name, DataTypes.StringType, true, org.apache.spark.sql.types.Metadata.empty()))
        .toArray(StructField[]::new));
  }
}
