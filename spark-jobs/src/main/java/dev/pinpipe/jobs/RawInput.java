package dev.pinpipe.jobs;

import dev.pinpipe.contracts.DailyJobOptions;
import dev.pinpipe.contracts.RawKeys;
import dev.pinpipe.contracts.RawLayout;
import dev.pinpipe.contracts.RecordKind;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.input_file_name;

/** Where the raw objects of day D are, whether the sink has finished the day (and what came after), and reading them. */
final class RawInput {

  /** The record kinds, one topic and one Delta table each, with their raw schema and the key that names a post. */
  enum Kind {
    PIN(RecordKind.PIN, RawSchemas.PIN, "index"),
    GEO(RecordKind.GEO, RawSchemas.GEO, "ind"),
    USER(RecordKind.USER, RawSchemas.USER, "ind");

    final RecordKind recordKind;
    final String table;
    final StructType schema;
    final String key;

    Kind(RecordKind recordKind, StructType schema, String key) {
      this.recordKind = recordKind;
      this.table = recordKind.id();
      this.schema = schema;
      this.key = key;
    }
  }

  private final SparkSession spark;
  private final DailyJobOptions options;
  private final Configuration hadoop;

  RawInput(SparkSession spark, DailyJobOptions options) {
    this.spark = spark;
    this.options = options;
    this.hadoop = spark.sessionState().newHadoopConf();
  }

  /** The folder of {@code kind}'s raw objects for day D (daily layout), or of all of them (default layout). */
  String folder(Kind kind) {
    return folder(kind, options.date());
  }

  /** Whether any kind has a raw folder for {@code day} (daily layout). */
  boolean hasRecords(LocalDate day) {
    return List.of(Kind.values()).stream().anyMatch(kind -> exists(folder(kind, day)));
  }

  private String folder(Kind kind, LocalDate day) {
    return JobSession.s3a(options, options.layout().inputDirectory(topic(kind), day));
  }

  /** The Kafka topic of {@code kind}: its raw folder's name. */
  private String topic(Kind kind) {
    return options.topics().topic(kind.recordKind);
  }

  /** The topics whose {@code _COMPLETE} marker for day D is not written yet (daily layout only; never any for default). */
  List<String> incompleteTopics() {
    if (options.layout() != RawLayout.DAILY) {
      return List.of();
    }
    return List.of(Kind.values()).stream()
        .map(this::topic)
        .filter(topic -> !exists(JobSession.s3a(options, RawKeys.completeMarker(topic, options.date()))))
        .toList();
  }

  /**
   * The objects of {@code kind}'s folder for day D that S3 stored after the folder's
   * {@code _COMPLETE} marker: records the sink wrote once it had declared D complete, so any run
   * of D before they arrived missed them. Empty without a marker, and in the default layout.
   */
  Optional<LateObjects> lateObjects(Kind kind) {
    if (options.layout() != RawLayout.DAILY) {
      return Optional.empty();
    }
    String folder = folder(kind);
    List<FileStatus> entries = list(folder);
    Optional<FileStatus> marker = entries.stream().filter(entry -> entry.getPath().getName().equals(RawKeys.COMPLETE_MARKER)).findFirst();
    if (marker.isEmpty()) {
      return Optional.empty();
    }
    long completed = marker.get().getModificationTime();
    List<FileStatus> late = entries.stream()
        .filter(entry -> entry.getPath().getName().endsWith(RawKeys.OBJECT_SUFFIX) && entry.getModificationTime() > completed)
        .toList();
    if (late.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new LateObjects(
        // As Spark's input_file_name() gives them, so they match RawValidation.SOURCE.
        late.stream().map(entry -> entry.getPath().toUri().toString()).toList(),
        Instant.ofEpochMilli(completed),
        Instant.ofEpochMilli(late.stream().mapToLong(FileStatus::getModificationTime).max().orElseThrow())));
  }

  /**
   * Objects of a day written after its {@code _COMPLETE} marker.
   *
   * @param paths       the objects, as {@link RawValidation#SOURCE} names them
   * @param completed   when S3 stored the marker
   * @param lastArrival when S3 stored the last of them
   */
  record LateObjects(List<String> paths, Instant completed, Instant lastArrival) {
  }

  /**
   * {@code kind}'s raw records with {@link RawSchemas#CORRUPT_RECORD} and the source object
   * ({@link RawValidation#SOURCE}); empty when the folder does not exist (no record that day).
   */
  Dataset<Row> read(Kind kind) {
    StructType schema = RawSchemas.withCorruptRecord(kind.schema);
    String folder = folder(kind);
    if (!exists(folder)) {
      return spark.createDataFrame(List.of(), schema).withColumn(RawValidation.SOURCE, input_file_name());
    }
    return spark.read()
        .schema(schema)
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", RawSchemas.CORRUPT_RECORD)
        .option("pathGlobFilter", "*" + RawKeys.OBJECT_SUFFIX)
        // The default layout's partition=<p> folders are not a column of the records.
        .option("recursiveFileLookup", options.layout() == RawLayout.DEFAULT)
        .json(folder)
        .withColumn(RawValidation.SOURCE, input_file_name());
  }

  private boolean exists(String path) {
    try {
      FileSystem fs = FileSystem.get(URI.create(path), hadoop);
      return fs.exists(new Path(path));
    } catch (IOException e) {
      throw unreachable(path, e);
    }
  }

  /** The entries of {@code folder}; none when it does not exist. */
  private List<FileStatus> list(String folder) {
    try {
      FileSystem fs = FileSystem.get(URI.create(folder), hadoop);
      return List.of(fs.listStatus(new Path(folder)));
    } catch (FileNotFoundException e) {
      return List.of();
    } catch (IOException e) {
      throw unreachable(folder, e);
    }
  }

  private JobFailure unreachable(String path, IOException e) {
    return new JobFailure(JobFailure.FAILED, "cannot look up " + path + " at " + options.s3Endpoint().orElse("AWS S3") + ": "
        + e.getMessage() + ". Check --s3-endpoint, --bucket, the credentials and that S3 is up");
  }
}
