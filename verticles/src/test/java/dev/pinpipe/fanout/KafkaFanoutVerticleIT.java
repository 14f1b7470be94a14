package dev.pinpipe.fanout;

import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.KafkaSettings;
import dev.pinpipe.kafka.KafkaClientConfigs;
import dev.pinpipe.kafka.TopicSetup;
import dev.pinpipe.produce.LocalCodec;
import dev.pinpipe.produce.OutgoingRecord;
import dev.pinpipe.produce.ProduceReply;
import dev.pinpipe.produce.ProduceRequest;
import dev.pinpipe.produce.RecordResult;
import dev.pinpipe.support.SharedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The fan-out alone on the event bus: what any role in the process sees. */
@ExtendWith(VertxExtension.class)
class KafkaFanoutVerticleIT {

  private final String topic = "fanout-" + UUID.randomUUID().toString().substring(0, 8);
  private KafkaSettings settings;
  private InFlightBudget budget;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext context) {
    settings = KafkaSettings.from(ConfigSource.of(Map.of("kafka.timeout-ms", "10000")));
    String bootstrap = SharedKafka.bootstrap();
    TopicSetup.ensureTopics(KafkaClientConfigs.admin(bootstrap, settings, "it"), List.of(topic), 2, 30_000);
    LocalCodec.registerProduceCodecs(vertx);
    budget = new InFlightBudget(1024 * 1024);
    Map<String, String> producer = KafkaClientConfigs.producer(bootstrap, settings);
    vertx.deployVerticle(() -> new KafkaFanoutVerticle(producer, budget, new SimpleMeterRegistry()), new DeploymentOptions().setInstances(2))
        .onComplete(context.succeedingThenComplete());
  }

  private OutgoingRecord record(int partition, String value) {
    return new OutgoingRecord(topic, partition, null, value.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void repliesOneResultPerRecordInRequestOrderAndReleasesTheBudget(Vertx vertx, VertxTestContext context) {
    List<OutgoingRecord> records = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      records.add(record(i % 2, "{\"n\":" + i + "}"));
    }
    var replied = context.checkpoint(3);

    for (int request = 0; request < 3; request++) {
      vertx.eventBus().<ProduceReply>request(ProduceRequest.ADDRESS, ProduceRequest.of(records))
          .onComplete(context.succeeding(message -> context.verify(() -> {
            List<RecordResult> results = message.body().results();
            assertThat(results).hasSize(20).allMatch(RecordResult::ok);
            for (int i = 0; i < 20; i++) {
              assertThat(results.get(i).partition()).isEqualTo(i % 2);
              if (i >= 2) {
                assertThat(results.get(i).offset()).as("request order within a partition").isGreaterThan(results.get(i - 2).offset());
              }
            }
            replied.flag();
          })));
    }
  }

  @org.junit.jupiter.api.AfterEach
  void budgetIsFullyReleasedOnceEveryReplyIsIn() {
    assertThat(budget.used()).isZero();
  }

  @Test
  void aFullBudgetFailsTheRequestWithTheOverloadedCode(Vertx vertx, VertxTestContext context) {
    budget.tryAcquire(2 * 1024 * 1024);

    vertx.eventBus().<ProduceReply>request(ProduceRequest.ADDRESS, ProduceRequest.of(List.of(record(0, "1"))))
        .onComplete(context.failing(error -> context.verify(() -> {
          assertThat(error).isInstanceOf(ReplyException.class);
          assertThat(((ReplyException) error).failureCode()).isEqualTo(ProduceRequest.OVERLOADED);
          budget.release(2 * 1024 * 1024);
          context.completeNow();
        })));
  }
}
