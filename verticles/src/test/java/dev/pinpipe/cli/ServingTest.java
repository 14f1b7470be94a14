package dev.pinpipe.cli;

import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.IngestSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServingTest {

  private static final String URL = "http://localhost:8082/topics/pinpipe.pin";

  @Test
  void theCurlExampleCarriesTheTokenWhenTokensAreConfiguredAndNeverATokenItself() {
    String printed = tryRequest(Map.of("ingest.tokens", "secret-one,secret-two"));

    assertThat(printed).contains("PINPIPE_TOKEN=...   # one of ingest.tokens")
        .contains("    -H \"Authorization: Bearer $PINPIPE_TOKEN\" \\\n")
        .doesNotContain("secret-one").doesNotContain("secret-two");
    assertThat(curlCommand(printed)).contains("-H \"Authorization: Bearer $PINPIPE_TOKEN\"").endsWith(URL);
  }

  @Test
  void theCurlExampleHasNoAuthorizationWithoutTokens() {
    String printed = tryRequest(Map.of());

    assertThat(printed).doesNotContain("Authorization").doesNotContain("PINPIPE_TOKEN");
    assertThat(curlCommand(printed)).startsWith("curl -s -X POST").endsWith(URL);
  }

  private static String tryRequest(Map<String, String> config) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Serving.printTry(new PrintStream(bytes, true, StandardCharsets.UTF_8), IngestSettings.from(ConfigSource.of(config), "pinpipe"), URL);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The curl command as a shell reads it: every line that ends in a backslash goes on with the next. */
  private static String curlCommand(String printed) {
    String command = printed.substring(printed.indexOf("curl")).replaceAll(" \\\\\n\\s*", " ").trim();
    assertThat(command).as("a backslash is a line continuation only at the very end of a line").doesNotContain("\\");
    return command;
  }
}
