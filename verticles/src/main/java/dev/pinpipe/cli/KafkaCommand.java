package dev.pinpipe.cli;

import dev.pinpipe.config.PinpipeConfig;
import dev.pinpipe.kafka.EmbeddedKafka;
import dev.pinpipe.kafka.KafkaClientConfigs;
import dev.pinpipe.kafka.TopicSetup;
import dev.pinpipe.runtime.DataDirectoryLock;
import dev.pinpipe.runtime.StartPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code pinpipe kafka}: only the embedded broker, for several processes (or a benchmark) to share. */
@Command(name = "kafka", mixinStandardHelpOptions = true,
    description = "Run only the embedded single-node Kafka broker (KRaft) with pinpipe's topics, until Ctrl-C.")
final class KafkaCommand implements Callable<Integer> {

  @Mixin
  CommonOptions common;

  @Override
  public Integer call() throws InterruptedException {
    PinpipeConfig config = common.config(common.source());
    DataDirectoryLock lock = StartPlan.in(config.embedded()).kafka().claim(common.invocation());
    EmbeddedKafka kafka;
    try {
      kafka = EmbeddedKafka.start(config.embedded().dataDir().resolve("kafka"), config.embedded().kafkaPort());
    } catch (RuntimeException | Error e) {
      lock.close();
      throw e;
    }
    List<String> topics = List.of(config.kafka().topic("pin"), config.kafka().topic("geo"), config.kafka().topic("user"));
    TopicSetup.ensureTopics(KafkaClientConfigs.admin(kafka.bootstrapServers(), config.kafka(), "pinpipe-setup"),
        topics, config.kafka().partitions(), config.kafka().timeoutMs());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      kafka.close();
      lock.close();
      stopped.countDown();
    }, "pinpipe-kafka-shutdown"));
    System.out.println("pinpipe kafka: broker at " + kafka.bootstrapServers() + " (data in " + kafka.logDir() + "), topics " + topics);
    System.out.println("Ctrl-C stops it.");
    stopped.await();
    return 0;
  }
}
