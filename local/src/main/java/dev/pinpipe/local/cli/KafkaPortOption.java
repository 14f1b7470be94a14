package dev.pinpipe.local.cli;

import dev.pinpipe.cli.ConfigFlags;
import dev.pinpipe.config.ConfigSource;
import picocli.CommandLine.Option;

/** {@code --kafka-port}: the embedded broker's port. */
final class KafkaPortOption implements ConfigFlags {

  @Option(names = "--kafka-port", paramLabel = "PORT", description = "Port of the embedded Kafka broker (default: 9092; the controller takes the next port).")
  Integer port;

  @Override
  public ConfigSource apply(ConfigSource source) {
    return source.with("embedded.kafka-port", port);
  }
}
