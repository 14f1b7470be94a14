package dev.pinpipe.bench;

import io.vertx.core.Future;

import java.util.concurrent.TimeUnit;

/** Blocking waits on Vert.x futures, for the driver's own thread (never an event loop). */
final class Await {

  private Await() {
  }

  static <T> T of(Future<T> future, long seconds) {
    try {
      return future.await(seconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Future.await throws the future's own failure, a TimeoutException or an InterruptedException, as it is.
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      throw new IllegalStateException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** Waits, and only reports a failure. */
  static void quietly(Future<?> future, long seconds) {
    try {
      of(future, seconds);
    } catch (RuntimeException e) {
      System.err.println("sink benchmark: " + e.getMessage());
    }
  }
}
