package dev.pinpipe.config;

import dev.pinpipe.contracts.RawLayout;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinkSettingsTest {

  @Test
  void defaultsFollowTheTopicPrefixAndTheDailyLayout() {
    SinkSettings settings = SinkSettings.from(ConfigSource.of(Map.of()), "pp");
    assertThat(settings.groupId()).isEqualTo("pinpipe-s3-sink");
    assertThat(settings.topics().matcher("pp.pin").matches()).isTrue();
    assertThat(settings.topics().matcher("pp.pin.dlq").matches()).isFalse();
    assertThat(settings.topics().matcher("ppXpin").matches()).isFalse();
    assertThat(settings.partitioner()).isEqualTo(RawLayout.DAILY);
    assertThat(settings.flushSize()).isEqualTo(1000);
  }

  @Test
  void valuesComeFromTheSinkSection() {
    SinkSettings settings = SinkSettings.from(ConfigSource.of(Map.of(
        "sink.partitioner", "default", "sink.flush-size", "1", "sink.rotate-interval-ms", "250")), "pinpipe");
    assertThat(settings.partitioner()).isEqualTo(RawLayout.DEFAULT);
    assertThat(settings.flushSize()).isEqualTo(1);
    assertThat(settings.rotateIntervalMs()).isEqualTo(250);
  }

  @Test
  void impossibleValuesAreRefusedWithWhatToChange() {
    assertThatThrownBy(() -> SinkSettings.from(ConfigSource.of(Map.of("sink.flush-size", "0")), "p"))
        .hasMessageContaining("sink.flush-size must be at least 1");
    assertThatThrownBy(() -> SinkSettings.from(ConfigSource.of(Map.of("sink.part-bytes", "1024")), "p"))
        .hasMessageContaining("sink.part-bytes must be at least 5242880");
    assertThatThrownBy(() -> SinkSettings.from(ConfigSource.of(Map.of("sink.partitioner", "hourly")), "p"))
        .hasMessageContaining("use default or daily");
    assertThatThrownBy(() -> SinkSettings.from(ConfigSource.of(Map.of("sink.max-buffered-bytes", "2048")), "p"))
        .hasMessageContaining("sink.max-buffered-bytes must be at least sink.max-object-bytes");
  }
}
