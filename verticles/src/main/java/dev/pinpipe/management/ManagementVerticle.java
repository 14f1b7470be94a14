package dev.pinpipe.management;

import dev.pinpipe.ingest.ApiError;
import dev.pinpipe.ingest.Responses;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.Optional;

/**
 * Health ({@code /healthz}), readiness ({@code /readyz}), Prometheus metrics ({@code /metrics}) and,
 * in a process with S3, the newest daily HTML report ({@code /reports}). Every error is the API's
 * JSON error body.
 */
public final class ManagementVerticle extends VerticleBase {

  private final String host;
  private final int port;
  private final KafkaReadiness readiness;
  private final PrometheusMeterRegistry registry;
  private final Optional<LatestReport> reports;

  private HttpServer server;

  public ManagementVerticle(String host, int port, KafkaReadiness readiness, PrometheusMeterRegistry registry, Optional<LatestReport> reports) {
    this.host = host;
    this.port = port;
    this.readiness = readiness;
    this.registry = registry;
    this.reports = reports;
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
    reports.ifPresent(latest -> router.get("/reports").handler(ctx -> latestReport(ctx, latest)));
    router.errorHandler(404, ctx -> Responses.error(ctx.response(), ApiError.notFound()));
    router.errorHandler(405, ctx -> Responses.error(ctx.response(), ApiError.methodNotAllowed()));
    router.errorHandler(500, ctx -> Responses.error(ctx.response(), ApiError.internal()));
    server = vertx.createHttpServer().requestHandler(router);
    return server.listen(port, host);
  }

  private static void latestReport(RoutingContext ctx, LatestReport latest) {
    latest.fetch().onComplete(result -> {
      if (result.failed()) {
        Responses.error(ctx.response(), new ApiError(503, 50301, "cannot read the reports from " + latest.location() + ": " + result.cause().getMessage()));
      } else if (result.result().isEmpty()) {
        Responses.error(ctx.response(), new ApiError(404, 40403, "no HTML report under " + latest.location()
            + " yet: the daily batch writes one (./pinpipe batch, or ./pinpipe run)"));
      } else {
        LatestReport.Page page = result.result().get();
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("X-Pinpipe-Report", page.key()).end(page.html());
      }
    });
  }

  @Override
  public Future<?> stop() {
    reports.ifPresent(LatestReport::close);
    return server.close();
  }
}
