package dev.pinpipe.jobs;

import dev.pinpipe.contracts.DailyJobOptions;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.util.Map;

/**
 * The Spark session of a run: Delta Lake, UTC, and S3A pointed at the bucket's endpoint.
 * Credentials are never set here: S3A takes them from its standard providers (Hadoop
 * configuration, environment, web identity, profile, instance), unless the submitter chose
 * the providers itself with {@code spark.hadoop.fs.s3a.aws.credentials.provider}.
 */
final class JobSession {

  static final String CREDENTIALS_PROVIDER = "spark.hadoop.fs.s3a.aws.credentials.provider";
  static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
  static final String COMPRESSED_CACHE = "spark.sql.inMemoryColumnarStorage.compressed";

  /** Hadoop's own pair first (temporary, then key and secret from configuration), then the AWS default chain (env, web identity, profile, container, instance). */
  static final String DEFAULT_PROVIDERS = String.join(",",
      "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider",
      "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
      "com.amazonaws.auth.DefaultAWSCredentialsProviderChain");

  /**
   * S3A's defaults retry an unreachable endpoint for well over ten minutes (20 SDK attempts
   * inside each of 7 S3A retries); with these a wrong endpoint fails the job in seconds. S3
   * throttling keeps its own, longer, retry ({@code fs.s3a.retry.throttle.limit}).
   */
  static final Map<String, String> S3A_RETRIES = Map.of(
      "spark.hadoop.fs.s3a.attempts.maximum", "3",
      "spark.hadoop.fs.s3a.retry.limit", "3",
      "spark.hadoop.fs.s3a.connection.establish.timeout", "5000",
      "spark.hadoop.fs.s3a.connection.timeout", "60000");

  private JobSession() {
  }

  /** The session for {@code options}; an active session (spark-submit's, or a test's) is reused with these settings added. */
  static SparkSession create(DailyJobOptions options) {
    SparkSession.Builder builder = SparkSession.builder().appName("pinpipe-daily-" + options.date());
    options.master().ifPresent(builder::master);
    builder.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.hadoop.fs.s3a.path.style.access", String.valueOf(options.pathStyle()));
    options.s3Endpoint().ifPresent(endpoint -> builder
        .config("spark.hadoop.fs.s3a.endpoint", endpoint)
        .config("spark.hadoop.fs.s3a.connection.ssl.enabled", String.valueOf(endpoint.startsWith("https:"))));
    SparkConf submitted = new SparkConf();
    if (!submitted.contains(CREDENTIALS_PROVIDER)) {
      builder.config(CREDENTIALS_PROVIDER, DEFAULT_PROVIDERS);
    }
    S3A_RETRIES.forEach((key, value) -> {
      if (!submitted.contains(key)) {
        builder.config(key, value);
      }
    });
    SparkSession spark = builder.getOrCreate();
    if (!submitted.contains(SHUFFLE_PARTITIONS)) {
      spark.conf().set(SHUFFLE_PARTITIONS, shufflePartitions(spark.sparkContext().defaultParallelism()));
    }
    // The job caches one table's parsed records for the length of its step: compressing that
    // cache (per-column dictionary and run-length statistics) took 11% of the clean stage's CPU.
    if (!submitted.contains(COMPRESSED_CACHE)) {
      spark.conf().set(COMPRESSED_CACHE, "false");
    }
    return spark;
  }

  /** The {@code s3a://} URI of {@code key} in the job's bucket. */
  static String s3a(DailyJobOptions options, String key) {
    return "s3a://" + options.bucket() + "/" + key;
  }

  /**
   * Two shuffle partitions per core instead of Spark's 200: a day is at most a few GB, and
   * the de-duplicated tables are cached, where adaptive execution cannot coalesce the
   * shuffle's partitions, so 200 meant 200 tiny tasks and 200 small files per table.
   * {@code --conf spark.sql.shuffle.partitions=N} still decides.
   */
  static int shufflePartitions(int cores) {
    return Math.max(2, 2 * cores);
  }
}
