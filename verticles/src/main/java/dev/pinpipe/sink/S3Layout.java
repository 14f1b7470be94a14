package dev.pinpipe.sink;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Object keys as the Confluent S3 sink writes them (DESIGN.md, "S3 layout"), under
 * {@code topics/}:
 * <ul>
 *   <li>default partitioner: {@code topics/<topic>/partition=<p>/<topic>+<p>+<startOffset>.json}</li>
 *   <li>daily partitioner, by record timestamp in UTC:
 *       {@code topics/<topic>/year=YYYY/month=MM/day=dd/<topic>+<p>+<startOffset>.json}</li>
 * </ul>
 * The start offset is zero-padded to 10 digits. Names come from offsets only, so writing the
 * same records again gives the same key. When that name is already taken by another topic
 * incarnation's or consumer group's object (a recreated topic starts again at offset 0), the sink
 * writes {@code <topic>+<p>+<startOffset>+i<8 hex>.json} instead, the tag naming its incarnation
 * and group: readers that take every {@code .json} of a directory keep working.
 */
public final class S3Layout {

  public static final String ROOT = "topics/";
  public static final String COMPLETE_MARKER = "_COMPLETE";
  private static final Pattern OBJECT_NAME = Pattern.compile("(.+)\\+(\\d+)\\+(\\d{10,})(\\+i[0-9a-f]{8})?\\.json");

  /** How objects are grouped into directories. */
  public enum Partitioner {
    /** {@code partition=<p>}, as the original pipeline's MSK Connect sink. */
    DEFAULT,
    /** {@code year=/month=/day=} of the record timestamp (UTC), for the daily job. */
    DAILY;

    public static Partitioner parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown partitioner '" + name + "'; use default or daily");
      }
    }
  }

  /** Where an object's records come from, read back from its key. */
  public record ObjectName(String topic, int partition, long startOffset) {
  }

  private final Partitioner partitioner;

  public S3Layout(Partitioner partitioner) {
    this.partitioner = partitioner;
  }

  public Partitioner partitioner() {
    return partitioner;
  }

  /** The directory (ending in "/") of a record of {@code topic}/{@code partition} stamped {@code timestampMs}. */
  public String directory(String topic, int partition, long timestampMs) {
    return switch (partitioner) {
      case DEFAULT -> ROOT + topic + "/partition=" + partition + "/";
      case DAILY -> dayDirectory(topic, Instant.ofEpochMilli(timestampMs).atZone(ZoneOffset.UTC).toLocalDate());
    };
  }

  public String objectKey(String directory, String topic, int partition, long startOffset) {
    return keyStem(directory, topic, partition, startOffset) + ".json";
  }

  /** The key used when {@link #objectKey} is taken by another incarnation or group; {@code tag} is {@link #tag}. */
  public static String taggedKey(String directory, String topic, int partition, long startOffset, String tag) {
    return keyStem(directory, topic, partition, startOffset) + "+" + tag + ".json";
  }

  /** A key tag for one topic incarnation and group: "i" and 8 hex digits. */
  public static String tag(String topicId, String group) {
    return String.format(Locale.ROOT, "i%08x", (topicId + "/" + group).hashCode());
  }

  /** The prefix of every key of {@code topic}/{@code partition} in {@code directory}. */
  public static String partitionPrefix(String directory, String topic, int partition) {
    return directory + topic + "+" + partition + "+";
  }

  /** A listing from this key on holds every key of {@code partition} whose start offset is {@code offset} or more (and maybe a few others). */
  public static String listFrom(String directory, String topic, int partition, long offset) {
    return keyStem(directory, topic, partition, offset);
  }

  private static String keyStem(String directory, String topic, int partition, long startOffset) {
    return partitionPrefix(directory, topic, partition) + String.format(Locale.ROOT, "%010d", startOffset);
  }

  public static String dayDirectory(String topic, LocalDate day) {
    return String.format(Locale.ROOT, "%s%s/year=%04d/month=%02d/day=%02d/", ROOT, topic, day.getYear(), day.getMonthValue(), day.getDayOfMonth());
  }

  public static String completeMarker(String topic, LocalDate day) {
    return dayDirectory(topic, day) + COMPLETE_MARKER;
  }

  /** The topic, partition and start offset of an object key written by this layout, if it is one. */
  public static Optional<ObjectName> parse(String key) {
    Matcher matcher = OBJECT_NAME.matcher(key.substring(key.lastIndexOf('/') + 1));
    if (!key.startsWith(ROOT) || !matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(new ObjectName(matcher.group(1), Integer.parseInt(matcher.group(2)), Long.parseLong(matcher.group(3))));
  }
}
