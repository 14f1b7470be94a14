package dev.pinpipe.jobs;

import dev.pinpipe.jobs.clean.PostKey;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

/**
 * Splits raw records (read with {@link RawSchemas}) into those the cleaning can take and the
 * rejects: lines that are not JSON objects, and records without a key ({@link PostKey}), which
 * could never be joined into a post.
 */
public final class RawValidation {

  /** Column of the raw dataset holding the object the line was read from. */
  public static final String SOURCE = "_source";

  /** The columns of the {@code rejects} table, before {@code dt}. */
  public static final StructType REJECTS = new StructType()
      .add("table", "string", false)
      .add("reason", "string", false)
      .add("record", "string", true)
      .add("source", "string", true);

  private RawValidation() {
  }

  /** The records with a parsed body and a {@link PostKey}, with the raw columns of {@code schema} only. */
  public static Dataset<Row> valid(Dataset<Row> raw, StructType schema, String key) {
    return raw.where(reason(key).isNull()).select(columns(schema));
  }

  /** One row per rejected record of {@code table}: why, the line (or its parsed fields) and where it came from. */
  public static Dataset<Row> rejects(Dataset<Row> raw, StructType schema, String table, String key) {
    return raw.withColumn("reason", reason(key))
        .where(col("reason").isNotNull())
        .select(
            lit(table).as("table"),
            col("reason"),
            coalesce(col(RawSchemas.CORRUPT_RECORD), to_json(struct(columns(schema)))).as("record"),
            col(SOURCE).as("source"));
  }

  private static Column reason(String key) {
    return when(col(RawSchemas.CORRUPT_RECORD).isNotNull(), lit("malformed JSON"))
        .when(col(key).isNull(), lit("missing " + key))
        .when(PostKey.parse(col(key)).isNull(), lit(key + " is not a whole number within the int range"));
  }

  private static Column[] columns(StructType schema) {
    return Arrays.stream(schema.fieldNames()).map(name -> col(name)).toArray(Column[]::new);
  }
}
