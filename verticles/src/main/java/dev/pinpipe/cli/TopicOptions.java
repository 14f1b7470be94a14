package dev.pinpipe.cli;

import dev.pinpipe.config.ConfigSource;
import picocli.CommandLine.Option;

/** Which topics: the records of one pipeline are under one prefix. */
public final class TopicOptions implements ConfigFlags {

  @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "Topics are PREFIX.pin, PREFIX.geo, PREFIX.user (default: pinpipe).")
  String topicPrefix;

  @Override
  public ConfigSource apply(ConfigSource source) {
    return source.with("kafka.topic-prefix", topicPrefix);
  }
}
