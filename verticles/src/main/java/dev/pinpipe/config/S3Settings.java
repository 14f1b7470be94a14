package dev.pinpipe.config;

import java.util.Optional;

/**
 * Object storage settings.
 *
 * @param endpoint  an S3-compatible endpoint (MinIO, S3Proxy); empty for AWS S3 itself
 * @param bucket    bucket of the raw objects ({@code topics/...}) and the job's outputs
 * @param region    signing region
 * @param pathStyle path-style addressing ({@code endpoint/bucket/key}), as MinIO and S3Proxy need
 */
public record S3Settings(Optional<String> endpoint, String bucket, String region, boolean pathStyle) {

  /** The keys {@link #from} reads: section {@code s3}. */
  public static final ConfigKeys KEYS = ConfigKeys.readBy(S3Settings::from);

  public static S3Settings from(ConfigSource source) {
    Optional<String> endpoint = source.optional("s3.endpoint");
    return new S3Settings(
        endpoint,
        source.string("s3.bucket", "pinpipe"),
        source.string("s3.region", "us-east-1"),
        // S3-compatible endpoints (MinIO, S3Proxy) rarely have virtual-host DNS; AWS itself defaults to virtual-host style.
        source.bool("s3.path-style", endpoint.isPresent() && !endpoint.get().contains("amazonaws.com")));
  }
}
