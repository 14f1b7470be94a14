package dev.pinpipe.s3;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class S3ListingTest {

  @Test
  void followsContinuationTokensAndKeepsTheKeysWithTheSuffix() throws Exception {
    List<ListObjectsV2Request> requests = new ArrayList<>();
    S3AsyncClient s3 = new S3AsyncClient() {
      @Override
      public CompletableFuture<ListObjectsV2Response> listObjectsV2(ListObjectsV2Request request) {
        requests.add(request);
        ListObjectsV2Response.Builder page = ListObjectsV2Response.builder();
        if (request.continuationToken() == null) {
          page.contents(object("p/a.json"), object("p/a.tmp")).isTruncated(true).nextContinuationToken("next");
        } else {
          page.contents(object("p/b.json")).isTruncated(false);
        }
        return CompletableFuture.completedFuture(page.build());
      }

      @Override
      public String serviceName() {
        return "s3";
      }

      @Override
      public void close() {
      }
    };

    assertThat(S3Listing.objects(s3, "bucket", "p/", ".json")).extracting(S3Object::key).containsExactly("p/a.json", "p/b.json");
    assertThat(requests).extracting(ListObjectsV2Request::continuationToken).containsExactly(null, "next");
    assertThat(requests).allMatch(request -> request.bucket().equals("bucket") && request.prefix().equals("p/"));
  }

  private static S3Object object(String key) {
    return S3Object.builder().key(key).build();
  }
}
