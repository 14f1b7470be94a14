package dev.pinpipe.local.cli;

import dev.pinpipe.cli.ConfigFlags;
import dev.pinpipe.config.ConfigSource;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --data-dir}: where the embedded services keep their data. */
final class DataDirOption implements ConfigFlags {

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Where embedded services keep their data (default: ./pinpipe-data).")
  Path dataDir;

  @Override
  public ConfigSource apply(ConfigSource source) {
    return source.with("embedded.data-dir", dataDir);
  }
}
