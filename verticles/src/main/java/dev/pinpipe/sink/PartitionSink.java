package dev.pinpipe.sink;

import dev.pinpipe.config.SinkSettings;
import dev.pinpipe.sink.S3Layout.Partitioner;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Copies one topic partition to S3, on the sink's event loop.
 *
 * <p>Why every record lands exactly once. Records are cut into objects of contiguous offsets;
 * an object's key is fixed by its first record's offset. Objects of a partition are written one
 * after the other, and offset {@code n} is committed only after the object ending before {@code n}
 * is written. So at any moment, for committed offset {@code C}: every object whose start is
 * below {@code C} is complete and holds only records below {@code C}, and every record below
 * {@code C} is in one of them; any object starting at {@code C} or later comes from work that was
 * never committed. When a partition is assigned, before anything is written for it, those
 * objects are deleted; consumption restarts at {@code C}. Where objects are cut (by count, size,
 * day, or by time, which differs from one run to the next) therefore never matters.
 */
final class PartitionSink {

  private static final Logger LOG = LoggerFactory.getLogger(PartitionSink.class);
  private static final long DAY_MS = 86_400_000L;

  /** What the partition reports to the verticle. */
  interface Outlet {
    /** Commit {@code nextOffset} (and the watermark) for the partition: the object below it is written. */
    void commit(TopicPartition partition, long nextOffset, long watermark);

    /** An object is durably written (before its commit). */
    void written(TopicPartition partition, String key, OpenObject object);

    Future<Void> sendDeadLetters(List<DeadLetter> deadLetters);
  }

  private final TopicPartition partition;
  private final Vertx vertx;
  private final S3Layout layout;
  private final SinkSettings settings;
  private final ObjectStore store;
  private final SinkMetrics metrics;
  private final Outlet outlet;
  private final Backoff backoff;
  private final long assignedAt;
  private final Deque<OpenObject> sealed = new ArrayDeque<>();
  /** Flushes waiting for {@link #writtenOffset} to reach their offset. */
  private final List<Map.Entry<Long, Promise<Void>>> flushes = new ArrayList<>();
  private OpenObject open;
  private boolean ready;
  private boolean stopped;
  private Future<Void> attempt;
  private int failures;
  private long writtenOffset;
  private long watermark;

  /**
   * @param position  where consumption of the partition starts: its committed offset
   * @param watermark the largest record timestamp committed so far (from the commit's metadata)
   */
  PartitionSink(TopicPartition partition, long position, long watermark, Vertx vertx, S3Layout layout, SinkSettings settings,
                ObjectStore store, SinkMetrics metrics, Outlet outlet) {
    this.partition = partition;
    this.vertx = vertx;
    this.layout = layout;
    this.settings = settings;
    this.store = store;
    this.metrics = metrics;
    this.outlet = outlet;
    this.backoff = new Backoff(settings.retryInitialMs(), settings.retryMaxMs());
    this.assignedAt = position;
    this.writtenOffset = position;
    this.watermark = watermark;
  }

  /** Deletes what uncommitted attempts left at or after the committed offset; until then records only buffer. */
  void start() {
    String prefix = layout.partitioner() == Partitioner.DEFAULT
        ? layout.directory(partition.topic(), partition.partition(), 0)
        : S3Layout.ROOT + partition.topic() + "/";
    store.list(prefix)
        .compose(keys -> store.delete(keys.stream()
            .filter(key -> S3Layout.parse(key)
                .filter(name -> name.topic().equals(partition.topic()) && name.partition() == partition.partition()
                    && name.startOffset() >= assignedAt)
                .isPresent())
            .peek(key -> LOG.atInfo().addKeyValue("key", key).addKeyValue("committed", assignedAt)
                .log("deleting an object of an attempt that never committed"))
            .toList()))
        .onComplete(done -> {
          if (stopped) {
            return;
          }
          if (done.succeeded()) {
            ready = true;
            recovered();
            pump();
          } else {
            retryLater("clean up uncommitted objects", done.cause(), this::start);
          }
        });
  }

  void append(ConsumerRecord<byte[], byte[]> record) {
    if (stopped || record.offset() < nextExpected()) {
      return;
    }
    long timestamp = record.timestamp() >= 0 ? record.timestamp() : System.currentTimeMillis();
    if (open != null && !open.holdsTimestamp(timestamp)) {
      seal();
    }
    if (open == null) {
      open = newObject(record.offset(), timestamp);
    }
    try {
      open.appendLine(record.offset(), timestamp, JsonLine.of(record.value()));
    } catch (JsonLine.PoisonException poison) {
      open.appendDeadLetter(record.offset(), timestamp, new DeadLetter(record, poison.getMessage()));
    }
    if (open.records() >= settings.flushSize() || open.length() >= settings.maxObjectBytes()) {
      seal();
    }
  }

  private long nextExpected() {
    if (open != null) {
      return open.nextOffset();
    }
    return sealed.isEmpty() ? writtenOffset : sealed.peekLast().nextOffset();
  }

  private OpenObject newObject(long offset, long timestamp) {
    OpenObject object;
    if (layout.partitioner() == Partitioner.DAILY) {
      LocalDate day = Instant.ofEpochMilli(timestamp).atZone(ZoneOffset.UTC).toLocalDate();
      long start = day.toEpochDay() * DAY_MS;
      object = new OpenObject(S3Layout.dayDirectory(partition.topic(), day), day, start, start + DAY_MS, offset, 4096);
    } else {
      object = new OpenObject(layout.directory(partition.topic(), partition.partition(), timestamp), null,
          Long.MIN_VALUE, Long.MAX_VALUE, offset, 4096);
    }
    OpenObject opened = object;
    object.rotationTimer(vertx.setTimer(settings.rotateIntervalMs(), id -> {
      if (open == opened) {
        seal();
      }
    }));
    return object;
  }

  /** Closes the open object: it is written as soon as the ones before it are. */
  void seal() {
    if (open == null) {
      return;
    }
    vertx.cancelTimer(open.rotationTimer());
    sealed.add(open);
    open = null;
    pump();
  }

  private void pump() {
    if (!ready || stopped || attempt != null) {
      return;
    }
    flushes.removeIf(flush -> writtenOffset >= flush.getKey() && flush.getValue().tryComplete());
    if (!sealed.isEmpty()) {
      write(sealed.peek());
    }
  }

  private void write(OpenObject object) {
    long started = System.nanoTime();
    String key = object.keyOffset() < 0 ? null
        : layout.objectKey(object.directory(), partition.topic(), partition.partition(), object.keyOffset());
    Future<Void> deadLetters = object.deadLetters().isEmpty() ? Future.succeededFuture() : outlet.sendDeadLetters(object.deadLetters());
    attempt = deadLetters.compose(sent -> key == null ? Future.succeededFuture() : store.put(key, object.body(), object.length()));
    attempt.onComplete(done -> {
      attempt = null;
      if (stopped) {
        return;
      }
      if (done.failed()) {
        retryLater("write " + (key == null ? "dead letters" : key), done.cause(), this::pump);
        return;
      }
      recovered();
      sealed.poll();
      LOG.atDebug().addKeyValue("partition", partition).addKeyValue("key", key).addKeyValue("from", object.firstOffset())
          .addKeyValue("next", object.nextOffset()).addKeyValue("records", object.records()).log("object written");
      writtenOffset = object.nextOffset();
      watermark = Math.max(watermark, object.maxTimestamp());
      metrics.objectWritten(partition.topic(), object, key != null, System.nanoTime() - started);
      if (key != null) {
        outlet.written(partition, key, object);
      }
      if (!stopped) {
        outlet.commit(partition, writtenOffset, watermark);
        pump();
      }
    });
  }

  private void retryLater(String what, Throwable cause, Runnable retry) {
    failures++;
    long delay = backoff.delayMs(failures);
    if (failures == 1) {
      metrics.stalled(+1);
    }
    metrics.retried();
    LOG.atWarn().addKeyValue("partition", partition).addKeyValue("attempt", failures).addKeyValue("retryInMs", delay)
        .addKeyValue("error", cause.toString())
        .log("cannot " + what + "; the partition waits and retries, nothing is skipped");
    // A failed attempt stays "in flight" until the retry starts, so nothing overtakes it.
    attempt = Future.failedFuture(cause);
    vertx.setTimer(delay, id -> {
      attempt = null;
      if (!stopped) {
        retry.run();
      }
    });
  }

  private void recovered() {
    if (failures > 0) {
      metrics.stalled(-1);
      LOG.atInfo().addKeyValue("partition", partition).addKeyValue("failedAttempts", failures).log("S3 writes resumed");
      failures = 0;
    }
  }

  /** Completes once every record received so far is written (fails if the partition goes first). */
  Future<Void> flush() {
    Promise<Void> promise = Promise.promise();
    flushes.add(Map.entry(nextExpected(), promise));
    seal();
    pump();
    return promise.future();
  }

  /**
   * The partition is going to another member: drop what is buffered, start nothing new, and once
   * the write in flight (if any) is over, give the offset now safe to commit, if it moved.
   */
  Future<OptionalLong> revoke() {
    stop("partition revoked");
    Future<Void> inFlight = attempt == null ? Future.succeededFuture() : attempt;
    return inFlight.transform(done -> Future.succeededFuture(
        writtenOffset > assignedAt ? OptionalLong.of(writtenOffset) : OptionalLong.empty()));
  }

  /** Stops at once, committing nothing more. */
  void stop(String why) {
    if (stopped) {
      return;
    }
    stopped = true;
    if (open != null) {
      vertx.cancelTimer(open.rotationTimer());
      open = null;
    }
    sealed.clear();
    if (failures > 0) {
      metrics.stalled(-1);
    }
    flushes.forEach(flush -> flush.getValue().tryFail(why));
    flushes.clear();
  }

  long watermark() {
    return watermark;
  }

  /** Bytes of record data held in memory for this partition. */
  long bufferedBytes() {
    long bytes = open == null ? 0 : open.capacity();
    for (OpenObject object : sealed) {
      bytes += object.capacity();
    }
    return bytes;
  }

  /** Seals the open object if it is the largest buffer: called when memory is short. */
  long openBytes() {
    return open == null ? 0 : open.capacity();
  }

  TopicPartition partition() {
    return partition;
  }
}
