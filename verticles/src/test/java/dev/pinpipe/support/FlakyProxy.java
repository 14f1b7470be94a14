package dev.pinpipe.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP hop in front of the real ingestion API that answers 503 {@code 50302} (nothing
 * written, retry) while it is "down", and passes requests through otherwise: a stand-in for an
 * overloaded or restarting ingestion tier.
 */
public final class FlakyProxy implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final HttpClient client;
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicInteger refused = new AtomicInteger();
  private final int port;

  public FlakyProxy(URI target) {
    this.client = vertx.createHttpClient();
    this.port = Ports.free();
    this.server = vertx.createHttpServer().requestHandler(request -> {
      if (down.get()) {
        refused.incrementAndGet();
        request.response().setStatusCode(503).putHeader("Retry-After", "0").putHeader("Content-Type", "application/json")
            .end("{\"error_code\":50302,\"message\":\"Kafka is unavailable; retry\"}");
        return;
      }
      request.body().compose(body -> client.request(new RequestOptions().setMethod(request.method())
                  .setAbsoluteURI(target.resolve(request.uri()).toString()).setHeaders(request.headers()))
              .compose(forward -> forward.send(body))
              .compose(response -> response.body().map(answer -> new Answer(response, answer))))
          .onSuccess(answer -> request.response().setStatusCode(answer.response.statusCode())
              .putHeader("Content-Type", answer.response.getHeader("Content-Type")).end(answer.body))
          .onFailure(error -> request.response().setStatusCode(502).end());
    });
    try {
      server.listen(port, "127.0.0.1").await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private record Answer(HttpClientResponse response, Buffer body) {
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public void down(boolean isDown) {
    down.set(isDown);
  }

  public int refused() {
    return refused.get();
  }

  @Override
  public void close() {
    vertx.close();
  }
}
