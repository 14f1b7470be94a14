package dev.pinpipe.local.cli;

import com.sun.net.httpserver.HttpServer;
import dev.pinpipe.emulator.EmulatorStats;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class EmulateCommandTest {

  @Test
  void nothingAnsweringAtTheIngestUrlFailsAtOnceSayingWhatToStart() throws IOException {
    String url = "http://127.0.0.1:" + closedPort();

    PinpipeCommandAccess.Result result = PinpipeCommandAccess.run("emulate", "--ingest-url", url, "--data-dir", "target/emulate-test-data");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("nothing answers at " + url).contains("start `./pinpipe serve` first, or give --ingest-url");
  }

  @Test
  void anyHttpAnswerCountsAsSomethingListening() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(401, -1);
      exchange.close();
    });
    server.start();
    try {
      assertThat(IngestUrlCheck.problem(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))).isEmpty();
    } finally {
      server.stop(0);
    }
  }

  @Test
  void theSummaryIsATableOfRecordsPerTopic() {
    Map<String, Long> acknowledged = new TreeMap<>(Map.of("pinpipe.geo", 11_000L, "pinpipe.pin", 11_000L, "pinpipe.user", 10_999L));
    StringWriter out = new StringWriter();

    EmulateCommand.summary(new PrintWriter(out), new EmulatorStats.Snapshot(11_000, 10_999, 1, 3, acknowledged), 10.0);

    assertThat(out.toString()).contains("10,999 posts delivered, 1 failed, 3 requests retried; 10.0 s (1,100 posts/s)")
        .contains("  topic                acknowledged\n")
        .contains("  pinpipe.pin                11,000\n")
        .contains("  pinpipe.user               10,999\n")
        .contains("pinpipe emulate: INCOMPLETE: 1 posts failed")
        .doesNotContain("{");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
