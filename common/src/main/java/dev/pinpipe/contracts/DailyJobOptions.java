package dev.pinpipe.contracts;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of the daily Spark job ({@value #MAIN_CLASS}): what its command line says. Whoever
 * launches the job builds the line with {@link #toArguments()}; the job reads it back with
 * {@link #parse} (or {@link Arguments} in its own picocli command). Credentials are never part of
 * it: they reach the job through its environment.
 *
 * @param date            the UTC day D whose raw records are cleaned and reported
 * @param stage           which stages run
 * @param bucket          the bucket holding the raw objects and the outputs
 * @param s3Endpoint      an S3-compatible endpoint (S3Proxy, MinIO); empty for AWS S3
 * @param pathStyle       path-style requests ({@code http://host/bucket/key}), as S3Proxy and MinIO want
 * @param layout          how the sink partitioned the raw objects
 * @param topicPrefix     the Kafka topic prefix: raw objects are under {@code topics/<prefix>.pin/}
 * @param outputPrefix    key prefix of every output ({@code delta/}, {@code reports/}, {@code runs/}):
 *                        empty for the bucket root, else ending in "/" (added when missing)
 * @param allowIncomplete run on a day whose {@code _COMPLETE} markers are not all written yet
 * @param master          the Spark master for a run outside spark-submit ({@code local[*]}); empty to take it from spark-submit
 */
public record DailyJobOptions(
    LocalDate date,
    Stage stage,
    String bucket,
    Optional<String> s3Endpoint,
    boolean pathStyle,
    RawLayout layout,
    String topicPrefix,
    String outputPrefix,
    boolean allowIncomplete,
    Optional<String> master) {

  /** The job's main class in the job jar, for a launcher that does not depend on the job. */
  public static final String MAIN_CLASS = "dev.pinpipe.jobs.DailyJob";
  public static final String DEFAULT_BUCKET = "pinpipe";

  public DailyJobOptions {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(s3Endpoint, "s3Endpoint");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(topicPrefix, "topicPrefix");
    Objects.requireNonNull(master, "master");
    if (!outputPrefix.isEmpty() && !outputPrefix.endsWith("/")) {
      outputPrefix = outputPrefix + "/";
    }
  }

  /** Which stages of the job run. */
  public enum Stage {
    /** Raw JSON of day D to the Delta tables {@code pin}, {@code geo}, {@code user} and {@code rejects}. */
    CLEAN,
    /** The Delta tables of day D to the nine reports. */
    REPORTS,
    /** Both, in order. */
    ALL;

    /** {@code clean}, {@code reports} or {@code all}, as on the command line and in the run summary. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public boolean runsClean() {
      return this != REPORTS;
    }

    public boolean runsReports() {
      return this != CLEAN;
    }
  }

  /** The topics the job reads. */
  public Topics topics() {
    return new Topics(topicPrefix);
  }

  /** {@code key} under the output prefix, relative to the bucket. */
  public String outputKey(String key) {
    return outputPrefix + key;
  }

  /** The command line that gives these options: every option the job needs, the optional ones only when set. */
  public List<String> toArguments() {
    List<String> arguments = new ArrayList<>();
    master.ifPresent(url -> arguments.addAll(List.of("--master", url)));
    arguments.addAll(List.of("--date", date.toString(), "--stage", stage.id(), "--bucket", bucket));
    s3Endpoint.ifPresent(endpoint -> arguments.addAll(List.of("--s3-endpoint", endpoint)));
    if (pathStyle) {
      arguments.add("--path-style");
    }
    arguments.addAll(List.of("--layout", layout.id(), "--topic-prefix", topicPrefix));
    if (!outputPrefix.isEmpty()) {
      arguments.addAll(List.of("--output-prefix", outputPrefix));
    }
    if (allowIncomplete) {
      arguments.add("--allow-incomplete");
    }
    return arguments;
  }

  /**
   * The options of a command line such as {@link #toArguments()} gives.
   *
   * @throws CommandLine.ParameterException saying which argument is missing or wrong
   */
  public static DailyJobOptions parse(String... args) {
    Arguments arguments = new Arguments();
    new CommandLine(arguments).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
    return arguments.toOptions();
  }

  /**
   * The job's options as a picocli mixin, for the commands that take them (the job, and other
   * mains of its jar); they must allow case-insensitive enum values, as {@link #parse} does.
   */
  public static final class Arguments {

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The UTC day to process.")
    LocalDate date;

    @Option(names = "--stage", defaultValue = "all", paramLabel = "clean|reports|all",
        description = "Which stages to run (default: ${DEFAULT-VALUE}).")
    Stage stage;

    @Option(names = "--bucket", defaultValue = DEFAULT_BUCKET,
        description = "Bucket of the raw objects and the outputs (default: ${DEFAULT-VALUE}).")
    String bucket;

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "S3-compatible endpoint (S3Proxy, MinIO); AWS S3 when absent.")
    String s3Endpoint;

    @Option(names = "--path-style", description = "Path-style requests, as S3Proxy and MinIO want.")
    boolean pathStyle;

    @Option(names = "--layout", defaultValue = "daily", paramLabel = "daily|default",
        description = "The S3 sink's partitioner (default: ${DEFAULT-VALUE}).")
    RawLayout layout;

    @Option(names = "--topic-prefix", defaultValue = Topics.DEFAULT_PREFIX,
        description = "Kafka topic prefix of the raw folders (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--output-prefix", defaultValue = "", paramLabel = "PREFIX",
        description = "Key prefix of every output (delta/, reports/, runs/); the bucket root by default.")
    String outputPrefix;

    @Option(names = "--allow-incomplete", description = "Clean a day whose _COMPLETE markers are not all written yet.")
    boolean allowIncomplete;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master when run outside spark-submit, e.g. local[*].")
    String master;

    public DailyJobOptions toOptions() {
      return new DailyJobOptions(date, stage, bucket, Optional.ofNullable(s3Endpoint), pathStyle, layout, topicPrefix,
          outputPrefix, allowIncomplete, Optional.ofNullable(master));
    }
  }
}
