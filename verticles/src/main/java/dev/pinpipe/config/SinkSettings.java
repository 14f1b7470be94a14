package dev.pinpipe.config;

import dev.pinpipe.contracts.RawLayout;
import dev.pinpipe.contracts.Topics;

import java.util.regex.Pattern;

/**
 * The S3 sink's settings (config section {@code sink}). Names follow the Confluent S3 sink's
 * where there is one ({@code flush.size}, {@code rotate.interval.ms}).
 *
 * @param groupId            consumer group; instances in one group share the partitions
 * @param topics             topics to copy, by regex
 * @param partitioner        directory layout: {@code daily} (the daily job's input) or {@code default}
 * @param flushSize          records per object
 * @param rotateIntervalMs   an open object this old is written even when no record arrives
 * @param maxObjectBytes     an object is written once it holds this many bytes
 * @param partBytes          objects larger than this go up as multipart uploads of this part size
 * @param uploadsPerPartition objects of one partition uploaded at once (commits still follow offset order)
 * @param maxBufferedBytes   bytes held in memory across all open objects; past it partitions pause
 * @param completeGraceMs    an idle partition counts a day as complete this long after its end
 * @param completeCheckMs    how often the {@code _COMPLETE} markers are considered
 * @param retryInitialMs     first back-off after a failed S3 call
 * @param retryMaxMs         longest back-off between S3 retries
 * @param deadLetters        poison records go to {@code <topic>.dlq} (false: the partition stalls)
 */
public record SinkSettings(
    String groupId,
    Pattern topics,
    RawLayout partitioner,
    int flushSize,
    long rotateIntervalMs,
    long maxObjectBytes,
    long partBytes,
    int uploadsPerPartition,
    long maxBufferedBytes,
    long completeGraceMs,
    long completeCheckMs,
    long retryInitialMs,
    long retryMaxMs,
    boolean deadLetters) {

  /** S3 refuses parts smaller than 5 MiB (except the last). */
  public static final long MIN_PART_BYTES = 5L * 1024 * 1024;

  /** The keys {@link #from} reads: section {@code sink}. */
  public static final ConfigKeys KEYS = ConfigKeys.readBy(source -> from(source, "pinpipe"));

  public static SinkSettings from(ConfigSource source, String topicPrefix) {
    SinkSettings settings = new SinkSettings(
        source.string("sink.group-id", "pinpipe-s3-sink"),
        Pattern.compile(source.string("sink.topics-regex", new Topics(topicPrefix).allowList())),
        RawLayout.parse(source.string("sink.partitioner", "daily")),
        source.integer("sink.flush-size", 1000, 1, Integer.MAX_VALUE),
        source.number("sink.rotate-interval-ms", 10_000, 1, Long.MAX_VALUE),
        source.number("sink.max-object-bytes", 64L * 1024 * 1024, 1024, Long.MAX_VALUE),
        source.number("sink.part-bytes", 8L * 1024 * 1024, MIN_PART_BYTES, Long.MAX_VALUE),
        source.integer("sink.uploads-per-partition", 4, 1, Integer.MAX_VALUE),
        source.number("sink.max-buffered-bytes", 128L * 1024 * 1024, 1024, Long.MAX_VALUE),
        source.number("sink.complete-grace-ms", 5 * 60_000, 0, Long.MAX_VALUE),
        source.number("sink.complete-check-ms", 5_000, 10, Long.MAX_VALUE),
        source.number("sink.retry-initial-ms", 200, 1, Long.MAX_VALUE),
        source.number("sink.retry-max-ms", 30_000, 1, Long.MAX_VALUE),
        source.bool("sink.dead-letters", true));
    // Each number has its range above (sink.part-bytes: S3's smallest part, 5 MiB); what is left relates two keys.
    require(settings.maxBufferedBytes >= settings.maxObjectBytes,
        "sink.max-buffered-bytes must be at least sink.max-object-bytes (" + settings.maxObjectBytes + ")");
    require(settings.retryMaxMs >= settings.retryInitialMs,
        "sink.retry-max-ms must be at least sink.retry-initial-ms (" + settings.retryInitialMs + ")");
    return settings;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("config " + message);
    }
  }
}
