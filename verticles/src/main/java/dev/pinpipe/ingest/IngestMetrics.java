package dev.pinpipe.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ingestion metrics, shared by every ingest instance of a process: requests by route and status
 * with a latency histogram, records, bytes, and requests in flight. Also the first handler of
 * every request, to time it.
 */
public final class IngestMetrics implements Handler<RoutingContext> {

  private static final String ROUTE_KEY = "pinpipe.route";

  private final MeterRegistry registry;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Counter records;
  private final DistributionSummary bodyBytes;
  private final AtomicInteger inFlight = new AtomicInteger();

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.records = Counter.builder("pinpipe.ingest.records").description("records acknowledged by Kafka").register(registry);
    this.bodyBytes = DistributionSummary.builder("pinpipe.ingest.request.body").baseUnit("bytes")
        .description("bodies of requests whose records were produced").register(registry);
    Gauge.builder("pinpipe.ingest.requests.in.flight", inFlight, AtomicInteger::get).register(registry);
  }

  /** Names the route for the request's metrics; routes with no name are counted as "unmatched". */
  static Handler<RoutingContext> route(String name) {
    return ctx -> {
      ctx.put(ROUTE_KEY, name);
      ctx.next();
    };
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    inFlight.incrementAndGet();
    ctx.addBodyEndHandler(v -> {
      inFlight.decrementAndGet();
      timer(ctx.get(ROUTE_KEY, "unmatched"), ctx.response().getStatusCode()).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    });
    ctx.next();
  }

  void records(int count, long bytes) {
    records.increment(count);
    bodyBytes.record(bytes);
  }

  private Timer timer(String route, int status) {
    return timers.computeIfAbsent(route + ' ' + status, key -> Timer.builder("pinpipe.ingest.requests")
        .description("HTTP requests by route and status")
        .tag("route", route)
        .tag("status", String.valueOf(status))
        .publishPercentileHistogram()
        .register(registry));
  }
}
