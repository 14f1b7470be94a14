package dev.pinpipe.cli;

import dev.pinpipe.config.ConfigSource;
import picocli.CommandLine.Option;

/** Which Kafka cluster, and how many partitions the topics get when they are created. */
public final class KafkaOptions implements ConfigFlags {

  @Option(names = "--kafka", paramLabel = "BOOTSTRAP", description = "Kafka bootstrap servers, host:port[,host:port...].")
  String bootstrap;

  @Option(names = "--partitions", paramLabel = "N", description = "Partitions of each topic created at start (default: 3).")
  Integer partitions;

  @Override
  public ConfigSource apply(ConfigSource source) {
    return source
        .with("kafka.bootstrap", bootstrap)
        .with("kafka.partitions", partitions);
  }
}
