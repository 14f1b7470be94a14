package dev.pinpipe.jobs;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.sql.Date;
import java.time.LocalDate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The day partitions of the Delta tables: writing day D replaces that partition and nothing
 * else ({@code replaceWhere}), in one Delta commit, so a rerun is idempotent and a failed run
 * leaves the previous version whole. Delta enforces the table's schema on every write.
 */
final class DeltaDay {

  static final String DAY_COLUMN = "dt";

  private DeltaDay() {
  }

  /** Replaces day {@code day} of the Delta table at {@code path} with {@code rows} (created on first write). */
  static void replace(Dataset<Row> rows, String path, LocalDate day) {
    rows.withColumn(DAY_COLUMN, lit(Date.valueOf(day)))
        .write()
        .format("delta")
        .mode("overwrite")
        .option("replaceWhere", DAY_COLUMN + " = '" + day + "'")
        .partitionBy(DAY_COLUMN)
        .save(path);
  }

  /** Day {@code day} of the Delta table at {@code path}, without the {@code dt} column. */
  static Dataset<Row> read(SparkSession spark, String path, LocalDate day) {
    return read(spark, path, day, day).drop(DAY_COLUMN);
  }

  /** Days {@code from} to {@code to} of the Delta table at {@code path}, with the {@code dt} column. */
  static Dataset<Row> read(SparkSession spark, String path, LocalDate from, LocalDate to) {
    return spark.read().format("delta").load(path)
        .where(col(DAY_COLUMN).between(lit(Date.valueOf(from)), lit(Date.valueOf(to))));
  }
}
