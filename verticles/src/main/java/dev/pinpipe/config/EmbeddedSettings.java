package dev.pinpipe.config;

import java.nio.file.Path;

/**
 * Where the embedded services keep their data and which ports they take.
 *
 * @param dataDir   root of everything embedded services write (Kafka logs under {@code kafka/})
 * @param kafkaPort the embedded broker's client port; the controller takes the next one
 */
public record EmbeddedSettings(Path dataDir, int kafkaPort) {

  public static EmbeddedSettings from(ConfigSource source) {
    return new EmbeddedSettings(
        Path.of(source.string("embedded.data-dir", "pinpipe-data")),
        source.integer("embedded.kafka-port", 9092));
  }
}
