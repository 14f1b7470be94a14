package dev.pinpipe.ingest;

import dev.pinpipe.support.TestPipeline;
import dev.pinpipe.support.TopicReader;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static dev.pinpipe.support.TestPipeline.BINARY_V2;
import static dev.pinpipe.support.TestPipeline.JSON_V2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every bad request gets the promised status and error body, and none of its records reach Kafka. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadRequestsIT {

  private static final String TOKEN = "it-secret-token";
  private static final String PREFIX = "bad";
  private static final String PIN = "PIN_TOPIC";
  private static TestPipeline pipeline;

  @BeforeAll
  static void start() {
    pipeline = TestPipeline.start(Map.of("kafka.topic-prefix", PREFIX + "-" + System.nanoTime() % 100000,
        "ingest.tokens", "other-token," + TOKEN));
  }

  @AfterAll
  static void stop() {
    pipeline.close();
  }

  record Bad(String name, String method, String path, String contentType, String body, String authorization) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Bad post(String name, String contentType, String body) {
    return new Bad(name, "POST", "/topics/" + PIN, contentType, body, "Bearer " + TOKEN);
  }

  static Stream<Arguments> badRequests() {
    String okRecord = "{\"value\":{\"a\":1}}";
    return Stream.of(
        arguments(post("empty body", JSON_V2, ""), 400, 400),
        arguments(post("truncated JSON", JSON_V2, "{\"records\":[{\"value\":{\"a\":1}"), 400, 400),
        arguments(post("not JSON at all", JSON_V2, "records=1"), 400, 400),
        arguments(post("content after the object", JSON_V2, "{\"records\":[" + okRecord + "]}{}"), 400, 400),
        arguments(post("deep nesting", JSON_V2, "{\"records\":[{\"value\":" + "[".repeat(500) + "]".repeat(500) + "}]}"), 400, 400),
        arguments(post("raw control character in a string", JSON_V2, "{\"records\":[{\"value\":\"a\u0001b\"}]}"), 400, 400),
        arguments(post("body is an array", JSON_V2, "[" + okRecord + "]"), 422, 42206),
        arguments(post("body is a string", JSON_V2, "\"records\""), 422, 42206),
        arguments(post("records missing", JSON_V2, "{}"), 422, 42206),
        arguments(post("records empty", JSON_V2, "{\"records\":[]}"), 422, 42206),
        arguments(post("records not an array", JSON_V2, "{\"records\":\"x\"}"), 422, 42206),
        arguments(post("records an object", JSON_V2, "{\"records\":" + okRecord + "}"), 422, 42206),
        arguments(post("record is a number", JSON_V2, "{\"records\":[1]}"), 422, 42206),
        arguments(post("record is null", JSON_V2, "{\"records\":[null]}"), 422, 42206),
        arguments(post("null value", JSON_V2, "{\"records\":[{\"value\":null}]}"), 422, 42206),
        arguments(post("missing value", JSON_V2, "{\"records\":[{\"key\":\"k\"}]}"), 422, 42206),
        arguments(post("third record bad, first two good", JSON_V2, "{\"records\":[" + okRecord + "," + okRecord + ",{\"value\":null}]}"), 422, 42206),
        arguments(post("partition is a string", JSON_V2, "{\"records\":[{\"value\":1,\"partition\":\"1\"}]}"), 422, 42206),
        arguments(post("partition is a fraction", JSON_V2, "{\"records\":[{\"value\":1,\"partition\":0.5}]}"), 422, 42206),
        arguments(post("too many records", JSON_V2, "{\"records\":[" + "{\"value\":1},".repeat(10_000) + "{\"value\":1}]}"), 422, 422),
        arguments(post("partition out of range", JSON_V2, "{\"records\":[" + okRecord + ",{\"value\":1,\"partition\":3}]}"), 404, 40402),
        arguments(post("negative partition", JSON_V2, "{\"records\":[{\"value\":1,\"partition\":-1}]}"), 404, 40402),
        arguments(new Bad("path partition out of range", "POST", "/topics/" + PIN + "/partitions/9", JSON_V2,
            "{\"records\":[" + okRecord + "]}", "Bearer " + TOKEN), 404, 40402),
        arguments(new Bad("path partition not a number", "POST", "/topics/" + PIN + "/partitions/one", JSON_V2,
            "{\"records\":[" + okRecord + "]}", "Bearer " + TOKEN), 404, 40402),
        arguments(post("bad base64", BINARY_V2, "{\"records\":[{\"value\":\"@@not-base64@@\"}]}"), 400, 400),
        arguments(post("binary value not a string", BINARY_V2, "{\"records\":[{\"value\":{\"a\":1}}]}"), 422, 42206),
        arguments(post("unsupported content type", "text/plain", "{\"records\":[" + okRecord + "]}"), 415, 415),
        arguments(post("avro is not supported", "application/vnd.kafka.avro.v2+json", "{\"records\":[" + okRecord + "]}"), 415, 415),
        arguments(post("no content type", null, "{\"records\":[" + okRecord + "]}"), 415, 415),
        arguments(post("body over the 10 MiB limit", JSON_V2, "{\"records\":[{\"value\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}]}"), 413, 413),
        arguments(new Bad("topic outside the allow-list", "POST", "/topics/__consumer_offsets", JSON_V2,
            "{\"records\":[" + okRecord + "]}", "Bearer " + TOKEN), 404, 40401),
        arguments(new Bad("another prefix's topic", "POST", "/topics/pinpipe.pin", JSON_V2,
            "{\"records\":[" + okRecord + "]}", "Bearer " + TOKEN), 404, 40401),
        arguments(new Bad("describe an unknown topic", "GET", "/topics/nope", null, null, "Bearer " + TOKEN), 404, 40401),
        arguments(new Bad("wrong method", "PUT", "/topics/" + PIN, JSON_V2, "{\"records\":[" + okRecord + "]}", "Bearer " + TOKEN), 405, 405),
        arguments(new Bad("delete a topic", "DELETE", "/topics/" + PIN, null, null, "Bearer " + TOKEN), 405, 405),
        arguments(new Bad("unknown path", "POST", "/records", JSON_V2, "{\"records\":[" + okRecord + "]}", "Bearer " + TOKEN), 404, 404),
        arguments(new Bad("unknown GET path", "GET", "/nope", null, null, "Bearer " + TOKEN), 404, 404),
        arguments(new Bad("GET below a topic", "GET", "/topics/" + PIN + "/records", null, null, "Bearer " + TOKEN), 404, 404),
        arguments(new Bad("GET a produce-only path", "GET", "/topics/" + PIN + "/partitions/0", null, null, "Bearer " + TOKEN), 405, 405),
        arguments(new Bad("no token", "POST", "/topics/" + PIN, JSON_V2, "{\"records\":[" + okRecord + "]}", null), 401, 40101),
        arguments(new Bad("wrong token", "POST", "/topics/" + PIN, JSON_V2, "{\"records\":[" + okRecord + "]}", "Bearer " + TOKEN + "x"), 401, 40101),
        arguments(new Bad("basic auth instead of bearer", "POST", "/topics/" + PIN, JSON_V2, "{\"records\":[" + okRecord + "]}",
            "Basic aXQtc2VjcmV0LXRva2Vu"), 401, 40101),
        arguments(new Bad("post without a user", "POST", "/posts", "application/json",
            "{\"pin\":{\"index\":1},\"geo\":{\"ind\":1}}", "Bearer " + TOKEN), 422, 42206),
        arguments(new Bad("post whose index is text", "POST", "/posts", "application/json",
            "{\"pin\":{\"index\":\"1\"},\"geo\":{\"ind\":1},\"user\":{\"ind\":1}}", "Bearer " + TOKEN), 422, 42206),
        arguments(new Bad("second post incomplete", "POST", "/posts", "application/json",
            "{\"posts\":[{\"pin\":{\"index\":1},\"geo\":{},\"user\":{}},{\"pin\":{\"index\":2}}]}", "Bearer " + TOKEN), 422, 42206),
        arguments(new Bad("posts as binary", "POST", "/posts", BINARY_V2,
            "{\"pin\":{\"index\":1},\"geo\":{\"ind\":1},\"user\":{\"ind\":1}}", "Bearer " + TOKEN), 415, 415));
  }

  @Order(1)
  @ParameterizedTest(name = "{0} -> {1} {2}")
  @MethodSource("badRequests")
  void isAnsweredWithThePromisedStatusAndErrorBody(Bad bad, int status, int errorCode) {
    String path = bad.path().replace("/topics/" + PIN, "/topics/" + pipeline.topic("pin"));
    HttpRequest.Builder request = HttpRequest.newBuilder(pipeline.uri(path)).timeout(Duration.ofSeconds(60))
        .method(bad.method(), bad.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(bad.body()));
    if (bad.contentType() != null) {
      request.header("Content-Type", bad.contentType());
    }
    if (bad.authorization() != null) {
      request.header("Authorization", bad.authorization());
    }

    HttpResponse<String> response = pipeline.send(request.build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains(Responses.V2_JSON);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("error_code", "message");
    assertThat(body.getInteger("error_code")).isEqualTo(errorCode);
    assertThat(body.getString("message")).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    if (status == 401) {
      assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    }
  }

  @Order(1)
  @Test
  void aChunkedBodyWithoutContentLengthIsCutOffAtTheLimit() {
    byte[] body = ("{\"records\":[{\"value\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(pipeline.uri("/topics/" + pipeline.topic("pin"))).timeout(Duration.ofSeconds(60))
        .header("Content-Type", JSON_V2).header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
        .build();

    HttpResponse<String> response = pipeline.send(request);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(new JsonObject(response.body()).getInteger("error_code")).isEqualTo(413);
  }

  @Order(1)
  @ParameterizedTest(name = "management {0} {1} -> {2}")
  @MethodSource("badManagementRequests")
  void theManagementPortAnswersUnknownPathsAndWrongMethodsWithTheErrorBody(String method, String path, int status) {
    HttpResponse<String> response = pipeline.send(HttpRequest.newBuilder(pipeline.managementUri(path)).timeout(Duration.ofSeconds(60))
        .method(method, HttpRequest.BodyPublishers.noBody()).build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("error_code", "message");
    assertThat(body.getInteger("error_code")).isEqualTo(status);
  }

  static Stream<Arguments> badManagementRequests() {
    return Stream.of(
        arguments("GET", "/nope", 404),
        arguments("GET", "/", 404),
        arguments("GET", "/reports", 404),
        arguments("POST", "/healthz", 405));
  }

  @Order(2)
  @Test
  void noRecordOfAnyBadRequestReachedKafka() {
    assertThat(TopicReader.endOffsetTotal(pipeline.bootstrap(), pipeline.topics())).isZero();
  }

  @Order(3)
  @Test
  void theSameRequestsWithAValidTokenAndBodyAreAccepted() {
    HttpResponse<String> response = pipeline.send(HttpRequest.newBuilder(pipeline.uri("/topics/" + pipeline.topic("pin")))
        .header("Content-Type", JSON_V2).header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString("{\"records\":[{\"value\":{\"a\":1}}]}")).build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(TopicReader.endOffsetTotal(pipeline.bootstrap(), pipeline.topics())).isEqualTo(1);
  }
}
