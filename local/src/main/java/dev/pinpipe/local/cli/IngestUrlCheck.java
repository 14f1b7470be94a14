package dev.pinpipe.local.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether anything answers HTTP at the ingestion URL, before the emulator sends thousands of
 * posts there (its retries would otherwise go on for an hour against nothing). Any answer counts,
 * a 401 or a 404 too: the emulator's own requests say what is wrong with them.
 */
final class IngestUrlCheck {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private IngestUrlCheck() {
  }

  /** Why nothing answers at {@code url}, or empty when something does. */
  static Optional<String> problem(URI url) {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    try {
      client.send(HttpRequest.newBuilder(url.resolve("/topics")).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.discarding());
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("nothing answers at " + url + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
          + "): start `./pinpipe serve` first, or give --ingest-url");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while checking " + url);
    } catch (IllegalArgumentException e) {
      return Optional.of("--ingest-url " + url + " is not an HTTP URL: " + e.getMessage());
    }
  }
}
