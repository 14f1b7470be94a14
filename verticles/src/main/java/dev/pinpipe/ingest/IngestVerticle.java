package dev.pinpipe.ingest;

import dev.pinpipe.config.IngestSettings;
import dev.pinpipe.config.KafkaSettings;
import dev.pinpipe.produce.LocalCodec;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.util.concurrent.TimeUnit;

/**
 * The Kafka REST Proxy v2 produce API over HTTP. Validates each request completely, then hands its
 * records to the fan-out over the event bus and answers once Kafka has acknowledged them.
 */
public final class IngestVerticle extends VerticleBase {

  /** In-flight requests get this long to finish when the server shuts down. */
  private static final long SHUTDOWN_GRACE_SECONDS = 30;

  private final IngestSettings settings;
  private final KafkaSettings kafka;
  private final TopicCatalog catalog;
  private final IngestMetrics metrics;

  private HttpServer server;

  public IngestVerticle(IngestSettings settings, KafkaSettings kafka, TopicCatalog catalog, IngestMetrics metrics) {
    this.settings = settings;
    this.kafka = kafka;
    this.catalog = catalog;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    LocalCodec.registerProduceCodecs(vertx);
    server = vertx.createHttpServer(new HttpServerOptions()
        .setHost(settings.host())
        .setPort(settings.httpPort())
        .setIdleTimeout(120)
        .setIdleTimeoutUnit(TimeUnit.SECONDS));
    return server.requestHandler(router()).listen();
  }

  @Override
  public Future<?> stop() {
    return server.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
  }

  private Router router() {
    ProduceClient client = new ProduceClient(vertx.eventBus(), kafka.timeoutMs());
    ProduceHandler produce = new ProduceHandler(settings, catalog, client, metrics);
    PostsHandler posts = new PostsHandler(new PostsCodec(settings.maxRecords(), kafka.topicPrefix()), catalog, client, metrics);
    TopicsHandler topics = new TopicsHandler(settings, catalog);
    FailureHandler failure = new FailureHandler(settings.maxBodyBytes());

    Router router = Router.router(vertx);
    router.route().handler(metrics);
    router.route().handler(new BearerTokenAuth(settings.tokens()));
    // The body reader on each produce route, not on every POST: a route for every POST path
    // would make an unknown path (GET /nope) a wrong method, 405, instead of 404.
    BodyReader body = new BodyReader(settings.maxBodyBytes());
    router.post("/topics/:topic").handler(body).handler(IngestMetrics.route("produce")).handler(produce);
    router.post("/topics/:topic/partitions/:partition").handler(body).handler(IngestMetrics.route("produce_partition")).handler(produce);
    router.post("/posts").handler(body).handler(IngestMetrics.route("posts")).handler(posts);
    router.get("/topics").handler(IngestMetrics.route("list_topics")).handler(topics::list);
    router.get("/topics/:topic").handler(IngestMetrics.route("get_topic")).handler(topics::describe);
    router.route().failureHandler(failure);
    router.errorHandler(404, failure);
    router.errorHandler(405, failure);
    router.errorHandler(500, failure);
    return router;
  }
}
