package dev.pinpipe.local.runtime;

import dev.pinpipe.support.TestPipeline;

import dev.pinpipe.embedded.EmbeddedS3;
import dev.pinpipe.s3.S3Clients;

import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.S3Settings;
import dev.pinpipe.support.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedS3IT {

  @TempDir
  Path dir;

  private final S3Settings settings = S3Settings.from(ConfigSource.of(Map.of()));

  @Test
  void objectsWrittenWithTheAsyncClientAreListedAndReadBackAndSurviveARestart() throws Exception {
    int port = Ports.free();
    String key = "topics/pinpipe.pin/partition=0/pinpipe.pin+0+0000000000.json";
    String body = "{\"index\":1,\"title\":\"é 📌\"}\n{\"index\":2}\n";

    try (EmbeddedS3 s3 = EmbeddedS3.start(dir, port); S3AsyncClient client = TestPipeline.client(s3)) {
      S3Clients.ensureBucket(client, settings.bucket());
      S3Clients.ensureBucket(client, settings.bucket());
      client.putObject(request -> request.bucket(settings.bucket()).key(key), AsyncRequestBody.fromString(body)).get();
    }

    try (EmbeddedS3 s3 = EmbeddedS3.start(dir, port); S3AsyncClient client = TestPipeline.client(s3)) {
      assertThat(client.listObjectsV2(request -> request.bucket(settings.bucket()).prefix("topics/pinpipe.pin/")).get().contents())
          .extracting(S3Object::key).containsExactly(key);
      byte[] read = client.getObject(request -> request.bucket(settings.bucket()).key(key), AsyncResponseTransformer.toBytes()).get().asByteArray();
      assertThat(new String(read, StandardCharsets.UTF_8)).isEqualTo(body);
    }
  }

  @Test
  void wrongCredentialsAreRefused() throws Exception {
    try (EmbeddedS3 s3 = EmbeddedS3.start(dir, Ports.free());
         S3AsyncClient intruder = S3AsyncClient.builder()
             .region(software.amazon.awssdk.regions.Region.US_EAST_1).forcePathStyle(true).endpointOverride(s3.endpoint())
             .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                 software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("pinpipe", "wrong")))
             .build()) {
      assertThatThrownBy(() -> S3Clients.ensureBucket(intruder, "pinpipe")).hasMessageContaining("cannot reach bucket");
    }
  }

  @Test
  void aTakenPortIsAClearError() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
      assertThatThrownBy(() -> EmbeddedS3.start(dir, taken.getLocalPort()))
          .hasMessageContaining("--s3-port");
    }
  }
}
