package dev.pinpipe.jobs.support;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.List;

/**
 * One local Spark session for a test class (start it in {@code @BeforeAll}, stop it in
 * {@code @AfterAll}): two threads, one shuffle partition, no UI, UTC.
 */
public final class SparkTestSession {

  private SparkTestSession() {
  }

  public static SparkSession start() {
    return builder().getOrCreate();
  }

  /** The test defaults, for a class that adds its own settings (Delta, S3A) before {@code getOrCreate()}. */
  public static SparkSession.Builder builder() {
    return SparkSession.builder()
        .master("local[2]")
        .appName("pinpipe-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1");
  }

  /** A dataset of {@code rows} (each an array of column values, nulls allowed) with {@code schema}. */
  public static Dataset<Row> rows(SparkSession spark, StructType schema, Object[]... rows) {
    List<Row> list = Arrays.stream(rows).map(RowFactory::create).toList();
    return spark.createDataFrame(list, schema);
  }
}
