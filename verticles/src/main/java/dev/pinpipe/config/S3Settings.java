package dev.pinpipe.config;

import java.util.Optional;

/**
 * Object storage settings.
 *
 * @param endpoint  external S3 endpoint (AWS, MinIO); empty means "start the embedded S3Proxy"
 * @param bucket    bucket of the raw objects ({@code topics/...}) and the job's outputs
 * @param region    signing region
 * @param pathStyle path-style addressing ({@code endpoint/bucket/key}), as MinIO and S3Proxy need
 */
public record S3Settings(Optional<String> endpoint, String bucket, String region, boolean pathStyle) {

  public static S3Settings from(ConfigSource source) {
    Optional<String> endpoint = source.optional("s3.endpoint");
    return new S3Settings(
        endpoint,
        source.string("s3.bucket", "pinpipe"),
        source.string("s3.region", "us-east-1"),
        // Embedded S3Proxy has no virtual-host DNS; for AWS itself virtual-host style is the default.
        source.bool("s3.path-style", endpoint.isEmpty() || !endpoint.get().contains("amazonaws.com")));
  }
}
