package dev.pinpipe.local.runtime;

import dev.pinpipe.config.ConfigSource;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedSettingsTest {

  private static Path dataDir(String spelling) {
    return EmbeddedSettings.from(ConfigSource.of(Map.of("embedded.data-dir", spelling))).dataDir();
  }

  @Test
  void everySpellingOfTheDataDirectoryIsOneAbsoluteNormalizedPath() {
    Path expected = Path.of("").toAbsolutePath().resolve("pinpipe-data");

    assertThat(dataDir("./pinpipe-data")).isEqualTo(expected);
    assertThat(dataDir("pinpipe-data/.")).isEqualTo(expected);
    assertThat(dataDir("pinpipe-data")).isEqualTo(expected);
    assertThat(dataDir("./x/../pinpipe-data/")).isEqualTo(expected);
    assertThat(dataDir(expected + "/./")).isEqualTo(expected);
    assertThat(EmbeddedSettings.from(ConfigSource.of(Map.of())).dataDir()).isEqualTo(expected);
  }
}
