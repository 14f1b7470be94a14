package dev.pinpipe.local.cli;

import dev.pinpipe.cli.ConfigFlags;
import dev.pinpipe.config.ConfigSource;
import picocli.CommandLine.Option;

/** {@code --mysql-port}: the embedded MariaDB's port. */
final class MySqlPortOption implements ConfigFlags {

  @Option(names = "--mysql-port", paramLabel = "PORT", description = "Port of the embedded MariaDB, started unless --mysql is given (default: 3306).")
  Integer port;

  @Override
  public ConfigSource apply(ConfigSource source) {
    return source.with("embedded.mysql-port", port);
  }
}
