package dev.pinpipe.fanout;

import java.util.concurrent.atomic.AtomicLong;

/** Bytes on their way to Kafka, bounded; shared by every fan-out instance of a process. */
public final class InFlightBudget {

  private final long limit;
  private final AtomicLong used = new AtomicLong();

  public InFlightBudget(long limit) {
    this.limit = limit;
  }

  /** Takes {@code bytes} if they fit; a request larger than the whole budget fits only alone. */
  public boolean tryAcquire(long bytes) {
    while (true) {
      long current = used.get();
      if (current > 0 && current + bytes > limit) {
        return false;
      }
      if (used.compareAndSet(current, current + bytes)) {
        return true;
      }
    }
  }

  public void release(long bytes) {
    used.addAndGet(-bytes);
  }

  public long used() {
    return used.get();
  }
}
