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

  /** The keys {@link #from} reads: section {@code kafka}. */
  public static final ConfigKeys KEYS = ConfigKeys.readBy(KafkaSettings::from);

  public static KafkaSettings from(ConfigSource source) {
    return new KafkaSettings(
        source.optional("kafka.bootstrap"),
        source.string("kafka.topic-prefix", Topics.DEFAULT_PREFIX),
        source.integer("kafka.partitions", 3, 1, Integer.MAX_VALUE),
        source.bool("kafka.create-topics", true),
        source.integer("kafka.linger-ms", 2, 0, Integer.MAX_VALUE),
        source.integer("kafka.batch-bytes", 256 * 1024, 0, Integer.MAX_VALUE),
        source.string("kafka.compression", "lz4"),
        // Half of it becomes the producer's delivery.timeout.ms, an int of milliseconds.
        source.number("kafka.timeout-ms", 30_000, 1000, Integer.MAX_VALUE),
        // Twice it becomes the producer's buffer.memory.
        source.number("kafka.max-in-flight-bytes", 32L * 1024 * 1024, 1, Long.MAX_VALUE / 2));
  }

  /** The pipeline's topics, {@code <prefix>.pin|geo|user}. */
  public Topics topics() {
    return new Topics(topicPrefix);
  }
}
