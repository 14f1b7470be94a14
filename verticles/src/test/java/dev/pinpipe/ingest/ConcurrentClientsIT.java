package dev.pinpipe.ingest;

import dev.pinpipe.support.TestPipeline;
import dev.pinpipe.support.TopicReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.pinpipe.support.TestPipeline.JSON_V2;
import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentClientsIT {

  private static final int CLIENTS = 64;
  private static final int REQUESTS_PER_CLIENT = 40;
  private static final int RECORDS_PER_REQUEST = 5;

  private static TestPipeline pipeline;

  @BeforeAll
  static void start() {
    pipeline = TestPipeline.start(Map.of());
  }

  @AfterAll
  static void stop() {
    pipeline.close();
  }

  @Test
  void sixtyFourClientsAtOnceEveryAcknowledgedRecordIsStoredExactlyOnce() throws Exception {
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    List<String> kinds = List.of("pin", "geo", "user");
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    List<Future<List<Integer>>> statuses = new ArrayList<>();
    for (int client = 0; client < CLIENTS; client++) {
      int clientId = client;
      statuses.add(clients.submit(() -> {
        List<Integer> codes = new ArrayList<>();
        String topic = pipeline.topic(kinds.get(clientId % 3));
        for (int request = 0; request < REQUESTS_PER_CLIENT; request++) {
          JsonArray records = new JsonArray();
          List<String> ids = new ArrayList<>();
          for (int r = 0; r < RECORDS_PER_REQUEST; r++) {
            String id = clientId + "-" + request + "-" + r;
            ids.add(id);
            records.add(new JsonObject().put("value", new JsonObject().put("id", id).put("text", "some text " + id)));
          }
          HttpResponse<String> response = pipeline.post("/topics/" + topic, JSON_V2, new JsonObject().put("records", records).encode());
          codes.add(response.statusCode());
          if (response.statusCode() == 200) {
            acknowledged.addAll(ids);
          }
        }
        return codes;
      }));
    }
    clients.shutdown();
    assertThat(clients.awaitTermination(5, TimeUnit.MINUTES)).isTrue();

    for (Future<List<Integer>> client : statuses) {
      assertThat(client.get()).containsOnly(200);
    }
    List<ConsumerRecord<byte[], byte[]>> stored = TopicReader.readAll(pipeline.bootstrap(), pipeline.topics());
    Map<String, Long> counts = stored.stream()
        .map(record -> new JsonObject(new String(record.value(), StandardCharsets.UTF_8)).getString("id"))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(acknowledged).hasSize(CLIENTS * REQUESTS_PER_CLIENT * RECORDS_PER_REQUEST);
    assertThat(counts.keySet()).isEqualTo(acknowledged);
    assertThat(counts.values()).containsOnly(1L);
  }
}
