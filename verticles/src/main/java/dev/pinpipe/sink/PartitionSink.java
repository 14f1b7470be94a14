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
 * an object's key is fixed by its first record's offset. Up to {@code sink.uploads-per-partition}
 * objects of a partition are uploaded at once, but offset {@code n} is committed only once every
 * object ending before {@code n} is written (the commit follows the contiguous prefix of finished
 * uploads, never a later one). So at any moment, for committed offset {@code C}: every object whose start is
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
  /** Closed objects waiting for an upload slot, in offset order. */
  private final Deque<OpenObject> sealed = new ArrayDeque<>();
  /** Uploads started and not yet committed-for, in offset order; they may finish in any order. */
  private final Deque<Upload> uploads = new ArrayDeque<>();
  /** Flushes waiting for {@link #writtenOffset} to reach their offset. */
  private final List<Map.Entry<Long, Promise<Void>>> flushes = new ArrayList<>();
  private OpenObject open;
  /** The last object's size: a new buffer starts there, so filling one rarely copies it. */
  private int sizeHint = 4096;
  private boolean ready;
  private boolean stopped;
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
    if (!sealed.isEmpty()) {
      return sealed.peekLast().nextOffset();
    }
    return uploads.isEmpty() ? writtenOffset : uploads.peekLast().object.nextOffset();
  }

  private OpenObject newObject(long offset, long timestamp) {
    OpenObject object;
    if (layout.partitioner() == Partitioner.DAILY) {
      LocalDate day = Instant.ofEpochMilli(timestamp).atZone(ZoneOffset.UTC).toLocalDate();
      long start = day.toEpochDay() * DAY_MS;
      object = new OpenObject(S3Layout.dayDirectory(partition.topic(), day), day, start, start + DAY_MS, offset, initialCapacity());
    } else {
      object = new OpenObject(layout.directory(partition.topic(), partition.partition(), timestamp), null,
          Long.MIN_VALUE, Long.MAX_VALUE, offset, initialCapacity());
    }
    OpenObject opened = object;
    object.rotationTimer(vertx.setTimer(settings.rotateIntervalMs(), id -> {
      if (open == opened) {
        seal();
      }
    }));
    return object;
  }

  private int initialCapacity() {
    return (int) Math.min(settings.maxObjectBytes() + 64L * 1024, sizeHint + sizeHint / 8L);
  }

  /** Closes the open object: it is uploaded once a slot is free. */
  void seal() {
    if (open == null) {
      return;
    }
    vertx.cancelTimer(open.rotationTimer());
    sizeHint = Math.max(4096, open.length());
    sealed.add(open);
    open = null;
    pump();
  }

  /** One object on its way to S3. */
  private static final class Upload {
    final OpenObject object;
    final String key;
    Future<Void> attempt;
    long startedNanos;
    boolean done;

    Upload(OpenObject object, String key) {
      this.object = object;
      this.key = key;
    }
  }

  /** Commits what the finished prefix of uploads covers, answers flushes, starts uploads while slots are free. */
  private void pump() {
    if (!ready || stopped) {
      return;
    }
    if (advanceWritten()) {
      outlet.commit(partition, writtenOffset, watermark);
      if (stopped) {
        return;
      }
    }
    flushes.removeIf(flush -> writtenOffset >= flush.getKey() && flush.getValue().tryComplete());
    while (uploads.size() < settings.uploadsPerPartition() && !sealed.isEmpty()) {
      OpenObject object = sealed.poll();
      Upload upload = new Upload(object, object.keyOffset() < 0 ? null
          : layout.objectKey(object.directory(), partition.topic(), partition.partition(), object.keyOffset()));
      uploads.add(upload);
      send(upload);
    }
  }

  /** Moves {@link #writtenOffset} past every finished upload at the head of the queue; true when it moved. */
  private boolean advanceWritten() {
    boolean moved = false;
    while (!uploads.isEmpty() && uploads.peek().done) {
      OpenObject object = uploads.poll().object;
      writtenOffset = object.nextOffset();
      watermark = Math.max(watermark, object.maxTimestamp());
      moved = true;
    }
    return moved;
  }

  private void send(Upload upload) {
    OpenObject object = upload.object;
    upload.startedNanos = System.nanoTime();
    Future<Void> deadLetters = object.deadLetters().isEmpty() ? Future.succeededFuture() : outlet.sendDeadLetters(object.deadLetters());
    upload.attempt = deadLetters.compose(sent -> upload.key == null ? Future.succeededFuture() : store.put(upload.key, object.body(), object.length()));
    upload.attempt.onComplete(done -> {
      upload.done = done.succeeded();
      if (stopped) {
        return;
      }
      if (done.failed()) {
        retryLater("write " + (upload.key == null ? "dead letters" : upload.key), done.cause(), () -> send(upload));
        return;
      }
      recovered();
      LOG.atDebug().addKeyValue("partition", partition).addKeyValue("key", upload.key).addKeyValue("from", object.firstOffset())
          .addKeyValue("next", object.nextOffset()).addKeyValue("records", object.records()).log("object written");
      metrics.objectWritten(partition.topic(), object, upload.key != null, System.nanoTime() - upload.startedNanos);
      if (upload.key != null) {
        outlet.written(partition, upload.key, object);
      }
      pump();
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
    vertx.setTimer(delay, id -> {
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
   * the uploads in flight are over, give the offset now safe to commit, if it moved.
   */
  Future<OptionalLong> revoke() {
    stop("partition revoked");
    List<Future<Void>> inFlight = uploads.stream().map(upload -> upload.attempt).toList();
    return Future.join(inFlight).transform(done -> {
      advanceWritten();
      return Future.succeededFuture(writtenOffset > assignedAt ? OptionalLong.of(writtenOffset) : OptionalLong.empty());
    });
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
    for (Upload upload : uploads) {
      bytes += upload.object.capacity();
    }
    return bytes;
  }

  TopicPartition partition() {
    return partition;
  }
}
