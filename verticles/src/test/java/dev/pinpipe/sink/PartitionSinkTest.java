package dev.pinpipe.sink;

import dev.pinpipe.contracts.RawKeys;
import dev.pinpipe.contracts.RawLayout;

import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.SinkSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deterministic interleavings of two owners of one partition and of S3 failures, against a bucket
 * with S3's write and delete semantics ({@link MemoryObjectStore}); the Kafka side is played by
 * the test: it decides what is committed and when a partition changes hands.
 */
class PartitionSinkTest {

  private static final String TOPIC = "t.pin";
  private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
  private static final String TOPIC_ID = "topic-id-1";
  private static final String GROUP = "g";
  private static final String KEY_0 = "topics/t.pin/partition=0/t.pin+0+0000000000.json";
  private static final String KEY_5 = "topics/t.pin/partition=0/t.pin+0+0000000005.json";

  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final MemoryObjectStore store = new MemoryObjectStore();
  private final RawLayout layout = RawLayout.DEFAULT;

  /** What a partition told the verticle. */
  private static final class Recorder implements PartitionSink.Outlet {
    final List<Long> commits = new ArrayList<>();
    final List<Long> deadLetterOffsets = new ArrayList<>();
    boolean fenced;

    @Override
    public void commit(TopicPartition partition, long nextOffset, long watermark) {
      commits.add(nextOffset);
    }

    @Override
    public void written(TopicPartition partition, String key, OpenObject object) {
    }

    @Override
    public Future<Void> sendDeadLetters(List<DeadLetter> deadLetters) {
      deadLetters.forEach(letter -> deadLetterOffsets.add(letter.record().offset()));
      return Future.succeededFuture();
    }

    @Override
    public void fenced(TopicPartition partition) {
      fenced = true;
    }
  }

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void anUploadHeldBackFromAnOwnerThatLostThePartitionCannotReplaceTheNewOwnersCommittedObject() throws Exception {
    store.holdCreates(key -> true);
    PartitionSink oldOwner = owner("a", 1, OptionalLong.of(0), settings(Map.of()), new Recorder());
    onContext(() -> appendAndFlush(oldOwner, 0, 5));
    assertThat(store.held()).hasSize(1);
    store.holdCreates(key -> false);
    onContext(() -> oldOwner.stop("partition lost"));

    Recorder newOutlet = new Recorder();
    PartitionSink newOwner = owner("b", 2, OptionalLong.of(0), settings(Map.of("sink.flush-size", "20")), newOutlet);
    onContext(() -> appendAndFlush(newOwner, 0, 20));
    assertThat(newOutlet.commits).containsExactly(20L);

    onContext(() -> store.held().get(0).release());

    assertThat(store.objects()).containsOnlyKeys(KEY_0);
    assertThat(lines(KEY_0)).isEqualTo(values(0, 20));
  }

  @Test
  void anOldOwnersLateObjectUnderAnotherKeyIsRemovedSoEveryRecordIsInS3Once() throws Exception {
    store.holdCreates(key -> key.equals(KEY_5));
    PartitionSink oldOwner = owner("a", 1, OptionalLong.of(0),
        settings(Map.of("sink.flush-size", "5", "sink.uploads-per-partition", "2")), new Recorder());
    onContext(() -> appendAndFlush(oldOwner, 0, 9));
    assertThat(store.objects()).containsOnlyKeys(KEY_0);
    assertThat(store.held()).hasSize(1);
    store.holdCreates(key -> false);
    // Its commit of offset 5 never reached Kafka: the partition was lost first.
    onContext(() -> oldOwner.stop("partition lost"));

    Recorder newOutlet = new Recorder();
    PartitionSink newOwner = owner("b", 2, OptionalLong.of(0), settings(Map.of("sink.flush-size", "20")), newOutlet);
    assertThat(store.objects()).as("the uncommitted object of the old owner is cleaned up").isEmpty();
    onContext(() -> appendAndFlush(newOwner, 0, 20));
    assertThat(newOutlet.commits).containsExactly(20L);

    onContext(() -> store.held().get(0).release());

    assertThat(store.objects()).containsOnlyKeys(KEY_0);
    assertThat(lines(KEY_0)).isEqualTo(values(0, 20));
  }

  @Test
  void anUploadOfACrashedOwnerLandingUnderTheNewOwnersKeyBeforeItWritesIsReplacedNotKept() throws Exception {
    store.holdCreates(key -> true);
    PartitionSink oldOwner = owner("a", 1, OptionalLong.of(0), settings(Map.of()), new Recorder());
    onContext(() -> appendAndFlush(oldOwner, 0, 5));
    store.holdCreates(key -> false);
    // A crashed process cleans nothing up; its request was already on its way to S3.
    onContext(oldOwner::crash);
    Recorder newOutlet = new Recorder();
    PartitionSink newOwner = owner("b", 2, OptionalLong.of(0), settings(Map.of("sink.flush-size", "20")), newOutlet);

    // The old upload lands after the new owner's clean-up, before its first write.
    onContext(() -> store.held().get(0).release());
    assertThat(lines(KEY_0)).isEqualTo(values(0, 5));
    onContext(() -> appendAndFlush(newOwner, 0, 20));

    assertThat(newOutlet.commits).containsExactly(20L);
    assertThat(store.objects()).containsOnlyKeys(KEY_0);
    assertThat(lines(KEY_0)).isEqualTo(values(0, 20));
  }

  @Test
  void anOwnerThatFindsANewerOwnersObjectStopsWritingThePartition() throws Exception {
    Recorder newOutlet = new Recorder();
    PartitionSink newOwner = owner("b", 3, OptionalLong.of(0), settings(Map.of()), newOutlet);
    onContext(() -> appendAndFlush(newOwner, 0, 5));
    Recorder oldOutlet = new Recorder();
    PartitionSink unaware = new PartitionSink(assignment("a", 2, OptionalLong.of(0)), new PartitionScan.Resume(0, 0, false, false, 0, 0),
        vertx, layout, settings(Map.of()), store, metrics(), oldOutlet);

    onContext(() -> unaware.append(record(0)));
    onContext(unaware::flush);

    assertThat(oldOutlet.fenced).isTrue();
    assertThat(oldOutlet.commits).isEmpty();
    assertThat(lines(KEY_0)).isEqualTo(values(0, 5));
  }

  @Test
  void anotherIncarnationsObjectKeepsItsKeyAndOursIsWrittenUnderATaggedOne() throws Exception {
    Map<String, String> oldIncarnation = new ObjectOwner("topic-id-0", GROUP, "x", 9, 0, 3, 0).metadata();
    store.put(KEY_0, "{\"old\":0}\n{\"old\":1}\n{\"old\":2}\n", oldIncarnation);
    Recorder outlet = new Recorder();
    PartitionSink sink = owner("a", 1, OptionalLong.empty(), settings(Map.of()), outlet);

    onContext(() -> appendAndFlush(sink, 0, 4));

    String tagged = RawKeys.taggedKey("topics/t.pin/partition=0/", TOPIC, 0, 0, RawKeys.tag(TOPIC_ID, GROUP));
    assertThat(store.objects()).containsOnlyKeys(KEY_0, tagged);
    assertThat(store.objects().get(KEY_0).text()).isEqualTo("{\"old\":0}\n{\"old\":1}\n{\"old\":2}\n");
    assertThat(lines(tagged)).isEqualTo(values(0, 4));
    assertThat(RawKeys.parse(tagged)).contains(new RawKeys.ObjectName(TOPIC, 0, 0));
    assertThat(outlet.commits).containsExactly(4L);
  }

  @Test
  void deadLettersAreSentOncePerPoisonRecordHoweverOftenS3Fails() throws Exception {
    Recorder outlet = new Recorder();
    PartitionSink sink = owner("a", 1, OptionalLong.of(0), settings(Map.of()), outlet);
    store.down(true);
    CompletableFuture<Void> flushed = new CompletableFuture<>();
    onContext(() -> {
      sink.append(record(0));
      sink.append(new ConsumerRecord<>(TOPIC, 0, 1, null, "{not json".getBytes(StandardCharsets.UTF_8)));
      sink.append(record(2));
      sink.flush().onComplete(done -> flushed.complete(null));
      return null;
    });

    await().atMost(Duration.ofSeconds(10)).until(() -> store.creates() == 0 && outlet.deadLetterOffsets.size() == 1
        && retried() >= 5);
    store.down(false);
    flushed.get(10, TimeUnit.SECONDS);

    assertThat(outlet.deadLetterOffsets).containsExactly(1L);
    assertThat(lines(KEY_0)).isEqualTo(List.of(value(0), value(2)));
    assertThat(outlet.commits).containsExactly(3L);
  }

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private double retried() {
    return registry.get("pinpipe.sink.s3.retries").counter().count();
  }

  private SinkMetrics metrics() {
    return new SinkMetrics(registry, () -> 0);
  }

  /** A new owner: the assignment-time scan of S3 first, then the partition sink, as the verticle does it. */
  private PartitionSink owner(String attempt, int generation, OptionalLong committed, SinkSettings settings, Recorder outlet)
      throws Exception {
    PartitionScan.Assignment assignment = assignment(attempt, generation, committed);
    PartitionScan.Resume resume = onContext(() -> new PartitionScan(store, layout, assignment, LocalDate.of(2026, 12, 2)).run())
        .await(10, TimeUnit.SECONDS);
    return new PartitionSink(assignment, resume, vertx, layout, settings, store, metrics(), outlet);
  }

  private static PartitionScan.Assignment assignment(String attempt, int generation, OptionalLong committed) {
    return new PartitionScan.Assignment(PARTITION, TOPIC_ID, GROUP, attempt, generation, committed, Long.MIN_VALUE, 0);
  }

  private static SinkSettings settings(Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>(Map.of("sink.partitioner", "default", "sink.rotate-interval-ms", "3600000",
        "sink.retry-initial-ms", "1", "sink.retry-max-ms", "5"));
    values.putAll(overrides);
    return SinkSettings.from(ConfigSource.of(values), "t");
  }

  private static Void appendAndFlush(PartitionSink sink, long from, long to) {
    LongStream.range(from, to).forEach(offset -> sink.append(record(offset)));
    sink.flush();
    return null;
  }

  private static ConsumerRecord<byte[], byte[]> record(long offset) {
    return new ConsumerRecord<>(TOPIC, 0, offset, null, value(offset).getBytes(StandardCharsets.UTF_8));
  }

  private static String value(long offset) {
    return "{\"n\":" + offset + "}";
  }

  private static List<String> values(long from, long to) {
    return LongStream.range(from, to).mapToObj(PartitionSinkTest::value).toList();
  }

  private List<String> lines(String key) {
    return store.objects().get(key).text().lines().collect(Collectors.toList());
  }

  private <T> T onContext(Callable<T> action) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        result.complete(action.call());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    });
    return result.get(10, TimeUnit.SECONDS);
  }

  private void onContext(Runnable action) throws Exception {
    onContext(() -> {
      action.run();
      return null;
    });
  }
}
