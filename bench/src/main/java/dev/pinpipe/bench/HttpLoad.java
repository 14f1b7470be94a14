package dev.pinpipe.bench;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP load on the produce API with the non-blocking Vert.x client: closed loops (one per pooled
 * connection) for peak throughput, or an open loop at a fixed rate for latency under load.
 */
final class HttpLoad {

  static final String CONTENT_TYPE = "application/vnd.kafka.json.v2+json";
  private static final long RETRY_DELAY_MS = 100;

  /** A response: its status and body. */
  record Answer(int status, Buffer body) {

    /** The body as text, cut short: for reports of failures. */
    String snippet() {
      String text = body.toString();
      return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
  }

  private final Vertx vertx;
  private final List<Context> contexts;
  private final RequestOptions request;

  /** @param contexts one event-loop context per event loop the load may use */
  HttpLoad(Vertx vertx, List<Context> contexts, String host, int port, String topic, long timeoutMs) {
    this.vertx = vertx;
    this.contexts = contexts;
    this.request = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setHost(host)
        .setPort(port)
        .setURI("/topics/" + topic)
        .setConnectTimeout(5_000)
        .setIdleTimeout(timeoutMs)
        .putHeader("Content-Type", CONTENT_TYPE)
        .putHeader("Accept", "application/vnd.kafka.v2+json");
  }

  /** A client whose pool holds exactly {@code connections} keep-alive HTTP/1.1 connections. */
  HttpClientAgent client(int connections) {
    return vertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true).setPipelining(false).setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(connections));
  }

  Future<Answer> post(HttpClientAgent client, Buffer body) {
    return client.request(request)
        .compose(req -> req.send(body))
        .compose(resp -> resp.body().map(buffer -> new Answer(resp.statusCode(), buffer)));
  }

  /** {@code clients} closed loops; {@code done} counts down once per client when it stops. */
  CountDownLatch closedLoop(HttpClientAgent client, Window window, LoadStats stats, List<Buffer> bodies,
                            int recordsPerBody, int clients) {
    CountDownLatch done = new CountDownLatch(clients);
    AtomicLong next = new AtomicLong();
    for (int i = 0; i < clients; i++) {
      // The loops are spread over the driver's event loops; each stays on its own.
      contexts.get(i % contexts.size()).runOnContext(v -> issue(client, window, stats, bodies, recordsPerBody, next, done));
    }
    return done;
  }

  private void issue(HttpClientAgent client, Window window, LoadStats stats, List<Buffer> bodies, int records,
                     AtomicLong next, CountDownLatch done) {
    long start = System.nanoTime();
    if (!window.open(start)) {
      done.countDown();
      return;
    }
    Buffer body = bodies.get((int) (next.getAndIncrement() % bodies.size()));
    post(client, body).onComplete(result -> {
      int status = status(result);
      stats.complete(window, start, System.nanoTime(), records, status, failure(result));
      if (status == 200) {
        issue(client, window, stats, bodies, records, next, done);
      } else {
        vertx.setTimer(RETRY_DELAY_MS, id -> issue(client, window, stats, bodies, records, next, done));
      }
    });
  }

  /**
   * Requests at a fixed rate whatever the answers (open loop). Latency counts from when each
   * request was due, not when it was sent, so a stall shows in full (no coordinated omission).
   * {@code done} counts down once the last request has been answered.
   */
  CountDownLatch openLoop(HttpClientAgent client, Window window, LoadStats stats, List<Buffer> bodies,
                          int recordsPerBody, double requestsPerSecond) {
    return openLoop(client, window, stats, bodies, recordsPerBody, requestsPerSecond, (answer, nanos) -> { });
  }

  /** Told of every answer of an open loop, on the loop's event loop, with {@link System#nanoTime()} when it came. */
  interface AnswerListener {
    void answered(Answer answer, long answeredNanos);
  }

  /** As above, and each answer also goes to {@code listener} (the sink benchmark reads the offsets in it). */
  CountDownLatch openLoop(HttpClientAgent client, Window window, LoadStats stats, List<Buffer> bodies,
                          int recordsPerBody, double requestsPerSecond, AnswerListener listener) {
    OpenLoop loop = new OpenLoop(client, window, stats, bodies, recordsPerBody, 1e9 / requestsPerSecond, listener);
    contexts.get(0).runOnContext(v -> loop.tick());
    return loop.done;
  }

  /** One open loop, confined to one event loop: a one-shot timer wakes it when the next request is due. */
  private final class OpenLoop {

    final CountDownLatch done = new CountDownLatch(1);
    private final HttpClientAgent client;
    private final Window window;
    private final LoadStats stats;
    private final List<Buffer> bodies;
    private final int records;
    private final double intervalNanos;
    private final AnswerListener listener;
    private final AtomicInteger outstanding = new AtomicInteger();
    private long issued;
    private volatile boolean stopped;

    OpenLoop(HttpClientAgent client, Window window, LoadStats stats, List<Buffer> bodies, int records, double intervalNanos,
             AnswerListener listener) {
      this.client = client;
      this.listener = listener;
      this.window = window;
      this.stats = stats;
      this.bodies = bodies;
      this.records = records;
      this.intervalNanos = intervalNanos;
    }

    void tick() {
      long now = System.nanoTime();
      if (!window.open(now)) {
        stopped = true;
        if (outstanding.get() == 0) {
          done.countDown();
        }
        return;
      }
      long due = (long) ((now - window.start) / intervalNanos) + 1;
      for (; issued < due; issued++) {
        send(window.start + (long) (issued * intervalNanos), bodies.get((int) (issued % bodies.size())));
      }
      long nextDue = window.start + (long) (issued * intervalNanos);
      vertx.setTimer(Math.max(1, (nextDue - System.nanoTime() + 999_999) / 1_000_000), id -> tick());
    }

    private void send(long intended, Buffer body) {
      outstanding.incrementAndGet();
      stats.sent(window, intended, System.nanoTime());
      post(client, body).onComplete(result -> {
        long answered = System.nanoTime();
        stats.complete(window, intended, answered, records, status(result), failure(result));
        if (result.succeeded()) {
          listener.answered(result.result(), answered);
        }
        if (outstanding.decrementAndGet() == 0 && stopped) {
          done.countDown();
        }
      });
    }
  }

  /** The HTTP status, or -1 when no answer came. */
  private static int status(AsyncResult<Answer> result) {
    return result.succeeded() ? result.result().status() : -1;
  }

  /** What went wrong, or null for a 200. */
  private static String failure(AsyncResult<Answer> result) {
    if (result.failed()) {
      return String.valueOf(result.cause());
    }
    return result.result().status() == 200 ? null : result.result().snippet();
  }

}
