package dev.pinpipe.contracts;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Kafka topics of one deployment (DESIGN.md, "Kafka"): {@code <prefix>.pin}, {@code <prefix>.geo}
 * and {@code <prefix>.user}, each with a dead-letter topic {@code <topic>.dlq}.
 *
 * @param prefix the configured topic prefix
 */
public record Topics(String prefix) {

  public static final String DEFAULT_PREFIX = "pinpipe";
  public static final String DEAD_LETTER_SUFFIX = ".dlq";

  public Topics {
    Objects.requireNonNull(prefix, "prefix");
  }

  /** The topic of {@code kind}'s records. */
  public String topic(RecordKind kind) {
    return prefix + "." + kind.id();
  }

  /** The three topics, in {@link RecordKind} order. */
  public List<String> all() {
    return Arrays.stream(RecordKind.values()).map(this::topic).toList();
  }

  /**
   * The regular expression of the topics ingestion accepts and the sink copies unless configured
   * otherwise: exactly the three topics, {@code ^<prefix>\.(pin|geo|user)$} with the prefix quoted.
   */
  public String allowList() {
    return "^" + Pattern.quote(prefix) + "\\.("
        + Arrays.stream(RecordKind.values()).map(RecordKind::id).collect(Collectors.joining("|")) + ")$";
  }

  /** Where the S3 sink sends the records of {@code topic} it cannot write. */
  public static String deadLetterTopic(String topic) {
    return topic + DEAD_LETTER_SUFFIX;
  }
}
