package dev.pinpipe.sink;

import dev.pinpipe.contracts.RawKeys;

import io.vertx.core.Context;
import io.vertx.core.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Writes {@code topics/<topic>/year=/month=/day=/_COMPLETE} once every partition of the topic is
 * past the end of that UTC day: its committed records reach a timestamp of the next day (the
 * watermark kept in the commit's metadata), or it has nothing left to read and the day ended
 * more than the grace period ago. Progress comes from the group's commits, so any instance can
 * decide for partitions another instance owns. It asks with an admin client, never through the
 * consumer, whose thread belongs to polling. Markers are idempotent: several instances may
 * write the same one.
 */
final class DayCompletion {

  private static final Logger LOG = LoggerFactory.getLogger(DayCompletion.class);
  private static final long DAY_MS = 86_400_000L;

  private final Admin admin;
  private final String groupId;
  private final Context context;
  private final ObjectStore store;
  private final SinkMetrics metrics;
  private final long graceMs;
  private final LongSupplier clock;
  private final Map<String, Set<LocalDate>> pending = new HashMap<>();
  private final Set<String> discovered = new HashSet<>();
  /** Markers this instance wrote or found: a late record for such a day is reported, its marker not written again. */
  private final Set<String> marked = new HashSet<>();
  /** Days older than yesterday already looked up for a marker. */
  private final Set<String> lookedUp = new HashSet<>();
  private boolean checking;

  DayCompletion(Admin admin, String groupId, Context context, ObjectStore store, SinkMetrics metrics, long graceMs, LongSupplier clock) {
    this.admin = admin;
    this.groupId = groupId;
    this.context = context;
    this.store = store;
    this.metrics = metrics;
    this.graceMs = graceMs;
    this.clock = clock;
  }

  /**
   * The commit metadata: the partition's watermark and the ID of the topic incarnation the offset
   * belongs to (offsets are committed by topic name, so a recreated topic could otherwise inherit
   * the old one's offsets).
   */
  static String metadata(long watermark, String topicId) {
    return watermark + "/" + topicId;
  }

  static long watermark(OffsetAndMetadata committed) {
    if (committed == null || committed.metadata() == null || committed.metadata().isEmpty()) {
      return Long.MIN_VALUE;
    }
    String metadata = committed.metadata();
    int slash = metadata.indexOf('/');
    try {
      return Long.parseLong(slash < 0 ? metadata : metadata.substring(0, slash));
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
    }
  }

  /** The topic ID a commit was made for; empty for commits without one (older versions). */
  static java.util.Optional<String> topicId(OffsetAndMetadata committed) {
    if (committed == null || committed.metadata() == null || committed.metadata().indexOf('/') < 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(committed.metadata().substring(committed.metadata().indexOf('/') + 1));
  }

  /**
   * Data for {@code day} of {@code topic} was written. When the day is already complete, the
   * records are late: the day's reports were (or may have been) computed without them, which is
   * counted and logged so that the daily job is run again for that day.
   */
  void written(String topic, LocalDate day) {
    String marker = RawKeys.completeMarker(topic, day);
    if (marked.contains(marker)) {
      late(topic, day);
      return;
    }
    LocalDate yesterday = today().minusDays(1);
    if (day.isBefore(yesterday) && lookedUp.add(marker)) {
      store.head(marker).onSuccess(head -> {
        if (head.isPresent()) {
          marked.add(marker);
          pending.computeIfPresent(topic, (name, days) -> {
            days.remove(day);
            return days.isEmpty() ? null : days;
          });
          late(topic, day);
        }
      });
    }
    pending.computeIfAbsent(topic, name -> new TreeSet<>()).add(day);
  }

  private void late(String topic, LocalDate day) {
    metrics.lateObject();
    LOG.atWarn().addKeyValue("topic", topic).addKeyValue("day", day)
        .log("records arrived for a day already marked _COMPLETE; run the daily job for that day again to include them");
  }

  private LocalDate today() {
    return LocalDate.ofEpochDay(Math.floorDiv(clock.getAsLong(), DAY_MS));
  }

  /**
   * Once per topic: days written before this process started that still lack their marker, among
   * the days from the committed watermark's day less one to tomorrow (two requests a day, whatever
   * the bucket's history).
   */
  void discover(String topic, long watermark) {
    if (!discovered.add(topic)) {
      return;
    }
    LocalDate today = today();
    LocalDate watermarkDay = watermark == Long.MIN_VALUE ? today : LocalDate.ofEpochDay(Math.floorDiv(watermark, DAY_MS));
    LocalDate first = (watermarkDay.isBefore(today) ? watermarkDay : today).minusDays(1);
    LocalDate last = (watermarkDay.isAfter(today) ? watermarkDay : today).plusDays(1);
    List<Future<?>> days = new ArrayList<>();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      LocalDate current = day;
      String marker = RawKeys.completeMarker(topic, day);
      days.add(store.head(marker).compose(head -> {
        if (head.isPresent()) {
          marked.add(marker);
          return Future.succeededFuture();
        }
        return store.list(RawKeys.dayDirectory(topic, current) + topic + "+", null).onSuccess(keys -> {
          if (!keys.isEmpty()) {
            pending.computeIfAbsent(topic, name -> new TreeSet<>()).add(current);
          }
        });
      }));
    }
    Future.all(days).onFailure(error -> {
      discovered.remove(topic);
      LOG.atWarn().addKeyValue("topic", topic).addKeyValue("error", error.toString()).log("cannot list days for _COMPLETE markers; will retry");
    });
  }

  /** One pass over the pending days; passes never overlap. */
  Future<Void> check() {
    if (checking || pending.isEmpty()) {
      return Future.succeededFuture();
    }
    checking = true;
    List<Future<?>> topics = new ArrayList<>();
    for (String topic : List.copyOf(pending.keySet())) {
      topics.add(checkTopic(topic));
    }
    return Future.join(topics).<Void>mapEmpty().onComplete(done -> checking = false);
  }

  private Future<Void> checkTopic(String topic) {
    Future<Map<TopicPartition, OffsetAndMetadata>> committed = bridge(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
    return bridge(admin.describeTopics(List.of(topic)).allTopicNames())
        .compose(descriptions -> {
          Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
          descriptions.get(topic).partitions().forEach(info -> latest.put(new TopicPartition(topic, info.partition()), OffsetSpec.latest()));
          return bridge(admin.listOffsets(latest).all());
        })
        .compose(ends -> committed.compose(offsets -> {
          List<Progress> progress = new ArrayList<>();
          ends.forEach((partition, end) -> {
            OffsetAndMetadata offset = offsets.get(partition);
            long position = offset == null ? 0 : offset.offset();
            progress.add(new Progress(watermark(offset), position >= end.offset()));
          });
          return markCompleteDays(topic, progress);
        }))
        .onFailure(error -> LOG.atWarn().addKeyValue("topic", topic).addKeyValue("error", error.toString())
            .log("cannot check day completeness; will retry"));
  }

  private <T> Future<T> bridge(KafkaFuture<T> future) {
    return Future.fromCompletionStage(future.toCompletionStage(), context);
  }

  /** A partition's committed watermark, and whether it has nothing left to read. */
  private record Progress(long watermark, boolean idle) {
    boolean pastDay(long dayEndMs, long nowMs, long graceMs) {
      return watermark >= dayEndMs || idle && nowMs >= dayEndMs + graceMs;
    }
  }

  private Future<Void> markCompleteDays(String topic, List<Progress> progress) {
    List<Future<?>> markers = new ArrayList<>();
    long now = clock.getAsLong();
    for (LocalDate day : List.copyOf(pending.getOrDefault(topic, Set.of()))) {
      long dayEnd = (day.toEpochDay() + 1) * DAY_MS;
      if (progress.stream().allMatch(partition -> partition.pastDay(dayEnd, now, graceMs))) {
        String marker = RawKeys.completeMarker(topic, day);
        markers.add(store.putMarker(marker).onSuccess(ok -> {
          marked.add(marker);
          pending.computeIfPresent(topic, (name, days) -> {
            days.remove(day);
            return days.isEmpty() ? null : days;
          });
          LOG.atInfo().addKeyValue("topic", topic).addKeyValue("day", day).log("day complete: wrote _COMPLETE");
        }));
      }
    }
    return Future.join(markers).mapEmpty();
  }
}
