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
 * same records again gives the same key.
 */
public final class S3Layout {

  public static final String ROOT = "topics/";
  public static final String COMPLETE_MARKER = "_COMPLETE";
  private static final Pattern OBJECT_NAME = Pattern.compile("(.+)\\+(\\d+)\\+(\\d{10,})\\.json");

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
    return directory + topic + "+" + partition + "+" + String.format(Locale.ROOT, "%010d", startOffset) + ".json";
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
