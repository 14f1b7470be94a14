package dev.pinpipe.support;

import dev.pinpipe.embedded.EmbeddedKafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** One in-process KRaft broker for every integration test class of the run that does not stop Kafka. */
public final class SharedKafka {

  private static EmbeddedKafka kafka;

  private SharedKafka() {
  }

  public static synchronized String bootstrap() {
    if (kafka == null) {
      try {
        kafka = EmbeddedKafka.start(Files.createTempDirectory("pinpipe-it-kafka"), Ports.free(2));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "shared-kafka-shutdown"));
    }
    return kafka.bootstrapServers();
  }
}
