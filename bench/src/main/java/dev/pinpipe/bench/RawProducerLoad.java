package dev.pinpipe.bench;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The baseline: one shared {@link Producer}, no HTTP. In a closed loop a client sends its
 * "request" (one or many records), waits until Kafka has acknowledged every record, then sends
 * the next; in an open loop requests start at a fixed rate. Sends run on a small executor, never
 * on the producer's I/O thread that runs the callbacks.
 */
final class RawProducerLoad {

  private static final long RETRY_DELAY_MS = 100;

  private final Producer<byte[], byte[]> producer;
  private final ScheduledExecutorService senders;
  private final String topic;

  RawProducerLoad(Producer<byte[], byte[]> producer, ScheduledExecutorService senders, String topic) {
    this.producer = producer;
    this.senders = senders;
    this.topic = topic;
  }

  /** Starts {@code clients} closed loops; {@code done} counts down once per client when it stops. */
  CountDownLatch closedLoop(Window window, LoadStats stats, List<byte[][]> requests, int clients) {
    CountDownLatch done = new CountDownLatch(clients);
    AtomicLong next = new AtomicLong();
    for (int i = 0; i < clients; i++) {
      senders.execute(() -> issue(window, stats, requests, next, done));
    }
    return done;
  }

  private void issue(Window window, LoadStats stats, List<byte[][]> requests, AtomicLong next, CountDownLatch done) {
    long start = System.nanoTime();
    if (!window.open(start)) {
      done.countDown();
      return;
    }
    byte[][] values = requests.get((int) (next.getAndIncrement() % requests.size()));
    sendAll(values, error -> {
      stats.complete(window, start, System.nanoTime(), values.length, error == null ? 200 : -1, error);
      if (error == null) {
        senders.execute(() -> issue(window, stats, requests, next, done));
      } else {
        senders.schedule(() -> issue(window, stats, requests, next, done), RETRY_DELAY_MS, TimeUnit.MILLISECONDS);
      }
    });
  }

  /**
   * Requests at a fixed rate whatever the acknowledgements (open loop), as {@link HttpLoad#openLoop}
   * does over HTTP: the control for the service's latency at the same rate. Latency counts from
   * when each request was due. {@code done} counts down once the last one has been acknowledged.
   */
  CountDownLatch openLoop(Window window, LoadStats stats, List<byte[][]> requests, double requestsPerSecond) {
    OpenLoop loop = new OpenLoop(window, stats, requests, 1e9 / requestsPerSecond);
    loop.timer = senders.scheduleAtFixedRate(loop::tick, 1, 1, TimeUnit.MILLISECONDS);
    return loop.done;
  }

  private final class OpenLoop {

    final CountDownLatch done = new CountDownLatch(1);
    volatile ScheduledFuture<?> timer;
    private final Window window;
    private final LoadStats stats;
    private final List<byte[][]> requests;
    private final double intervalNanos;
    private final AtomicInteger outstanding = new AtomicInteger();
    /** Only the periodic task touches it, and its runs never overlap. */
    private long issued;
    private volatile boolean stopped;

    OpenLoop(Window window, LoadStats stats, List<byte[][]> requests, double intervalNanos) {
      this.window = window;
      this.stats = stats;
      this.requests = requests;
      this.intervalNanos = intervalNanos;
    }

    void tick() {
      long now = System.nanoTime();
      if (stopped) {
        return;
      }
      if (!window.open(now)) {
        stopped = true;
        timer.cancel(false);
        if (outstanding.get() == 0) {
          done.countDown();
        }
        return;
      }
      long due = (long) ((now - window.start) / intervalNanos) + 1;
      for (; issued < due; issued++) {
        long intended = window.start + (long) (issued * intervalNanos);
        byte[][] values = requests.get((int) (issued % requests.size()));
        outstanding.incrementAndGet();
        stats.sent(window, intended, System.nanoTime());
        sendAll(values, error -> {
          stats.complete(window, intended, System.nanoTime(), values.length, error == null ? 200 : -1, error);
          if (outstanding.decrementAndGet() == 0 && stopped) {
            done.countDown();
          }
        });
      }
    }
  }

  /** Sends every value; {@code whenDone} gets null once all are acknowledged, else the first error. */
  private void sendAll(byte[][] values, Consumer<String> whenDone) {
    AtomicInteger remaining = new AtomicInteger(values.length);
    AtomicReference<String> failure = new AtomicReference<>();
    Runnable recordDone = () -> {
      if (remaining.decrementAndGet() == 0) {
        whenDone.accept(failure.get());
      }
    };
    for (int i = 0; i < values.length; i++) {
      try {
        producer.send(new ProducerRecord<>(topic, values[i]), (metadata, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error.getClass().getSimpleName() + ": " + error.getMessage());
          }
          recordDone.run();
        });
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        for (int unsent = i; unsent < values.length; unsent++) {
          recordDone.run();
        }
        return;
      }
    }
  }
}
