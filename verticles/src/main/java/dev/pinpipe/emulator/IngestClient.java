package dev.pinpipe.emulator;

import java.util.Arrays;

import dev.pinpipe.contracts.RecordKind;

import dev.pinpipe.posts.Post;
import dev.pinpipe.util.Backoff;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Supplier;

/**
 * Sends posts to the ingestion API and retries what may be retried: 429 and 503 (honouring
 * {@code Retry-After}) and connection failures, with exponential back-off and jitter. A request
 * that still fails after the last attempt, or gets another error, fails its future with why.
 */
final class IngestClient {

  private static final Logger LOG = LoggerFactory.getLogger(IngestClient.class);
  static final String JSON_V2 = "application/vnd.kafka.json.v2+json";
  private static final Backoff BACKOFF = new Backoff(100, 5_000);

  private final Vertx vertx;
  private final WebClient client;
  private final EmulatorSettings settings;
  private final EmulatorStats stats;

  IngestClient(Vertx vertx, WebClient client, EmulatorSettings settings, EmulatorStats stats) {
    this.vertx = vertx;
    this.client = client;
    this.settings = settings;
    this.stats = stats;
  }

  /** One record to one topic, as the original client did. */
  Future<Void> sendRecord(String topic, JsonObject value) {
    Buffer body = utf8(new JsonObject().put("records", new JsonArray().add(new JsonObject().put("value", value))));
    return send(() -> request("/topics/" + topic).putHeader("Content-Type", JSON_V2).sendBuffer(body), 1)
        .onSuccess(ok -> stats.acknowledged(topic, 1));
  }

  /** Posts in one {@code POST /posts} request; all three records of each are acknowledged on success. */
  Future<Void> sendPosts(List<Post> posts) {
    JsonArray array = new JsonArray();
    posts.forEach(post -> array.add(new JsonObject()
        .put("pin", post.pin().toJson()).put("geo", post.geo().toJson()).put("user", post.user().toJson())));
    Buffer body = utf8(new JsonObject().put("posts", array));
    return send(() -> request("/posts").putHeader("Content-Type", "application/json").sendBuffer(body), 1)
        .onSuccess(ok -> Arrays.stream(RecordKind.values()).forEach(kind -> stats.acknowledged(settings.topic(kind), posts.size())));
  }

  /**
   * The JSON text as UTF-8. ({@code JsonObject.toBuffer()} writes characters outside the basic
   * plane, emoji, as {@code \uD83D\uDCCC} escapes; the original client sent them raw.)
   */
  private static Buffer utf8(JsonObject json) {
    return Buffer.buffer(json.encode());
  }

  private HttpRequest<Buffer> request(String path) {
    HttpRequest<Buffer> request = client.postAbs(settings.ingestUrl().resolve(path).toString());
    settings.token().ifPresent(token -> request.putHeader("Authorization", "Bearer " + token));
    return request;
  }

  private Future<Void> send(Supplier<Future<HttpResponse<Buffer>>> request, int attempt) {
    return request.get().transform(answer -> {
      if (answer.succeeded() && answer.result().statusCode() == 200) {
        return Future.succeededFuture();
      }
      String why = answer.failed() ? answer.cause().toString()
          : answer.result().statusCode() + " " + answer.result().bodyAsString();
      boolean retriable = answer.failed() || answer.result().statusCode() == 429 || answer.result().statusCode() == 503;
      if (!retriable || attempt >= settings.maxAttempts()) {
        return Future.failedFuture(new IllegalStateException((retriable ? "gave up after " + attempt + " attempts: " : "refused: ") + why));
      }
      stats.retried();
      long delay = delayMs(attempt, answer.succeeded() ? answer.result().getHeader("Retry-After") : null);
      LOG.atDebug().addKeyValue("attempt", attempt).addKeyValue("retryInMs", delay).addKeyValue("answer", why).log("ingest busy; retrying");
      return vertx.timer(delay).compose(elapsed -> send(request, attempt + 1));
    });
  }

  /** Exponential with jitter; at least what {@code Retry-After} asks. */
  private static long delayMs(int attempt, String retryAfter) {
    long delay = BACKOFF.delayMs(attempt);
    if (retryAfter != null) {
      try {
        delay = Math.max(delay, Math.min(BACKOFF.maxMs(), Long.parseLong(retryAfter.trim()) * 1000));
      } catch (NumberFormatException ignored) {
        // An HTTP date instead of seconds: the back-off alone will do.
      }
    }
    return Math.max(1, delay);
  }
}
