package dev.pinpipe.config;

import dev.pinpipe.contracts.Topics;

import java.util.Optional;

/**
 * Kafka connection and producer settings.
 *
 * @param bootstrap        external bootstrap servers; empty means "start an embedded broker"
 * @param topicPrefix      topics are {@code <prefix>.pin|geo|user}
 * @param partitions       partitions of each topic created at start
 * @param createTopics     create the three topics at start when they are missing
 * @param lingerMs         producer {@code linger.ms}
 * @param batchBytes       producer {@code batch.size}
 * @param compression      producer {@code compression.type}
 * @param timeoutMs        the most a produce request waits for Kafka before answering 503
 * @param maxInFlightBytes record bytes the process may have on their way to Kafka; more is 429
 */
public record KafkaSettings(
    Optional<String> bootstrap,
    String topicPrefix,
    int partitions,
    boolean createTopics,
    int lingerMs,
    int batchBytes,
    String compression,
    long timeoutMs,
    long maxInFlightBytes) {

  public static KafkaSettings from(ConfigSource source) {
    KafkaSettings settings = new KafkaSettings(
        source.optional("kafka.bootstrap"),
        source.string("kafka.topic-prefix", Topics.DEFAULT_PREFIX),
        source.integer("kafka.partitions", 3),
        source.bool("kafka.create-topics", true),
        source.integer("kafka.linger-ms", 2),
        source.integer("kafka.batch-bytes", 256 * 1024),
        source.string("kafka.compression", "lz4"),
        source.number("kafka.timeout-ms", 30_000),
        source.number("kafka.max-in-flight-bytes", 32L * 1024 * 1024));
    if (settings.partitions < 1) {
      throw new IllegalArgumentException("config kafka.partitions must be at least 1");
    }
    if (settings.timeoutMs < 1000) {
      throw new IllegalArgumentException("config kafka.timeout-ms must be at least 1000");
    }
    return settings;
  }

  /** The pipeline's topics, {@code <prefix>.pin|geo|user}. */
  public Topics topics() {
    return new Topics(topicPrefix);
  }
}
