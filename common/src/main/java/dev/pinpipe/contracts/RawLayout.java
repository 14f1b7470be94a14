package dev.pinpipe.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * How the S3 sink groups a topic's raw objects into directories (DESIGN.md, "S3 layout"), which
 * decides where the daily job finds day D's records. {@link RawKeys} names the objects.
 */
public enum RawLayout {
  /** {@code topics/<topic>/partition=<p>/}, as the original pipeline's MSK Connect sink: the job reads every object. */
  DEFAULT,
  /** {@code topics/<topic>/year=YYYY/month=MM/day=dd/} of the record timestamp (UTC): the job reads day D's objects only. */
  DAILY;

  /** {@code default} or {@code daily}, as in config, on the job's command line and in the run summary. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The layout named {@code name}, whatever its case and surrounding blanks. */
  public static RawLayout parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown layout '" + name + "'; use default or daily");
    }
  }

  /** The directory (ending in "/") of a record of {@code topic}/{@code partition} stamped {@code timestampMs}. */
  public String directory(String topic, int partition, long timestampMs) {
    return switch (this) {
      case DEFAULT -> RawKeys.topicDirectory(topic) + "partition=" + partition + "/";
      case DAILY -> RawKeys.dayDirectory(topic, Instant.ofEpochMilli(timestampMs).atZone(ZoneOffset.UTC).toLocalDate());
    };
  }

  /**
   * The directory (ending in "/") holding every object the daily job reads for {@code topic} and
   * {@code day}: the day's directory, or in the default layout the whole topic's.
   */
  public String inputDirectory(String topic, LocalDate day) {
    return switch (this) {
      case DEFAULT -> RawKeys.topicDirectory(topic);
      case DAILY -> RawKeys.dayDirectory(topic, day);
    };
  }
}
