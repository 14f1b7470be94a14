package dev.pinpipe.operator.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Timestamps in resources: RFC 3339 in UTC to the second, as Kubernetes writes them. */
public final class Times {

  private Times() {
  }

  public static String format(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  public static Optional<Instant> parse(String text) {
    return text == null || text.isBlank() ? Optional.empty() : Optional.of(Instant.parse(text));
  }
}
