package dev.pinpipe.sink;

import io.vertx.core.Context;
import io.vertx.core.Future;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CompletableFuture;

/**
 * {@link ObjectStore} over the AWS SDK's async S3 client. Bodies are sent from the object's own
 * buffer without a copy. Create-only writes use {@code If-None-Match: *} (S3 since 2024, S3Proxy
 * 3+), conditional deletes {@code If-Match} (S3 since 2025, S3Proxy 4+); a store that ignores
 * them loses the fencing described in {@link PartitionSink}, which docs/OPERATIONS.md says.
 */
final class S3ObjectStore implements ObjectStore {

  private static final int PRECONDITION_FAILED = 412;
  /** S3 answers 409 when a conflicting write to the key is in progress: the key is taken. */
  private static final int CONFLICT = 409;

  private final Context context;
  private final S3AsyncClient s3;
  private final String bucket;
  private final long partBytes;
  private final AtomicLong listRequests = new AtomicLong();

  S3ObjectStore(Context context, S3AsyncClient s3, String bucket, long partBytes) {
    this.context = context;
    this.s3 = s3;
    this.bucket = bucket;
    this.partBytes = partBytes;
  }

  @Override
  public Future<Optional<String>> create(String key, byte[] body, int length, Map<String, String> metadata) {
    CompletableFuture<String> write = length <= partBytes
        ? s3.putObject(request -> request.bucket(bucket).key(key).ifNoneMatch("*").metadata(metadata)
            .contentType("application/json").contentLength((long) length), body(body, 0, length)).thenApply(response -> response.eTag())
        : multipart(key, body, length, metadata);
    return bridge(write.handle((ok, error) -> {
      if (error == null) {
        return Optional.of(ok);
      }
      if (isStatus(error, PRECONDITION_FAILED) || isStatus(error, CONFLICT)) {
        return Optional.<String>empty();
      }
      throw propagate(error);
    }));
  }

  private CompletableFuture<String> multipart(String key, byte[] body, int length, Map<String, String> metadata) {
    return s3.createMultipartUpload(request -> request.bucket(bucket).key(key).metadata(metadata).contentType("application/json"))
        .thenCompose(created -> {
          String uploadId = created.uploadId();
          List<CompletableFuture<CompletedPart>> parts = new ArrayList<>();
          for (int start = 0, number = 1; start < length; start += (int) partBytes, number++) {
            int partLength = (int) Math.min(partBytes, length - start);
            int partNumber = number;
            parts.add(s3.uploadPart(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                        .partNumber(partNumber).contentLength((long) partLength),
                    body(body, start, partLength))
                .thenApply(uploaded -> CompletedPart.builder().partNumber(partNumber).eTag(uploaded.eTag()).build()));
          }
          return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
              .thenCompose(all -> s3.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId).ifNoneMatch("*")
                  .multipartUpload(upload -> upload.parts(parts.stream().map(CompletableFuture::join).toList()))))
              .thenApply(completed -> completed.eTag())
              .whenComplete((ok, error) -> {
                if (error != null) {
                  s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
                }
              });
        });
  }

  @Override
  public Future<Void> putMarker(String key) {
    // Create-only: a marker written again would move its LastModified, which the daily job
    // compares with its day's objects to count late records.
    return bridge(s3.putObject(request -> request.bucket(bucket).key(key).ifNoneMatch("*").contentLength(0L), AsyncRequestBody.empty())
        .<Void>handle((response, error) -> {
          if (error == null || isStatus(error, PRECONDITION_FAILED) || isStatus(error, CONFLICT)) {
            return null;
          }
          throw propagate(error);
        }));
  }

  @Override
  public Future<Optional<Head>> head(String key) {
    return bridge(s3.headObject(request -> request.bucket(bucket).key(key))
        .handle((response, error) -> {
          if (error == null) {
            return Optional.of(new Head(response.eTag(), response.metadata()));
          }
          if (isStatus(error, 404) || cause(error) instanceof NoSuchKeyException) {
            return Optional.<Head>empty();
          }
          throw propagate(error);
        }));
  }

  @Override
  public Future<List<Listed>> list(String prefix, String startAfter) {
    return bridge(listFrom(prefix, startAfter, null, new ArrayList<>()));
  }

  private CompletableFuture<List<Listed>> listFrom(String prefix, String startAfter, String token, List<Listed> keys) {
    listRequests.incrementAndGet();
    return s3.listObjectsV2(request -> request.bucket(bucket).prefix(prefix).startAfter(token == null ? startAfter : null)
            .continuationToken(token))
        .thenCompose((ListObjectsV2Response page) -> {
          page.contents().forEach(object -> keys.add(new Listed(object.key(), object.eTag())));
          return Boolean.TRUE.equals(page.isTruncated())
              ? listFrom(prefix, startAfter, page.nextContinuationToken(), keys)
              : CompletableFuture.completedFuture(keys);
        });
  }

  @Override
  public Future<Boolean> deleteIfMatch(String key, String etag) {
    return bridge(s3.deleteObject(request -> request.bucket(bucket).key(key).ifMatch(etag))
        .handle((response, error) -> {
          if (error == null) {
            return true;
          }
          if (isStatus(error, PRECONDITION_FAILED) || isStatus(error, 404)) {
            return false;
          }
          throw propagate(error);
        }));
  }

  @Override
  public long listRequests() {
    return listRequests.get();
  }

  private static CompletionException propagate(Throwable error) {
    return error instanceof CompletionException completion ? completion : new CompletionException(error);
  }

  private static boolean isStatus(Throwable error, int status) {
    return cause(error) instanceof S3Exception s3Error && s3Error.statusCode() == status;
  }

  private static Throwable cause(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static AsyncRequestBody body(byte[] bytes, int start, int length) {
    return AsyncRequestBody.fromRemainingByteBufferUnsafe(ByteBuffer.wrap(bytes, start, length));
  }

  private <T> Future<T> bridge(CompletableFuture<T> future) {
    return Future.fromCompletionStage(future, context);
  }
}
