package dev.pinpipe.local.cli;

import dev.pinpipe.cli.ConfigOptions;
import dev.pinpipe.cli.TopicOptions;
import dev.pinpipe.cli.Versions;
import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.KafkaSettings;
import dev.pinpipe.embedded.EmbeddedKafka;
import dev.pinpipe.kafka.KafkaClientConfigs;
import dev.pinpipe.kafka.TopicSetup;
import dev.pinpipe.local.runtime.DataDirectoryLock;
import dev.pinpipe.local.runtime.EmbeddedSettings;
import dev.pinpipe.local.runtime.StartPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code pinpipe kafka}: only the embedded broker, for several processes (or a benchmark) to share. */
@Command(name = "kafka", mixinStandardHelpOptions = true, versionProvider = Versions.class,
    description = "Run only the embedded single-node Kafka broker (KRaft) with pinpipe's topics, until Ctrl-C.")
final class KafkaCommand implements Callable<Integer> {

  @Mixin
  ConfigOptions config;

  @Mixin
  TopicOptions topics;

  @Mixin
  DataDirOption dataDir;

  @Mixin
  KafkaPortOption kafkaPort;

  @Option(names = "--partitions", paramLabel = "N", description = "Partitions of each topic created at start (default: 3).")
  Integer partitions;

  @Override
  public Integer call() throws InterruptedException {
    ConfigSource source = config.source(topics, dataDir, kafkaPort).with("kafka.partitions", partitions);
    KafkaSettings settings = KafkaSettings.from(source);
    EmbeddedSettings embedded = EmbeddedSettings.from(source);
    DataDirectoryLock lock = StartPlan.in(embedded).kafka().claim(config.invocation());
    EmbeddedKafka kafka;
    try {
      kafka = EmbeddedKafka.start(embedded.dataDir().resolve("kafka"), embedded.kafkaPort());
    } catch (RuntimeException | Error e) {
      lock.close();
      throw e;
    }
    List<String> names = settings.topics().all();
    TopicSetup.ensureTopics(KafkaClientConfigs.admin(kafka.bootstrapServers(), settings, "pinpipe-setup"),
        names, settings.partitions(), settings.timeoutMs());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      kafka.close();
      lock.close();
      stopped.countDown();
    }, "pinpipe-kafka-shutdown"));
    System.out.println("pinpipe kafka: broker at " + kafka.bootstrapServers() + " (data in " + kafka.logDir() + "), topics " + names);
    System.out.println("Ctrl-C stops it.");
    stopped.await();
    return 0;
  }
}
