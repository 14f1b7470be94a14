package dev.pinpipe.ingest;

import dev.pinpipe.embedded.EmbeddedKafka;
import dev.pinpipe.support.Ports;
import dev.pinpipe.support.TestPipeline;
import dev.pinpipe.support.TopicReader;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.pinpipe.support.TestPipeline.JSON_V2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A broker of its own, stopped and restarted under load. */
class KafkaOutageIT {

  /** The promised bound on a produce request while Kafka is away. */
  private static final long TIMEOUT_MS = 6_000;

  private static EmbeddedKafka kafka;
  private TestPipeline pipeline;

  @BeforeAll
  static void startKafka() throws Exception {
    Path dir = Files.createTempDirectory("pinpipe-outage-kafka");
    kafka = EmbeddedKafka.start(dir, Ports.free(2));
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @AfterEach
  void cleanUp() {
    kafka.start();
    if (pipeline != null) {
      pipeline.close();
    }
  }

  private TestPipeline startPipeline(Map<String, String> overrides) {
    Map<String, String> config = new HashMap<>(Map.of("kafka.bootstrap", kafka.bootstrapServers(), "kafka.timeout-ms", String.valueOf(TIMEOUT_MS)));
    config.putAll(overrides);
    pipeline = TestPipeline.startWith(config);
    return pipeline;
  }

  private static HttpRequest produce(TestPipeline pipeline, String id) {
    return HttpRequest.newBuilder(pipeline.uri("/topics/" + pipeline.topic("pin")))
        // The request bound plus the event-bus margin: a hang fails the test instead of blocking it.
        .timeout(Duration.ofMillis(TIMEOUT_MS + 10_000))
        .header("Content-Type", JSON_V2)
        .POST(HttpRequest.BodyPublishers.ofString("{\"records\":[{\"value\":{\"id\":\"" + id + "\"}}]}"))
        .build();
  }

  private static Map<String, Long> storedIds(TestPipeline pipeline) {
    List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readAll(pipeline.bootstrap(), List.of(pipeline.topic("pin")));
    return records.stream()
        .map(record -> new JsonObject(new String(record.value(), StandardCharsets.UTF_8)).getString("id"))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  @Test
  void requestsFailRetriablyWhileKafkaIsDownAndSucceedAgainWhenItReturns() throws Exception {
    TestPipeline pipeline = startPipeline(Map.of());
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger acknowledgedSinceRestart = new AtomicInteger();
    AtomicBoolean restarted = new AtomicBoolean();
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService clients = Executors.newFixedThreadPool(4);
    for (int client = 0; client < 4; client++) {
      int clientId = client;
      clients.submit(() -> {
        for (int n = 0; running.get() && n < 100_000; n++) {
          String id = clientId + "-" + n;
          HttpResponse<String> response = pipeline.send(produce(pipeline, id));
          if (response.statusCode() == 200) {
            acknowledged.add(id);
            if (restarted.get()) {
              acknowledgedSinceRestart.incrementAndGet();
            }
          } else {
            failures.add(response.statusCode() + " " + response.headers().firstValue("Retry-After").orElse("-") + " " + response.body());
          }
        }
        return null;
      });
    }

    await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 50);
    kafka.stop();
    await().atMost(Duration.ofSeconds(60)).until(() -> failures.size() >= 8);
    assertThat(pipeline.get(pipeline.managementUri("/readyz")).statusCode()).isEqualTo(503);
    kafka.start();
    restarted.set(true);
    await().atMost(Duration.ofSeconds(90)).until(() -> acknowledgedSinceRestart.get() >= 50);
    running.set(false);
    clients.shutdown();
    assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

    assertThat(failures).allSatisfy(failure -> assertThat(failure)
        .startsWith("503 1 ")
        .matches(".*\"error_code\":(50003|50302).*"));
    await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.get(pipeline.managementUri("/readyz")).statusCode() == 200);
    Map<String, Long> stored = storedIds(pipeline);
    assertThat(stored).as("no record is stored twice").allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1L));
    assertThat(stored.keySet()).as("every acknowledged record is stored").containsAll(acknowledged);
  }

  @Test
  void whenTooManyBytesAreInFlightRequestsGet429AndNothingOfThemIsWritten() {
    TestPipeline pipeline = startPipeline(Map.of("kafka.max-in-flight-bytes", "1"));
    assertThat(pipeline.send(produce(pipeline, "warm-up")).statusCode()).isEqualTo(200);
    kafka.stop();
    CompletableFuture<HttpResponse<String>> stuck = pipeline.http().sendAsync(produce(pipeline, "stuck"), HttpResponse.BodyHandlers.ofString());
    await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.runtime().registry().get("pinpipe.fanout.in.flight.bytes").gauge().value() > 0);

    HttpResponse<String> refused = pipeline.send(produce(pipeline, "refused"));

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).contains("1");
    assertThat(new JsonObject(refused.body()).getInteger("error_code")).isEqualTo(42901);
    assertThat(stuck.join().statusCode()).isEqualTo(503);
    kafka.start();
    assertThat(storedIds(pipeline)).containsOnlyKeys("warm-up");
  }

  @Test
  void shutdownLetsRequestsInFlightFinish() throws Exception {
    TestPipeline pipeline = startPipeline(Map.of("kafka.timeout-ms", "30000"));
    assertThat(pipeline.send(produce(pipeline, "warm-up")).statusCode()).isEqualTo(200);
    kafka.stop();
    List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      inFlight.add(pipeline.http().sendAsync(produce(pipeline, "in-flight-" + i), HttpResponse.BodyHandlers.ofString()));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.runtime().registry().get("pinpipe.ingest.requests.in.flight").gauge().value() == 10);

    CompletableFuture<Void> closing = CompletableFuture.runAsync(pipeline::close);
    kafka.start();

    for (CompletableFuture<HttpResponse<String>> request : inFlight) {
      assertThat(request.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    closing.get(60, TimeUnit.SECONDS);
    this.pipeline = null;
    assertThat(storedIds(pipeline).keySet()).hasSize(11);
  }
}
