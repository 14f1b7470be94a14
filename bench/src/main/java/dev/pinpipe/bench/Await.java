package dev.pinpipe.bench;

import io.vertx.core.Future;

import java.util.concurrent.TimeUnit;

/** Blocking waits on Vert.x futures, for the driver's own thread (never an event loop). */
final class Await {

  private Await() {
  }

  static <T> T of(Future<T> future, long seconds) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
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
