package dev.pinpipe.cli;

import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.PinpipeConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Optional;

/** Options every command that touches Kafka takes. Flags win over the environment, which wins over the file. */
final class CommonOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON config file (sections kafka, ingest, embedded).")
  Path configFile;

  @Option(names = "--kafka", paramLabel = "BOOTSTRAP", description = "External Kafka bootstrap servers; without it an embedded broker starts.")
  String kafka;

  @Option(names = "--kafka-port", paramLabel = "PORT", description = "Port of the embedded Kafka broker (default: 9092; the controller takes the next port).")
  Integer kafkaPort;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Where embedded services keep their data (default: ./pinpipe-data).")
  Path dataDir;

  @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "Topics are PREFIX.pin, PREFIX.geo, PREFIX.user (default: pinpipe).")
  String topicPrefix;

  @Option(names = "--partitions", paramLabel = "N", description = "Partitions of each topic created at start (default: 3).")
  Integer partitions;

  ConfigSource source() {
    return ConfigSource.load(Optional.ofNullable(configFile), System.getenv())
        .with("kafka.bootstrap", kafka)
        .with("embedded.kafka-port", kafkaPort)
        .with("embedded.data-dir", dataDir)
        .with("kafka.topic-prefix", topicPrefix)
        .with("kafka.partitions", partitions);
  }

  PinpipeConfig config(ConfigSource source) {
    return PinpipeConfig.from(source);
  }

  /** This process's command line as typed, e.g. {@code pinpipe serve --data-dir d}: it names the owner of a data directory. */
  String invocation() {
    return "pinpipe " + String.join(" ", command.commandLine().getParseResult().originalArgs());
  }
}
