package dev.pinpipe.s3;

import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every object under a prefix, page after page (blocking, for summaries, checks and reports;
 * the sink lists its bounded pages asynchronously in {@code S3ObjectStore}).
 */
public final class S3Listing {

  private static final long PAGE_TIMEOUT_SECONDS = 60;

  private S3Listing() {
  }

  /** The objects under {@code prefix} whose keys end with {@code suffix}, in S3's (key) order. */
  public static List<S3Object> objects(S3AsyncClient s3, String bucket, String prefix, String suffix) throws Exception {
    List<S3Object> objects = new ArrayList<>();
    String token = null;
    do {
      String continuation = token;
      ListObjectsV2Response page = s3.listObjectsV2(request -> request.bucket(bucket).prefix(prefix).continuationToken(continuation))
          .get(PAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      page.contents().stream().filter(object -> object.key().endsWith(suffix)).forEach(objects::add);
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    return objects;
  }
}
