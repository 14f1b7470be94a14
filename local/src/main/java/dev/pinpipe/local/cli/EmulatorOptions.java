package dev.pinpipe.local.cli;

import dev.pinpipe.emulator.EmulatorSettings;
import dev.pinpipe.emulator.Mode;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** How the emulator posts: what, how fast, how many at once. */
final class EmulatorOptions {

  @Option(names = "--mode", paramLabel = "MODE", defaultValue = "rest-proxy",
      description = "rest-proxy: three one-record REST Proxy requests per post, as the original client; posts: batches to POST /posts (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--posts", paramLabel = "N", description = "Posts to send (default: 11000, the original database's size; 0 with --duration: until it ends).")
  Long posts;

  @Option(names = "--duration", paramLabel = "DURATION", description = "Stop after this long, e.g. 30s or PT5M (default: no limit).")
  String duration;

  @Option(names = "--rate", paramLabel = "POSTS_PER_S", defaultValue = "0", description = "Posts per second; 0 is as fast as the API answers (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "16", description = "Posts (or batches) in flight at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42", description = "Seed of the random choice of posts, and of the generated dataset (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "100", description = "Posts per request in posts mode (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--token", paramLabel = "TOKEN", description = "Bearer token for the API (or PINPIPE_EMULATOR_TOKEN).")
  String token;

  EmulatorSettings settings(URI ingestUrl, String topicPrefix) {
    Duration limit = duration == null ? Duration.ZERO : parseDuration(duration);
    long count = posts != null ? posts : limit.isZero() ? 11_000 : 0;
    Optional<String> bearer = Optional.ofNullable(token).or(() -> Optional.ofNullable(System.getenv("PINPIPE_EMULATOR_TOKEN")))
        .filter(value -> !value.isBlank());
    return new EmulatorSettings(ingestUrl, Mode.parse(mode), count, limit, rate, concurrency, seed, bearer, topicPrefix, batch, 10);
  }

  private static Duration parseDuration(String text) {
    String value = text.trim();
    try {
      if (value.toUpperCase(java.util.Locale.ROOT).startsWith("P")) {
        return Duration.parse(value);
      }
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      long amount = Long.parseLong(value.substring(0, value.length() - 1));
      return switch (value.charAt(value.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        default -> throw new IllegalArgumentException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--duration must look like 30s, 5m, 1h, 500ms or PT5M, got '" + text + "'");
    }
  }
}
