package dev.pinpipe.config;

/** Every role's settings, built from one {@link ConfigSource}. */
public record PinpipeConfig(KafkaSettings kafka, IngestSettings ingest, EmbeddedSettings embedded) {

  public static PinpipeConfig from(ConfigSource source) {
    KafkaSettings kafka = KafkaSettings.from(source);
    return new PinpipeConfig(kafka, IngestSettings.from(source, kafka.topicPrefix()), EmbeddedSettings.from(source));
  }
}
