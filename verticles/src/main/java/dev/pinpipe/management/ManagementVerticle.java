package dev.pinpipe.management;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

import java.util.Map;

/** Health ({@code /healthz}), readiness ({@code /readyz}) and Prometheus metrics ({@code /metrics}). */
public final class ManagementVerticle extends VerticleBase {

  private final String host;
  private final int port;
  private final KafkaReadiness readiness;
  private final PrometheusMeterRegistry registry;

  private HttpServer server;

  public ManagementVerticle(String host, int port, KafkaReadiness readiness, PrometheusMeterRegistry registry) {
    this.host = host;
    this.port = port;
    this.readiness = readiness;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/healthz").handler(ctx -> ctx.json(Map.of("status", "UP")));
    router.get("/readyz").handler(ctx -> readiness.reachable().onComplete(result -> {
      boolean ready = result.succeeded() && result.result();
      ctx.response().setStatusCode(ready ? 200 : 503);
      ctx.json(Map.of("status", ready ? "READY" : "NOT_READY", "kafka", ready ? "reachable" : "unreachable"));
    }));
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(registry.scrape()));
    server = vertx.createHttpServer().requestHandler(router);
    return server.listen(port, host);
  }

  @Override
  public Future<?> stop() {
    return server.close();
  }
}
