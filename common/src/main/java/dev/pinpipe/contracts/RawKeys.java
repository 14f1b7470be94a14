package dev.pinpipe.contracts;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw object keys as the Confluent S3 sink writes them (DESIGN.md, "S3 layout"), in the
 * directories of a {@link RawLayout}: {@code <directory><topic>+<p>+<startOffset>.json}, the start
 * offset zero-padded to 10 digits. Names come from offsets only, so writing the same records again
 * gives the same key. When that name is already taken by another topic incarnation's or consumer
 * group's object (a recreated topic starts again at offset 0), the sink writes
 * {@code <topic>+<p>+<startOffset>+i<8 hex>.json} instead, the tag naming its incarnation and
 * group: readers that take every {@code .json} of a directory keep working.
 */
public final class RawKeys {

  public static final String ROOT = "topics/";
  /** Written in a topic's day directory once every partition has committed past the end of that UTC day. */
  public static final String COMPLETE_MARKER = "_COMPLETE";
  public static final String OBJECT_SUFFIX = ".json";
  private static final Pattern OBJECT_NAME = Pattern.compile("(.+)\\+(\\d+)\\+(\\d{10,})(\\+i[0-9a-f]{8})?\\.json");

  /** Where an object's records come from, read back from its key. */
  public record ObjectName(String topic, int partition, long startOffset) {
  }

  private RawKeys() {
  }

  /** {@code topics/<topic>/}: every raw object of {@code topic} is below it. */
  public static String topicDirectory(String topic) {
    return ROOT + topic + "/";
  }

  /** {@code topics/<topic>/year=YYYY/month=MM/day=dd/}: the daily layout's directory of {@code day}. */
  public static String dayDirectory(String topic, LocalDate day) {
    return String.format(Locale.ROOT, "%syear=%04d/month=%02d/day=%02d/", topicDirectory(topic), day.getYear(),
        day.getMonthValue(), day.getDayOfMonth());
  }

  /** The key of {@code topic}'s {@link #COMPLETE_MARKER} for {@code day}. */
  public static String completeMarker(String topic, LocalDate day) {
    return dayDirectory(topic, day) + COMPLETE_MARKER;
  }

  public static String objectKey(String directory, String topic, int partition, long startOffset) {
    return keyStem(directory, topic, partition, startOffset) + OBJECT_SUFFIX;
  }

  /** The key used when {@link #objectKey} is taken by another incarnation or group; {@code tag} is {@link #tag}. */
  public static String taggedKey(String directory, String topic, int partition, long startOffset, String tag) {
    return keyStem(directory, topic, partition, startOffset) + "+" + tag + OBJECT_SUFFIX;
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

  /** The topic, partition and start offset of a raw object's key, if it is one. */
  public static Optional<ObjectName> parse(String key) {
    Matcher matcher = OBJECT_NAME.matcher(key.substring(key.lastIndexOf('/') + 1));
    if (!key.startsWith(ROOT) || !matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(new ObjectName(matcher.group(1), Integer.parseInt(matcher.group(2)), Long.parseLong(matcher.group(3))));
  }

  private static String keyStem(String directory, String topic, int partition, long startOffset) {
    return partitionPrefix(directory, topic, partition) + String.format(Locale.ROOT, "%010d", startOffset);
  }
}
