package dev.pinpipe.bench;

import dev.pinpipe.local.runtime.LocalPipeline;

import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.KafkaSettings;
import dev.pinpipe.config.S3Settings;
import dev.pinpipe.embedded.EmbeddedKafka;
import dev.pinpipe.kafka.KafkaClientConfigs;
import dev.pinpipe.kafka.TopicSetup;
import dev.pinpipe.embedded.EmbeddedS3;
import dev.pinpipe.s3.S3Clients;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The broker and the object store of a sink benchmark, both inside this JVM: an embedded KRaft
 * broker and the embedded S3 (S3Proxy on the filesystem), each under its own directory of a
 * temporary data directory that {@link #close()} removes.
 */
final class BenchServices implements AutoCloseable {

  private final Path dataDir;
  private final EmbeddedKafka kafka;
  private final EmbeddedS3 s3;
  private final KafkaSettings kafkaSettings;
  private final S3Settings s3Settings;

  private BenchServices(Path dataDir, EmbeddedKafka kafka, EmbeddedS3 s3, KafkaSettings kafkaSettings) {
    this.dataDir = dataDir;
    this.kafka = kafka;
    this.s3 = s3;
    this.kafkaSettings = kafkaSettings;
    this.s3Settings = S3Settings.from(ConfigSource.of(Map.of("s3.endpoint", s3.endpoint().toString())));
  }

  /**
   * @param parent where the data goes: a new temporary directory under it (or under the system's
   *               temporary directory when null), removed by {@link #close()}
   * @param kafkaSettings the service's Kafka settings (producer and consumer configs derive from them)
   */
  static BenchServices start(Path parent, KafkaSettings kafkaSettings) throws IOException {
    Path dataDir = parent == null
        ? Files.createTempDirectory("pinpipe-sink-bench")
        : Files.createTempDirectory(Files.createDirectories(parent), "pinpipe-sink-bench");
    EmbeddedKafka kafka = null;
    try {
      kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), freePortPair());
      EmbeddedS3 s3 = EmbeddedS3.start(dataDir.resolve("s3"), freePort());
      return new BenchServices(dataDir, kafka, s3, kafkaSettings);
    } catch (RuntimeException e) {
      if (kafka != null) {
        kafka.close();
      }
      delete(dataDir);
      throw e;
    }
  }

  String bootstrap() {
    return kafka.bootstrapServers();
  }

  KafkaSettings kafkaSettings() {
    return kafkaSettings;
  }

  S3Settings s3Settings() {
    return s3Settings;
  }

  EmbeddedS3 s3() {
    return s3;
  }

  Path dataDir() {
    return dataDir;
  }

  /** A new client of the embedded S3, as the service builds it; the caller closes it. */
  S3AsyncClient s3Client() {
    return S3Clients.create(s3Settings, LocalPipeline.connection(s3));
  }

  void createBucket(String bucket) {
    try (S3AsyncClient client = s3Client()) {
      S3Clients.ensureBucket(client, bucket);
    }
  }

  void createTopics(List<String> topics, int partitions) {
    TopicSetup.ensureTopics(KafkaClientConfigs.admin(bootstrap(), kafkaSettings, "pinpipe-bench-setup"), topics, partitions,
        kafkaSettings.timeoutMs());
  }

  /** Removes a bucket and its objects straight from the embedded S3's directory, to keep the disk from filling up. */
  void dropBucket(String bucket) {
    delete(dataDir.resolve("s3").resolve(bucket));
  }

  /** Bytes of the files of a bucket in the embedded S3's directory. */
  long bucketBytes(String bucket) {
    return treeBytes(dataDir.resolve("s3").resolve(bucket));
  }

  @Override
  public void close() {
    try {
      s3.close();
    } finally {
      try {
        kafka.close();
      } finally {
        delete(dataDir);
      }
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  /** A port whose successor is free too (the embedded broker's controller takes port + 1). */
  private static int freePortPair() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = freePort();
      if (port < 65535 && portFree(port + 1)) {
        return port;
      }
    }
    throw new IllegalStateException("no two consecutive free ports for the embedded broker");
  }

  private static boolean portFree(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static long treeBytes(Path root) {
    if (!Files.exists(root)) {
      return 0;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).mapToLong(path -> {
        try {
          return Files.size(path);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
  }

  static void delete(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          // best effort: the script removes the whole data directory at exit too
        }
      });
    } catch (IOException | UncheckedIOException e) {
      System.err.println("sink benchmark: could not remove " + root + ": " + e.getMessage());
    }
  }
}
