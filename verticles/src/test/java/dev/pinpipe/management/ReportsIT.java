package dev.pinpipe.management;

import dev.pinpipe.runtime.Role;
import dev.pinpipe.support.SharedKafka;
import dev.pinpipe.support.TestPipeline;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /reports} on the management port of a process with the sink: the newest daily HTML report in S3. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportsIT {

  private static TestPipeline pipeline;

  @BeforeAll
  static void start() {
    pipeline = TestPipeline.startWith(TestPipeline.settings(Map.of("kafka.bootstrap", SharedKafka.bootstrap())),
        EnumSet.of(Role.INGEST, Role.FANOUT, Role.SINK));
  }

  @AfterAll
  static void stop() {
    pipeline.close();
  }

  @Test
  @Order(1)
  void beforeAnyBatchItIs404SayingWhatWritesOne() {
    HttpResponse<String> response = pipeline.get(pipeline.managementUri("/reports"));

    assertThat(response.statusCode()).isEqualTo(404);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getInteger("error_code")).isEqualTo(40403);
    assertThat(body.getString("message")).contains("no HTML report under s3://").contains("./pinpipe batch");
  }

  @Test
  @Order(2)
  void itServesTheNewestDaysPage() {
    String bucket = pipeline.runtime().config().s3().bucket();
    try (S3AsyncClient client = pipeline.s3Client()) {
      for (String day : new String[] {"2026-11-30", "2026-12-01", "2026-11-29"}) {
        client.putObject(put -> put.bucket(bucket).key("reports/html/dt=" + day + "/index.html").contentType("text/html; charset=utf-8"),
            AsyncRequestBody.fromString("<html><body>reports of " + day + "</body></html>")).join();
      }
    }

    HttpResponse<String> response = pipeline.get(pipeline.managementUri("/reports"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(response.body()).isEqualTo("<html><body>reports of 2026-12-01</body></html>");
  }
}
