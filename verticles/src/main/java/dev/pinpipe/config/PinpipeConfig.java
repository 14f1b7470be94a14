package dev.pinpipe.config;

/** Every role's settings, built from one {@link ConfigSource}. */
public record PinpipeConfig(KafkaSettings kafka, IngestSettings ingest, S3Settings s3, SinkSettings sink) {

  public static PinpipeConfig from(ConfigSource source) {
    KafkaSettings kafka = KafkaSettings.from(source);
    return new PinpipeConfig(kafka, IngestSettings.from(source, kafka.topicPrefix()), S3Settings.from(source),
        SinkSettings.from(source, kafka.topicPrefix()));
  }
}
