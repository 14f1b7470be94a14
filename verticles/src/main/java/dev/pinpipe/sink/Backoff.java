package dev.pinpipe.sink;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off, each delay drawn between half and all of its step so retries spread out. */
record Backoff(long initialMs, long maxMs) {

  /** The delay before retry number {@code attempt} (1 for the first retry). */
  long delayMs(int attempt) {
    long ceiling = Math.min(maxMs, initialMs << Math.min(attempt - 1, 20));
    return Math.max(1, ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
  }
}
