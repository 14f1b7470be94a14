package dev.pinpipe.cli;

import dev.pinpipe.config.ConfigSource;

/** Command-line options that set configuration keys: flags win over the environment and the file. */
public interface ConfigFlags {

  /** {@code source} with the keys of the flags given on the command line put on top. */
  ConfigSource apply(ConfigSource source);
}
