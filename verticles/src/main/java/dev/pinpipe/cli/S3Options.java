package dev.pinpipe.cli;

import dev.pinpipe.config.ConfigSource;
import picocli.CommandLine.Option;

/** Where the raw objects go. Without --s3-endpoint an embedded S3 starts under --data-dir. */
final class S3Options {

  @Option(names = "--s3-endpoint", paramLabel = "URL",
      description = "External S3 endpoint (AWS, MinIO); credentials come from the AWS default chain (env, profile, web identity). Without it an embedded S3 starts.")
  String endpoint;

  @Option(names = "--s3-port", paramLabel = "PORT", description = "Port of the embedded S3 (default: 9000).")
  Integer port;

  @Option(names = "--s3-region", paramLabel = "REGION", description = "Signing region (default: us-east-1).")
  String region;

  @Option(names = "--s3-path-style", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
      description = "Path-style addressing (default: true except for amazonaws.com endpoints).")
  Boolean pathStyle;

  @Option(names = "--bucket", paramLabel = "NAME", description = "Bucket of the raw objects (default: pinpipe); created when missing.")
  String bucket;

  ConfigSource apply(ConfigSource source) {
    return source
        .with("s3.endpoint", endpoint)
        .with("embedded.s3-port", port)
        .with("s3.region", region)
        .with("s3.path-style", pathStyle)
        .with("s3.bucket", bucket);
  }
}
