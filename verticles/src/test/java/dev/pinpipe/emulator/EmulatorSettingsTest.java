package dev.pinpipe.emulator;

import dev.pinpipe.contracts.RecordKind;

import dev.pinpipe.config.ConfigSource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmulatorSettingsTest {

  @Test
  void configDefaultsPostTheOriginalDatabaseSizeToThisProcesssIngestion() {
    EmulatorSettings settings = EmulatorSettings.from(ConfigSource.of(Map.of()), 18082, "pp");
    assertThat(settings.ingestUrl()).isEqualTo(URI.create("http://127.0.0.1:18082"));
    assertThat(settings.mode()).isEqualTo(Mode.REST_PROXY);
    assertThat(settings.posts()).isEqualTo(11_000);
    assertThat(settings.topic(RecordKind.GEO)).isEqualTo("pp.geo");
  }

  @Test
  void aDurationAloneMeansPostUntilItEnds() {
    EmulatorSettings settings = EmulatorSettings.from(ConfigSource.of(Map.of("emulator.duration", "PT30S", "emulator.mode", "posts")), 8082, "p");
    assertThat(settings.posts()).isZero();
    assertThat(settings.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.mode()).isEqualTo(Mode.POSTS);
  }

  @Test
  void impossibleSettingsAreRefusedSayingWhichOption() {
    assertThatThrownBy(() -> new EmulatorSettings(URI.create("http://x"), Mode.POSTS, 0, Duration.ZERO, 0, 1, 1, Optional.empty(), "p", 1, 1))
        .hasMessageContaining("--posts");
    assertThatThrownBy(() -> new EmulatorSettings(URI.create("http://x"), Mode.POSTS, 1, Duration.ZERO, -1, 1, 1, Optional.empty(), "p", 1, 1))
        .hasMessageContaining("--rate");
    assertThatThrownBy(() -> Mode.parse("kafka")).hasMessageContaining("rest-proxy or posts");
  }

  @Test
  void theTokenNeverShowsInToString() {
    EmulatorSettings settings = new EmulatorSettings(URI.create("http://x"), Mode.POSTS, 1, Duration.ZERO, 0, 1, 1,
        Optional.of("s3cr3t-token"), "p", 1, 1);
    assertThat(settings.toString()).doesNotContain("s3cr3t-token").contains("(redacted)");
  }
}
