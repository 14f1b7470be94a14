package dev.pinpipe.sink;

import dev.pinpipe.contracts.RawKeys;
import dev.pinpipe.contracts.RawLayout;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** What the sink deletes, keeps and resumes from when a partition is assigned. */
class PartitionScanTest {

  private static final String TOPIC = "t.pin";
  private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
  private static final String ID = "topic-id-2";
  private static final String GROUP = "g";
  private static final String DIRECTORY = "topics/t.pin/partition=0/";
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final MemoryObjectStore store = new MemoryObjectStore();
  private final RawLayout defaultLayout = RawLayout.DEFAULT;

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void withACommitOnlyThisIncarnationsAndGroupsObjectsPastItAreDeleted() throws Exception {
    String committedObject = object(0, 10, ID, GROUP, 0);
    String uncommitted = object(10, 15, ID, GROUP, 0);
    String uncommittedLater = object(15, 20, ID, GROUP, 10);
    String otherGroup = object(10, 30, ID, "other-group", 0);
    String otherIncarnation = object(11, 12, "topic-id-1", GROUP, 0);
    String writerKnewMore = object(20, 25, ID, GROUP, 25);
    store.put(DIRECTORY + "t.pin+0+0000000021.json", "{}\n", Map.of());
    String notOurs = DIRECTORY + "t.pin+0+0000000021.json";

    PartitionScan.Resume resume = scan(defaultLayout, OptionalLong.of(10), Long.MIN_VALUE, 0);

    assertThat(resume.offset()).isEqualTo(10);
    assertThat(resume.deleted()).isEqualTo(2);
    assertThat(resume.leftAlone()).isEqualTo(4);
    assertThat(store.objects()).containsOnlyKeys(committedObject, otherGroup, otherIncarnation, writerKnewMore, notOurs);
    assertThat(uncommitted).isNotEqualTo(uncommittedLater);
  }

  @Test
  void objectsWhoseRecordsKafkaNoLongerHoldsAreNeverDeleted() throws Exception {
    String beyondRetention = object(10, 15, ID, GROUP, 0);

    PartitionScan.Resume resume = scan(defaultLayout, OptionalLong.of(10), Long.MIN_VALUE, 100);

    assertThat(store.objects()).containsOnlyKeys(beyondRetention);
    assertThat(resume.deleted()).isZero();
  }

  @Test
  void anObjectOfANewerOwnerFencesTheAssignmentAndIsKept() throws Exception {
    String newer = object(10, 15, ID, GROUP, 10, 7);

    PartitionScan.Resume resume = scan(defaultLayout, OptionalLong.of(10), Long.MIN_VALUE, 0);

    assertThat(resume.fenced()).isTrue();
    assertThat(store.objects()).containsOnlyKeys(newer);
  }

  @Test
  void withoutACommitThePositionIsRecoveredAfterTheContiguousObjectsAndNothingIsDeleted() throws Exception {
    object(0, 10, ID, GROUP, 0);
    object(10, 25, ID, GROUP, 10);
    object(25, 30, ID, GROUP, 10);
    object(33, 40, ID, GROUP, 10);
    object(30, 31, "topic-id-1", GROUP, 0);
    int before = store.objects().size();

    PartitionScan.Resume resume = scan(defaultLayout, OptionalLong.empty(), Long.MIN_VALUE, 0);

    assertThat(resume.offset()).isEqualTo(30);
    assertThat(resume.recovered()).isTrue();
    assertThat(resume.deleted()).isZero();
    assertThat(store.objects()).hasSize(before);
  }

  @Test
  void withoutACommitOrAnyOwnObjectWritingStartsAtTheLogStartAndOtherObjectsStay() throws Exception {
    object(0, 10, "topic-id-1", GROUP, 0);
    object(10, 20, "topic-id-1", GROUP, 10);

    PartitionScan.Resume resume = scan(defaultLayout, OptionalLong.empty(), Long.MIN_VALUE, 3);

    assertThat(resume.offset()).isEqualTo(3);
    assertThat(resume.recovered()).isFalse();
    assertThat(resume.leftAlone()).isEqualTo(2);
    assertThat(store.objects()).hasSize(2);
  }

  @Test
  void assignmentOverTenThousandOldObjectsMakesABoundedNumberOfListRequests() throws Exception {
    RawLayout daily = RawLayout.DAILY;
    LocalDate first = TODAY.minusDays(100);
    for (int i = 0; i < 10_000; i++) {
      LocalDate day = first.plusDays(i / 100);
      store.put(RawKeys.objectKey(RawKeys.dayDirectory(TOPIC, day), TOPIC, 0, i * 10L), "{}\n",
          new ObjectOwner(ID, GROUP, "old", 1, i * 10L, i * 10L + 10, i * 10L).metadata());
    }
    long watermark = TODAY.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();

    long listsBefore = store.listRequests();
    PartitionScan.Resume resume = scan(daily, OptionalLong.of(100_000), watermark, 0);
    long assignmentLists = store.listRequests() - listsBefore;

    DayCompletion days = new DayCompletion(null, GROUP, context, store, new SinkMetrics(new SimpleMeterRegistry(), () -> 0), 0,
        () -> TODAY.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
    long discoverBefore = store.listRequests();
    onContext(() -> {
      days.discover(TOPIC, watermark);
      return null;
    });
    long discoverLists = store.listRequests() - discoverBefore;

    assertThat(resume.offset()).isEqualTo(100_000);
    assertThat(resume.deleted()).isZero();
    // One per day from the watermark's day less one to tomorrow, whatever the history holds.
    assertThat(assignmentLists).isEqualTo(4);
    assertThat(discoverLists).isLessThanOrEqualTo(4);
    assertThat(store.objects()).hasSize(10_000);

    MemoryObjectStore flat = new MemoryObjectStore();
    for (int i = 0; i < 10_000; i++) {
      flat.put(RawKeys.objectKey(DIRECTORY, TOPIC, 0, i * 10L), "{}\n", Map.of());
    }
    onContext(() -> new PartitionScan(flat, defaultLayout, assignment(OptionalLong.of(99_990), Long.MIN_VALUE, 0), TODAY).run())
        .await(10, TimeUnit.SECONDS);
    assertThat(flat.listRequests()).as("default layout: the partition's keys from the committed offset on").isEqualTo(1);
  }

  private String object(long from, long next, String topicId, String group, long committed) {
    return object(from, next, topicId, group, committed, 1);
  }

  private String object(long from, long next, String topicId, String group, long committed, int generation) {
    String key = RawKeys.objectKey(DIRECTORY, TOPIC, 0, from);
    if (store.objects().containsKey(key)) {
      key = RawKeys.taggedKey(DIRECTORY, TOPIC, 0, from, RawKeys.tag(topicId, group));
    }
    store.put(key, "{\"from\":" + from + "}\n", new ObjectOwner(topicId, group, "w" + from, generation, from, next, committed).metadata());
    return key;
  }

  private PartitionScan.Resume scan(RawLayout layout, OptionalLong committed, long watermark, long logStart) throws Exception {
    return onContext(() -> new PartitionScan(store, layout, assignment(committed, watermark, logStart), TODAY).run())
        .await(10, TimeUnit.SECONDS);
  }

  private static PartitionScan.Assignment assignment(OptionalLong committed, long watermark, long logStart) {
    return new PartitionScan.Assignment(PARTITION, ID, GROUP, "now", 5, committed, watermark, logStart);
  }

  private <T> T onContext(Supplier<T> action) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> result.complete(action.get()));
    return result.get(30, TimeUnit.SECONDS);
  }
}
