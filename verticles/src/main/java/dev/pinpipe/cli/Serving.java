package dev.pinpipe.cli;

import dev.pinpipe.config.IngestSettings;
import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.PinpipeConfig;
import dev.pinpipe.db.MySqlSettings;
import dev.pinpipe.emulator.EmulatorSettings;
import dev.pinpipe.emulator.EmulatorStats;
import dev.pinpipe.runtime.PinpipeRuntime;
import dev.pinpipe.runtime.Role;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** A serving process's life after start: what it serves where, then waiting for Ctrl-C to stop in order. */
public final class Serving {

  private Serving() {
  }

  /** What a newcomer needs to use the running roles: where each endpoint is, and a request to try. */
  public static void printEndpoints(PrintStream out, PinpipeRuntime runtime, Set<Role> roles, String kafkaNote, String s3Note) {
    PinpipeConfig config = runtime.config();
    String host = "0.0.0.0".equals(config.ingest().host()) ? "localhost" : config.ingest().host();
    out.println("pinpipe serve: running roles " + roles.toString().toLowerCase(Locale.ROOT));
    if (roles.contains(Role.INGEST)) {
      out.println("  ingest     http://" + host + ":" + config.ingest().httpPort() + "   (Kafka REST Proxy v2 API, POST /posts)");
    }
    out.println("  management http://" + host + ":" + config.ingest().managementPort() + "   (/healthz /readyz /metrics"
        + (roles.contains(Role.SINK) ? " /reports: the newest daily HTML report" : "") + ")");
    out.println("  kafka      " + runtime.bootstrapServers() + "   (" + kafkaNote + ")");
    out.println("  topics     " + String.join(", ", runtime.topics()));
    if (roles.contains(Role.SINK)) {
      out.println("  s3         " + runtime.s3().endpoint().map(Object::toString).orElse("AWS S3") + "   bucket " + config.s3().bucket()
          + ", objects under topics/ (" + s3Note + ")");
    }
    if (roles.contains(Role.INGEST)) {
      printTry(out, config.ingest(), "http://" + host + ":" + config.ingest().httpPort() + "/topics/" + runtime.topics().get(0));
    }
    out.println("Ctrl-C stops cleanly.");
  }

  /** A request to paste into a shell; with the token header when tokens are configured (it would be 401 without). */
  static void printTry(PrintStream out, IngestSettings ingest, String topicUrl) {
    out.println("Try:");
    if (!ingest.tokens().isEmpty()) {
      out.println("  PINPIPE_TOKEN=...   # one of ingest.tokens (PINPIPE_INGEST_TOKENS)");
    }
    out.println("  curl -s -X POST -H 'Content-Type: application/vnd.kafka.json.v2+json' \\");
    if (!ingest.tokens().isEmpty()) {
      out.println("    -H \"Authorization: Bearer $PINPIPE_TOKEN\" \\");
    }
    out.println("    --data '{\"records\":[{\"value\":{\"index\":1,\"title\":\"hello pinpipe\"}}]}' \\");
    out.println("    " + topicUrl);
  }

  /** The emulator role's settings: its config section, posting to this process's ingestion API. */
  public static EmulatorSettings emulatorSettings(PinpipeRuntime runtime, ConfigSource source) {
    PinpipeConfig config = runtime.config();
    return EmulatorSettings.from(source, config.ingest().httpPort(), config.kafka().topicPrefix());
  }

  /** Starts the emulator role: posts from {@code database}; says how it went when it finishes. */
  public static void emulate(PinpipeRuntime runtime, EmulatorSettings settings, MySqlSettings database) {
    runtime.emulate(settings, database, new EmulatorStats()).finished().onSuccess(done -> System.out.printf(Locale.ROOT,
        "pinpipe: emulator finished: %,d posts delivered, %,d failed, %,d requests retried%n", done.delivered(), done.failed(), done.retried()));
  }

  /**
   * Blocks until Ctrl-C (or another signal) stops the process; then closes {@code running}: a
   * {@link PinpipeRuntime} (the sink writes what it holds, ingestion finishes requests in flight,
   * the producer flushes), or that and what was started for it.
   */
  public static void untilStopped(AutoCloseable running, PrintStream out) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      out.println("pinpipe: stopping (finishing requests in flight, flushing the producer)...");
      try {
        running.close();
      } catch (Exception e) {
        out.println("pinpipe: could not stop cleanly: " + e.getMessage());
      }
      out.println("pinpipe: stopped");
      stopped.countDown();
    }, "pinpipe-shutdown"));
    stopped.await();
  }
}
