package dev.pinpipe.operator.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pinpipe.operator.metrics.OperatorMetrics;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code /healthz} (the process serves), {@code /readyz} (the operator started and every informer
 * is connected and synced; 503 naming the unhealthy ones otherwise) and {@code /metrics}
 * (Prometheus). The JDK's HTTP server: three small endpoints, and the operator carries no Vert.x
 * (fabric8 7.5's own Vert.x parts are on Vert.x 4, the service's on Vert.x 5).
 */
final class HealthServer implements AutoCloseable {

  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private HealthServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Listens on {@code port} (0 for any free one) of every interface. */
  static HealthServer start(int port, Operator operator, OperatorMetrics metrics, LeaderState leader) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serve /healthz, /readyz and /metrics on port " + port + ": " + e.getMessage()
          + "; set http-port (PINPIPE_OPERATOR_HTTP_PORT) to a free port", e);
    }
    server.createContext("/", exchange -> answer(exchange, operator, metrics, leader));
    ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "pinpipe-operator-http");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.start();
    return new HealthServer(server, executor);
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, Operator operator, OperatorMetrics metrics, LeaderState leader) throws IOException {
    RuntimeInfo runtime = operator.getRuntimeInfo();
    try (exchange) {
      switch (exchange.getRequestURI().getPath()) {
        case "/healthz" -> send(exchange, 200, "application/json", "{\"status\":\"ok\",\"leader\":" + leader.isLeader() + "}");
        case "/readyz" -> {
          boolean healthy = runtime.allEventSourcesAreHealthy();
          boolean ready = runtime.isStarted() && healthy;
          String unhealthy = healthy ? "" : ",\"unhealthy\":\"" + new TreeSet<>(runtime.unhealthyEventSources().keySet()) + "\"";
          send(exchange, ready ? 200 : 503, "application/json", "{\"status\":\"" + (ready ? "ready" : "not ready") + "\",\"started\":"
              + runtime.isStarted() + ",\"leader\":" + leader.isLeader() + unhealthy + "}");
        }
        case "/metrics" -> send(exchange, 200, PROMETHEUS_TEXT, metrics.scrape());
        default -> send(exchange, 404, "application/json", "{\"error\":\"not found; try /healthz, /readyz or /metrics\"}");
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("content-type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
