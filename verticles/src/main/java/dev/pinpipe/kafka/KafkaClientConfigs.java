package dev.pinpipe.kafka;

import dev.pinpipe.config.KafkaSettings;

import java.util.HashMap;
import java.util.Map;

/** Kafka client configurations derived from {@link KafkaSettings}, in one place. */
public final class KafkaClientConfigs {

  private KafkaClientConfigs() {
  }

  /**
   * The ingestion producer: idempotent, {@code acks=all}. A produce request is answered within
   * {@code timeoutMs}: half of it may go to waiting for metadata or buffer space, half to delivery.
   */
  public static Map<String, String> producer(String bootstrap, KafkaSettings settings) {
    long half = settings.timeoutMs() / 2;
    Map<String, String> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrap);
    config.put("client.id", "pinpipe-fanout");
    config.put("acks", "all");
    config.put("enable.idempotence", "true");
    config.put("max.in.flight.requests.per.connection", "5");
    config.put("linger.ms", String.valueOf(settings.lingerMs()));
    config.put("batch.size", String.valueOf(settings.batchBytes()));
    config.put("compression.type", settings.compression());
    config.put("buffer.memory", String.valueOf(Math.max(64L * 1024 * 1024, 2 * settings.maxInFlightBytes())));
    config.put("max.request.size", String.valueOf(16 * 1024 * 1024));
    config.put("max.block.ms", String.valueOf(half));
    config.put("delivery.timeout.ms", String.valueOf(half));
    config.put("request.timeout.ms", String.valueOf(Math.max(1, half - settings.lingerMs())));
    config.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
    config.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
    return config;
  }

  /**
   * The S3 sink's consumer: offsets are committed by the sink only after the objects holding
   * the records are written, so auto-commit is off; a new group starts at the earliest record.
   */
  public static Map<String, Object> sinkConsumer(String bootstrap, KafkaSettings settings, String groupId) {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrap);
    config.put("client.id", "pinpipe-s3-sink");
    config.put("group.id", groupId);
    config.put("enable.auto.commit", "false");
    config.put("auto.offset.reset", "earliest");
    config.put("max.poll.records", "2000");
    // Incremental rebalances: a member joining or leaving moves only the partitions that change owner.
    config.put("partition.assignment.strategy", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
    config.put("request.timeout.ms", String.valueOf(settings.timeoutMs() / 2));
    config.put("default.api.timeout.ms", String.valueOf(settings.timeoutMs()));
    return config;
  }

  /** Sends the sink's poison records to their dead-letter topics: idempotent, {@code acks=all}. */
  public static Map<String, String> deadLetterProducer(String bootstrap, KafkaSettings settings) {
    Map<String, String> config = producer(bootstrap, settings);
    config.put("client.id", "pinpipe-s3-sink-dlq");
    return config;
  }

  /** Admin client for topic metadata and readiness; calls give up after half the request bound. */
  public static Map<String, String> admin(String bootstrap, KafkaSettings settings, String clientId) {
    String half = String.valueOf(settings.timeoutMs() / 2);
    Map<String, String> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrap);
    config.put("client.id", clientId);
    config.put("default.api.timeout.ms", half);
    config.put("request.timeout.ms", half);
    return config;
  }
}
