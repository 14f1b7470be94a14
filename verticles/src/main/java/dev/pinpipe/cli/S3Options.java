package dev.pinpipe.cli;

import dev.pinpipe.config.ConfigSource;
import picocli.CommandLine.Option;

/** Where the raw objects go. */
public final class S3Options implements ConfigFlags {

  @Option(names = "--s3-endpoint", paramLabel = "URL",
      description = "S3-compatible endpoint (MinIO); AWS S3 when absent. Credentials come from the AWS default chain (env, profile, web identity).")
  String endpoint;

  @Option(names = "--s3-region", paramLabel = "REGION", description = "Signing region (default: us-east-1).")
  String region;

  @Option(names = "--s3-path-style", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
      description = "Path-style addressing (default: true for an --s3-endpoint outside amazonaws.com).")
  Boolean pathStyle;

  @Option(names = "--bucket", paramLabel = "NAME", description = "Bucket of the raw objects (default: pinpipe); created when missing.")
  String bucket;

  @Override
  public ConfigSource apply(ConfigSource source) {
    return source
        .with("s3.endpoint", endpoint)
        .with("s3.region", region)
        .with("s3.path-style", pathStyle)
        .with("s3.bucket", bucket);
  }
}
