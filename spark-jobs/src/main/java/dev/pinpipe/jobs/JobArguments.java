package dev.pinpipe.jobs;

import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.util.Optional;

/** The job's command-line options (a picocli mixin), shared by {@link DailyJob} and {@link RawScan}. */
final class JobArguments {

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The UTC day to process.")
  LocalDate date;

  @Option(names = "--stage", defaultValue = "all", paramLabel = "clean|reports|all",
      description = "Which stages to run (default: ${DEFAULT-VALUE}).")
  JobOptions.Stage stage;

  @Option(names = "--bucket", defaultValue = "pinpipe", description = "Bucket of the raw objects and the outputs (default: ${DEFAULT-VALUE}).")
  String bucket;

  @Option(names = "--s3-endpoint", paramLabel = "URL", description = "S3-compatible endpoint (S3Proxy, MinIO); AWS S3 when absent.")
  String s3Endpoint;

  @Option(names = "--path-style", description = "Path-style requests, as S3Proxy and MinIO want.")
  boolean pathStyle;

  @Option(names = "--layout", defaultValue = "daily", paramLabel = "daily|default",
      description = "The S3 sink's partitioner (default: ${DEFAULT-VALUE}).")
  JobOptions.Layout layout;

  @Option(names = "--topic-prefix", defaultValue = "pinpipe", description = "Kafka topic prefix of the raw folders (default: ${DEFAULT-VALUE}).")
  String topicPrefix;

  @Option(names = "--output-prefix", defaultValue = "", paramLabel = "PREFIX",
      description = "Key prefix of every output (delta/, reports/, runs/); the bucket root by default.")
  String outputPrefix;

  @Option(names = "--allow-incomplete", description = "Clean a day whose _COMPLETE markers are not all written yet.")
  boolean allowIncomplete;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master when run outside spark-submit, e.g. local[*].")
  String master;

  JobOptions toOptions() {
    String prefix = outputPrefix.isEmpty() || outputPrefix.endsWith("/") ? outputPrefix : outputPrefix + "/";
    return new JobOptions(date, stage, bucket, Optional.ofNullable(s3Endpoint), pathStyle, layout, topicPrefix,
        prefix, allowIncomplete, Optional.ofNullable(master));
  }
}
