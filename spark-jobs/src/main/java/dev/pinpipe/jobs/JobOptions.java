package dev.pinpipe.jobs;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What one run of the daily job does, as parsed from its command line.
 *
 * @param date           the UTC day D whose raw records are cleaned and reported
 * @param stage          which stages run
 * @param bucket         the bucket holding the raw objects and the outputs
 * @param s3Endpoint     an S3-compatible endpoint (S3Proxy, MinIO); empty for AWS S3
 * @param pathStyle      path-style requests ({@code http://host/bucket/key}), as S3Proxy and MinIO want
 * @param layout         how the sink partitioned the raw objects
 * @param topicPrefix    the Kafka topic prefix: raw objects are under {@code topics/<prefix>.pin/}
 * @param outputPrefix   key prefix of every output ({@code delta/}, {@code reports/}, {@code runs/}); empty for the bucket root
 * @param allowIncomplete run on a day whose {@code _COMPLETE} markers are not all written yet
 * @param master         the Spark master for a run outside spark-submit ({@code local[*]}); empty to take it from spark-submit
 */
public record JobOptions(
    LocalDate date,
    Stage stage,
    String bucket,
    Optional<String> s3Endpoint,
    boolean pathStyle,
    Layout layout,
    String topicPrefix,
    String outputPrefix,
    boolean allowIncomplete,
    Optional<String> master) {

  /** Which stages of the job run. */
  public enum Stage {
    /** Raw JSON of day D to the Delta tables {@code pin}, {@code geo}, {@code user} and {@code rejects}. */
    CLEAN,
    /** The Delta tables of day D to the nine reports. */
    REPORTS,
    /** Both, in order. */
    ALL;

    boolean cleans() {
      return this != REPORTS;
    }

    boolean reports() {
      return this != CLEAN;
    }
  }

  /** The S3 sink's partitioner, which decides where day D's raw objects are. */
  public enum Layout {
    /** {@code topics/<topic>/year=YYYY/month=MM/day=dd/}: only day D's objects are read. */
    DAILY,
    /** {@code topics/<topic>/partition=<p>/}: every object is read. */
    DEFAULT
  }

  /** The {@code s3a://} URI of {@code key} under the output prefix. */
  public String output(String key) {
    return "s3a://" + bucket + "/" + outputPrefix + key;
  }

  /** The Kafka topic (and S3 folder) of a record kind: {@code pin}, {@code geo} or {@code user}. */
  public String topic(String kind) {
    return topicPrefix + "." + kind;
  }
}
