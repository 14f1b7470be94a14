package dev.pinpipe.sink;

import io.vertx.core.Context;
import io.vertx.core.Future;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The S3 calls the sink makes, as Vert.x futures completed on the sink's context. Bodies are
 * sent from the object's own buffer without a copy: the caller keeps it untouched until the
 * future completes.
 */
final class ObjectStore {

  private static final int DELETE_BATCH = 1000;

  private final Context context;
  private final S3AsyncClient s3;
  private final String bucket;
  private final long partBytes;

  ObjectStore(Context context, S3AsyncClient s3, String bucket, long partBytes) {
    this.context = context;
    this.s3 = s3;
    this.bucket = bucket;
    this.partBytes = partBytes;
  }

  String bucket() {
    return bucket;
  }

  /** Writes {@code body[0, length)} as one object: a single PUT, or a multipart upload when larger than a part. */
  Future<Void> put(String key, byte[] body, int length) {
    if (length <= partBytes) {
      return bridge(s3.putObject(request -> request.bucket(bucket).key(key).contentType("application/json").contentLength((long) length),
          body(body, 0, length)).thenApply(response -> null));
    }
    return bridge(multipart(key, body, length));
  }

  private CompletableFuture<Void> multipart(String key, byte[] body, int length) {
    return s3.createMultipartUpload(request -> request.bucket(bucket).key(key).contentType("application/json"))
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
              .thenCompose(all -> s3.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                  .multipartUpload(upload -> upload.parts(parts.stream().map(CompletableFuture::join).toList()))))
              .<Void>thenApply(completed -> null)
              .whenComplete((ok, error) -> {
                if (error != null) {
                  s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
                }
              });
        });
  }

  Future<Void> putEmpty(String key) {
    return bridge(s3.putObject(request -> request.bucket(bucket).key(key).contentLength(0L), AsyncRequestBody.empty())
        .thenApply(response -> null));
  }

  /** Every key under {@code prefix}, page by page. */
  Future<List<String>> list(String prefix) {
    return bridge(listFrom(prefix, null, new ArrayList<>()));
  }

  private CompletableFuture<List<String>> listFrom(String prefix, String token, List<String> keys) {
    return s3.listObjectsV2(request -> request.bucket(bucket).prefix(prefix).continuationToken(token))
        .thenCompose((ListObjectsV2Response page) -> {
          page.contents().stream().map(S3Object::key).forEach(keys::add);
          return Boolean.TRUE.equals(page.isTruncated())
              ? listFrom(prefix, page.nextContinuationToken(), keys)
              : CompletableFuture.completedFuture(keys);
        });
  }

  Future<Void> delete(List<String> keys) {
    CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
    for (int start = 0; start < keys.size(); start += DELETE_BATCH) {
      List<ObjectIdentifier> batch = keys.subList(start, Math.min(keys.size(), start + DELETE_BATCH)).stream()
          .map(key -> ObjectIdentifier.builder().key(key).build())
          .toList();
      all = all.thenCompose(previous -> s3.deleteObjects(request -> request.bucket(bucket).delete(delete -> delete.objects(batch).quiet(true))))
          .thenApply(response -> {
            if (!response.errors().isEmpty()) {
              throw new IllegalStateException("S3 did not delete " + response.errors().size() + " objects, first "
                  + response.errors().get(0).key() + ": " + response.errors().get(0).message());
            }
            return null;
          });
    }
    return bridge(all);
  }

  private static AsyncRequestBody body(byte[] bytes, int start, int length) {
    return AsyncRequestBody.fromRemainingByteBufferUnsafe(ByteBuffer.wrap(bytes, start, length));
  }

  private <T> Future<T> bridge(CompletableFuture<T> future) {
    return Future.fromCompletionStage(future, context);
  }
}
