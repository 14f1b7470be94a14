package dev.pinpipe.s3;

import dev.pinpipe.config.S3Settings;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Builds the async S3 client of a {@link S3Connection}. */
public final class S3Clients {

  private S3Clients() {
  }

  /** A client of the configured endpoint (or AWS S3) with the AWS default credential chain. */
  public static S3AsyncClient create(S3Settings settings) {
    return create(settings, S3Connection.configured(settings));
  }

  public static S3AsyncClient create(S3Settings settings, S3Connection connection) {
    var builder = S3AsyncClient.builder()
        .region(Region.of(settings.region()))
        .credentialsProvider(connection.credentials())
        .forcePathStyle(settings.pathStyle())
        .httpClientBuilder(NettyNioAsyncHttpClient.builder()
            .maxConcurrency(64)
            .connectionTimeout(Duration.ofSeconds(10)));
    // Bounded calls: an upload of a partition being revoked ends (or fails) within the sink's
    // rebalance wait, so the next owner never starts while it is still in flight.
    builder.overrideConfiguration(override -> override
        .apiCallAttemptTimeout(Duration.ofSeconds(15))
        .apiCallTimeout(Duration.ofSeconds(40)));
    connection.endpoint().ifPresent(builder::endpointOverride);
    if (connection.loopback()) {
      // Loopback to our own process: skip the per-request CRC32 (and its aws-chunked re-encoding of
      // every body). Real S3 keeps the SDK's default, a checksum on every upload.
      builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    return builder.build();
  }

  /** Creates the bucket unless it exists (start-up only, blocking). */
  public static void ensureBucket(S3AsyncClient s3, String bucket) {
    try {
      s3.headBucket(request -> request.bucket(bucket)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = rootCause(e);
      if (!(cause instanceof NoSuchBucketException || cause instanceof S3Exception s3Error && s3Error.statusCode() == 404)) {
        throw new IllegalStateException("cannot reach bucket " + bucket + " at the S3 endpoint: " + cause.getMessage()
            + "; check --s3-endpoint and the AWS credentials", cause);
      }
      try {
        s3.createBucket(request -> request.bucket(bucket)).get(30, TimeUnit.SECONDS);
      } catch (Exception create) {
        if (!(rootCause(create) instanceof BucketAlreadyOwnedByYouException)) {
          throw new IllegalStateException("cannot create bucket " + bucket + ": " + rootCause(create).getMessage(), rootCause(create));
        }
      }
    }
  }

  /** The SDK's exception inside the future's wrappers. */
  private static Throwable rootCause(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
