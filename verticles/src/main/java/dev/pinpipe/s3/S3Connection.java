package dev.pinpipe.s3;

import dev.pinpipe.config.S3Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.util.Optional;

/**
 * Where an S3 client connects and whose credentials it signs with.
 *
 * @param endpoint    an S3-compatible endpoint (MinIO, S3Proxy); empty for AWS S3 itself
 * @param credentials the signing credentials
 * @param loopback    the endpoint runs on this machine (the local harness's S3): requests skip
 *                    the per-request checksums that guard data crossing a network
 */
public record S3Connection(Optional<URI> endpoint, AwsCredentialsProvider credentials, boolean loopback) {

  /** The configured endpoint (or AWS S3) with the AWS default credential chain (env, profile, web identity/IRSA). */
  public static S3Connection configured(S3Settings settings) {
    return new S3Connection(settings.endpoint().map(URI::create), DefaultCredentialsProvider.builder().build(), false);
  }

  /** An S3 endpoint on this machine with its fixed local credentials. */
  public static S3Connection local(URI endpoint, String accessKey, String secretKey) {
    return new S3Connection(Optional.of(endpoint), StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)), true);
  }
}
