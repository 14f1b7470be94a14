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
