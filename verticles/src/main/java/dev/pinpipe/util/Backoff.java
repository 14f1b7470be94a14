package dev.pinpipe.util;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off, each delay drawn between half and all of its step so retries spread out:
 * the sink's S3 retries and the emulator's retries of a busy ingestion API.
 */
public record Backoff(long initialMs, long maxMs) {

  /** The delay before retry number {@code attempt} (1 for the first retry). */
  public long delayMs(int attempt) {
    long ceiling = Math.min(maxMs, initialMs << Math.min(attempt - 1, 20));
    return Math.max(1, ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
  }
}
