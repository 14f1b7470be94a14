package dev.pinpipe.emulator;

import dev.pinpipe.config.ConfigKeys;
import dev.pinpipe.contracts.RecordKind;
import dev.pinpipe.contracts.Topics;
import dev.pinpipe.config.ConfigSource;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * What the emulator does.
 *
 * @param ingestUrl   base URL of the ingestion API
 * @param mode        the original three requests per post, or batches to {@code /posts}
 * @param posts       posts to send; 0 means until {@code duration} ends
 * @param duration    stop starting posts after this long (zero: no limit)
 * @param rate        posts per second; 0 means as fast as the API answers
 * @param concurrency posts (or batches) in flight at once
 * @param seed        the random choice of posts, reproducible
 * @param token       bearer token for the API, if it wants one
 * @param topicPrefix topics are {@code <prefix>.pin|geo|user}
 * @param batchPosts  posts per {@code /posts} request
 * @param maxAttempts attempts of one request on 429, 503 or a connection error before the post counts as failed
 */
public record EmulatorSettings(
    URI ingestUrl,
    Mode mode,
    long posts,
    Duration duration,
    double rate,
    int concurrency,
    long seed,
    Optional<String> token,
    String topicPrefix,
    int batchPosts,
    int maxAttempts) {

  public EmulatorSettings {
    if (posts < 0 || posts == 0 && duration.isZero()) {
      throw new IllegalArgumentException("give --posts N (at least 1) or a --duration");
    }
    if (rate < 0) {
      throw new IllegalArgumentException("--rate must be 0 (as fast as possible) or more");
    }
    if (concurrency < 1 || batchPosts < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("--concurrency, the batch size and the attempts must be at least 1");
    }
  }

  /**
   * From config section {@code emulator} (for {@code serve --roles emulator}): {@code ingest-url}
   * (default: this process's ingestion port), {@code mode}, {@code posts} (11000), {@code duration}
   * (ISO-8601, e.g. PT5M), {@code rate}, {@code concurrency} (16), {@code seed} (42), {@code token},
   * {@code batch} (100), {@code max-attempts} (10).
   */
  /** The keys {@link #from} reads: section {@code emulator}. */
  public static final ConfigKeys KEYS = ConfigKeys.readBy(source -> from(source, 8082, "pinpipe"));

  public static EmulatorSettings from(ConfigSource source, int ingestPort, String topicPrefix) {
    Duration duration = source.duration("emulator.duration", Duration.ZERO);
    return new EmulatorSettings(
        URI.create(source.string("emulator.ingest-url", "http://127.0.0.1:" + ingestPort)),
        Mode.parse(source.string("emulator.mode", "rest-proxy")),
        source.number("emulator.posts", duration.isZero() ? 11_000 : 0, 0, Long.MAX_VALUE),
        duration,
        source.decimal("emulator.rate", 0, 0, Double.MAX_VALUE),
        source.integer("emulator.concurrency", 16, 1, Integer.MAX_VALUE),
        source.number("emulator.seed", 42, Long.MIN_VALUE, Long.MAX_VALUE),
        source.optional("emulator.token"),
        topicPrefix,
        source.integer("emulator.batch", 100, 1, Integer.MAX_VALUE),
        source.integer("emulator.max-attempts", 10, 1, Integer.MAX_VALUE));
  }

  public String topic(RecordKind kind) {
    return new Topics(topicPrefix).topic(kind);
  }

  /** Never prints the token. */
  @Override
  public String toString() {
    return "EmulatorSettings[ingestUrl=" + ingestUrl + ", mode=" + mode + ", posts=" + posts + ", duration=" + duration
        + ", rate=" + rate + ", concurrency=" + concurrency + ", seed=" + seed + ", token=" + (token.isPresent() ? "(redacted)" : "none")
        + ", topicPrefix=" + topicPrefix + ", batchPosts=" + batchPosts + ", maxAttempts=" + maxAttempts + "]";
  }
}
