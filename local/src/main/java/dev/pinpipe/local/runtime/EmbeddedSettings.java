package dev.pinpipe.local.runtime;

import dev.pinpipe.config.ConfigKeys;
import dev.pinpipe.config.ConfigSource;

import java.nio.file.Path;

/**
 * Where the embedded services keep their data and which ports they take.
 *
 * @param dataDir   root of everything embedded services write (Kafka logs under {@code kafka/}), absolute
 *                  and normalized: {@code ./pinpipe-data}, {@code pinpipe-data/.} and its absolute path
 *                  are one directory (S3Proxy answers 400 to every request when its root has a
 *                  {@code .} segment)
 * @param kafkaPort the embedded broker's client port; the controller takes the next one
 * @param s3Port    the embedded S3 endpoint's port
 * @param mysqlPort the embedded MariaDB's port
 */
public record EmbeddedSettings(Path dataDir, int kafkaPort, int s3Port, int mysqlPort) {

  public EmbeddedSettings {
    dataDir = dataDir.toAbsolutePath().normalize();
  }

  /** The keys {@link #from} reads: section {@code embedded}. */
  public static final ConfigKeys KEYS = ConfigKeys.readBy(EmbeddedSettings::from);

  public static EmbeddedSettings from(ConfigSource source) {
    return new EmbeddedSettings(
        Path.of(source.string("embedded.data-dir", "pinpipe-data")),
        source.integer("embedded.kafka-port", 9092, 1, 65_534),
        source.integer("embedded.s3-port", 9000, 1, 65_535),
        source.integer("embedded.mysql-port", 3306, 1, 65_535));
  }
}
