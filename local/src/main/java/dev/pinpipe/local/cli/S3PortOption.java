package dev.pinpipe.local.cli;

import dev.pinpipe.cli.ConfigFlags;
import dev.pinpipe.config.ConfigSource;
import picocli.CommandLine.Option;

/** {@code --s3-port}: the embedded S3's port. */
final class S3PortOption implements ConfigFlags {

  @Option(names = "--s3-port", paramLabel = "PORT", description = "Port of the embedded S3, started unless --s3-endpoint is given (default: 9000).")
  Integer port;

  @Override
  public ConfigSource apply(ConfigSource source) {
    return source.with("embedded.s3-port", port);
  }
}
