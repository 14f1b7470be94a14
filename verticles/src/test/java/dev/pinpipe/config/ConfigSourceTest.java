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

  private static final ConfigKeys KEYS = KafkaSettings.KEYS.plus(IngestSettings.KEYS, S3Settings.KEYS, SinkSettings.KEYS);

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
        "HOME", "/root"), KEYS);

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
            "PINPIPE_INGEST_HTTP_PORT", "9100"), KEYS)
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

    assertThat(PinpipeConfig.from(ConfigSource.load(Optional.of(file), Map.of(), KEYS)).kafka().partitions()).isEqualTo(6);
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

    assertThatThrownBy(() -> ConfigSource.load(Optional.of(file), Map.of(), KEYS))
        .hasMessageContaining("must hold sections");
  }

  @Test
  void anUnknownKeyInTheFileIsNamedWithTheFileAndTheNearestKey() throws IOException {
    Path file = dir.resolve("typo.yaml");
    Files.writeString(file, "sink:\n  flush-sise: 10\n");

    assertThatThrownBy(() -> ConfigSource.load(Optional.of(file), Map.of(), KEYS))
        .hasMessage("unknown config key sink.flush-sise (config file " + file + "); did you mean sink.flush-size?");
  }

  @Test
  void underscoresInFileKeysAreSuggestedWithDashes() throws IOException {
    Path file = dir.resolve("underscores.yaml");
    Files.writeString(file, "sink:\n  flush_size: 10\nkafka:\n  max_in_flight_bytes: 1000\n");

    assertThatThrownBy(() -> ConfigSource.load(Optional.of(file), Map.of(), KEYS))
        .hasMessageContaining("unknown config key kafka.max_in_flight_bytes").hasMessageEndingWith("did you mean kafka.max-in-flight-bytes?");
  }

  @Test
  void anUnknownSectionListsTheSectionsWhenNoKeyIsClose() throws IOException {
    Path file = dir.resolve("section.yaml");
    Files.writeString(file, "producer:\n  acknowledgements: all\n");

    assertThatThrownBy(() -> ConfigSource.load(Optional.of(file), Map.of(), KEYS))
        .hasMessage("unknown config key producer.acknowledgements (config file " + file + "); the sections are ingest, kafka, s3, sink");
  }

  @Test
  void anUnknownEnvironmentVariableOfAKnownSectionIsNamedWithTheVariableToUse() {
    assertThatThrownBy(() -> ConfigSource.load(Optional.empty(), Map.of("PINPIPE_SINK_FLUSHSIZE", "10"), KEYS))
        .hasMessage("unknown config key sink.flushsize (environment variable PINPIPE_SINK_FLUSHSIZE); "
            + "did you mean PINPIPE_SINK_FLUSH_SIZE (sink.flush-size)?");
  }

  @Test
  void environmentVariablesOfOtherSectionsAreNoConfigurationAndLeftAlone() {
    ConfigSource source = ConfigSource.load(Optional.empty(), Map.of(
        "PINPIPE_JAVA_OPTS", "-Xmx1g",
        "PINPIPE_LOG_LEVEL", "DEBUG",
        "PINPIPE_TOKEN", "t",
        "PINPIPE_HOME", "/opt/pinpipe",
        "PINPIPE_SINK_FLUSH_SIZE", "10"), KEYS);

    assertThat(SinkSettings.from(source, "p").flushSize()).isEqualTo(10);
  }

  @Test
  void eachSettingsClassDeclaresTheKeysItReads() {
    assertThat(KafkaSettings.KEYS.keys()).contains("kafka.bootstrap", "kafka.max-in-flight-bytes").allMatch(key -> key.startsWith("kafka."));
    assertThat(IngestSettings.KEYS.keys()).contains("ingest.tokens", "ingest.instances").allMatch(key -> key.startsWith("ingest."));
    assertThat(S3Settings.KEYS.keys()).containsExactlyInAnyOrder("s3.endpoint", "s3.bucket", "s3.region", "s3.path-style");
    assertThat(SinkSettings.KEYS.keys()).hasSize(14).allMatch(key -> key.startsWith("sink."));
    assertThat(KEYS.sections()).containsExactly("ingest", "kafka", "s3", "sink");
  }

  @Test
  void numbersOutOfTheirRangeNameTheKeyAndTheRange() {
    assertThatThrownBy(() -> PinpipeConfig.from(ConfigSource.of(Map.of("ingest.http-port", "70000"))))
        .hasMessage("config ingest.http-port must be 1 to 65535, got 70000");
    assertThatThrownBy(() -> PinpipeConfig.from(ConfigSource.of(Map.of("ingest.instances", "0"))))
        .hasMessageStartingWith("config ingest.instances must be at least 1");
    assertThatThrownBy(() -> PinpipeConfig.from(ConfigSource.of(Map.of("ingest.max-body-bytes", "0"))))
        .hasMessageStartingWith("config ingest.max-body-bytes must be at least 1");
    assertThatThrownBy(() -> PinpipeConfig.from(ConfigSource.of(Map.of("kafka.timeout-ms", "999"))))
        .hasMessageStartingWith("config kafka.timeout-ms must be at least 1000");
    assertThatThrownBy(() -> PinpipeConfig.from(ConfigSource.of(Map.of("kafka.linger-ms", "-1"))))
        .hasMessageStartingWith("config kafka.linger-ms must be at least 0");
  }

  @Test
  void aNumberTooLargeForItsTypeIsAnErrorNotACast() {
    assertThatThrownBy(() -> PinpipeConfig.from(ConfigSource.of(Map.of("sink.flush-size", "99999999999"))))
        .hasMessage("config sink.flush-size must be at least 1 (at most 2147483647), got 99999999999");
    assertThatThrownBy(() -> PinpipeConfig.from(ConfigSource.of(Map.of("sink.rotate-interval-ms", "99999999999999999999"))))
        .hasMessageContaining("sink.rotate-interval-ms").hasMessageContaining("at most 9223372036854775807");
  }

  @Test
  void nearestKeyUsesEditDistance() {
    assertThat(KEYS.nearest("kafka.partition")).contains("kafka.partitions");
    assertThat(KEYS.nearest("INGEST.HTTP_PORT")).contains("ingest.http-port");
    assertThat(KEYS.nearest("completely.different")).isEmpty();
  }
}
