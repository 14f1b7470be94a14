package dev.pinpipe.config;

import dev.pinpipe.contracts.RecordKind;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigSourceTest {

  @TempDir
  Path dir;

  @Test
  void defaultsWorkEmbeddedWithNoConfigAtAll() {
    PinpipeConfig config = PinpipeConfig.from(ConfigSource.of(Map.of()));

    assertThat(config.kafka().bootstrap()).isEmpty();
    assertThat(config.kafka().topics().topic(RecordKind.PIN)).isEqualTo("pinpipe.pin");
    assertThat(config.ingest().httpPort()).isEqualTo(8082);
    assertThat(config.ingest().managementPort()).isEqualTo(8081);
    assertThat(config.ingest().maxBodyBytes()).isEqualTo(10L * 1024 * 1024);
    assertThat(config.ingest().maxRecords()).isEqualTo(10_000);
    assertThat(config.ingest().tokens()).isEmpty();
  }

  @Test
  void environmentVariablesMapToSectionAndDashedKey() {
    Map<String, String> flat = ConfigSource.fromEnv(Map.of(
        "PINPIPE_INGEST_MAX_BODY_BYTES", "2048",
        "PINPIPE_KAFKA_BOOTSTRAP", "broker:9092",
        "PINPIPE_", "ignored",
        "PINPIPEX_KAFKA_BOOTSTRAP", "ignored",
        "HOME", "/root"));

    assertThat(flat).containsOnly(
        Map.entry("ingest.max-body-bytes", "2048"),
        Map.entry("kafka.bootstrap", "broker:9092"));
  }

  @Test
  void environmentWinsOverFileAndFlagsWinOverEnvironment() throws IOException {
    Path file = dir.resolve("pinpipe.yaml");
    Files.writeString(file, """
        kafka:
          bootstrap: from-file:9092
          topic-prefix: filed
        ingest:
          http-port: 9000
          max-records: 50
        """);

    ConfigSource source = ConfigSource.load(Optional.of(file), Map.of(
            "PINPIPE_KAFKA_BOOTSTRAP", "from-env:9092",
            "PINPIPE_INGEST_HTTP_PORT", "9100"))
        .with("ingest.http-port", 9200)
        .with("ingest.instances", null);
    PinpipeConfig config = PinpipeConfig.from(source);

    assertThat(config.kafka().bootstrap()).contains("from-env:9092");
    assertThat(config.kafka().topicPrefix()).isEqualTo("filed");
    assertThat(config.ingest().httpPort()).isEqualTo(9200);
    assertThat(config.ingest().maxRecords()).isEqualTo(50);
    assertThat(config.ingest().topicAllowed("filed.geo")).isTrue();
    assertThat(config.ingest().topicAllowed("pinpipe.geo")).isFalse();
  }

  @Test
  void jsonFilesAreReadToo() throws IOException {
    Path file = dir.resolve("pinpipe.json");
    Files.writeString(file, "{\"kafka\": {\"partitions\": 6}}");

    assertThat(PinpipeConfig.from(ConfigSource.load(Optional.of(file), Map.of())).kafka().partitions()).isEqualTo(6);
  }

  @Test
  void tokensAreRedactedWhenPrinted() {
    IngestSettings settings = PinpipeConfig.from(ConfigSource.of(Map.of("ingest.tokens", "s3cret-one, s3cret-two"))).ingest();

    assertThat(settings.tokens()).isEqualTo(List.of("s3cret-one", "s3cret-two"));
    assertThat(settings.toString()).doesNotContain("s3cret").contains("2 (redacted)");
  }

  @Test
  void badValuesNameTheKeyAndWhatIsExpected() {
    assertThatThrownBy(() -> PinpipeConfig.from(ConfigSource.of(Map.of("ingest.http-port", "eighty"))))
        .hasMessageContaining("ingest.http-port").hasMessageContaining("whole number");
    assertThatThrownBy(() -> PinpipeConfig.from(ConfigSource.of(Map.of("kafka.create-topics", "maybe"))))
        .hasMessageContaining("kafka.create-topics").hasMessageContaining("true or false");
    assertThatThrownBy(() -> PinpipeConfig.from(ConfigSource.of(Map.of("kafka.partitions", "0"))))
        .hasMessageContaining("kafka.partitions");
  }

  @Test
  void aFileThatIsNotSectionsIsRefusedWithAnExample() throws IOException {
    Path file = dir.resolve("flat.yaml");
    Files.writeString(file, "- just\n- a list\n");

    assertThatThrownBy(() -> ConfigSource.load(Optional.of(file), Map.of()))
        .hasMessageContaining("must hold sections");
  }
}
