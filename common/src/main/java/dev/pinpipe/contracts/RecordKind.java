package dev.pinpipe.contracts;

import java.util.Locale;

/** The three records of a post (DESIGN.md, "Records"): one Kafka topic, one raw S3 folder and one Delta table each. */
public enum RecordKind {
  PIN, GEO, USER;

  /** {@code pin}, {@code geo} or {@code user}: the topic's suffix and the table's name. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
