package dev.pinpipe.sink;

import dev.pinpipe.contracts.RawKeys;

import dev.pinpipe.config.SinkSettings;
import dev.pinpipe.contracts.RawLayout;
import dev.pinpipe.util.Backoff;
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
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Copies one topic partition to S3, on the sink's event loop.
 *
 * <p><b>Exactly once.</b> Records are cut into objects of contiguous offsets; an object's key is
 * fixed by its first record's offset. Up to {@code sink.uploads-per-partition} objects of a
 * partition are uploaded at once, but offset {@code n} is committed only once every object ending
 * before {@code n} is written (the commit follows the contiguous prefix of finished uploads). So
 * for committed offset {@code C}, every record below {@code C} is in exactly one complete object
 * below {@code C}, and an object starting at {@code C} or later is work no commit covers;
 * {@link PartitionScan} removes those of this topic incarnation and group when the partition is
 * assigned, and writing resumes at {@code C}. Where objects are cut (by count, size, day, or by
 * time, which differs from one run to the next) therefore never matters.
 *
 * <p><b>Nothing is overwritten.</b> Every object is created with {@code If-None-Match: *}: a write
 * never replaces an existing object, whoever wrote it. When the key is taken, its metadata
 * ({@link ObjectOwner}) decides: another topic incarnation's or group's object keeps its key and
 * ours takes a tagged one ({@link RawLayout#taggedKey}); an object of an earlier owner of this
 * partition starting where ours starts is uncommitted work (see above: it starts at or after our
 * written offset, which is at or after the committed one) and is deleted if it is still that very
 * object (conditional delete on its ETag), then ours is created; an object of a newer owner means
 * this member lost the partition without knowing: it stops writing it at once ("fenced").
 *
 * <p><b>Late writes of an owner that lost the partition.</b> A member whose partition was lost
 * (session expired, cut off from Kafka but not from S3) may still have uploads in flight. Such an
 * upload can never replace the new owner's object (create-only). If it lands first under the key
 * the new owner wants, the new owner deletes it as above. If it lands under another key, this
 * member, on seeing its upload finish after the partition was taken from it, deletes its own
 * object again (conditional on the ETag S3 returned for it): that object is covered by no commit,
 * since this member commits nothing for a partition once it is gone and no other member commits an
 * object it did not write. The one window left is a new owner replacing that object with a
 * byte-identical one between the two calls of this clean-up; docs/OPERATIONS.md states it. S3
 * calls time out (see {@code S3Clients}), so a revocation waits for every upload in flight.
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

    /** A newer owner wrote to the partition: this member no longer owns it, whatever Kafka has told it so far. */
    void fenced(TopicPartition partition);
  }

  /** Why a write cannot go on, and retrying would not help. */
  static final class FencedException extends RuntimeException {
    FencedException(String message) {
      super(message, null, false, false);
    }
  }

  private enum State { RUNNING, REVOKING, STOPPED, CRASHED }

  private final TopicPartition partition;
  private final Vertx vertx;
  private final RawLayout layout;
  private final SinkSettings settings;
  private final ObjectStore store;
  private final SinkMetrics metrics;
  private final Outlet outlet;
  private final Backoff backoff;
  private final PartitionScan.Assignment assignment;
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
  private State state = State.RUNNING;
  private int failures;
  private long writtenOffset;
  private long committedOffset;
  private long watermark;

  /**
   * @param assignment where the partition stood in Kafka when assigned (its topic ID, group generation)
   * @param resume     what {@link PartitionScan} found: consumption starts at {@code resume.offset()}
   */
  PartitionSink(PartitionScan.Assignment assignment, PartitionScan.Resume resume, Vertx vertx, RawLayout layout, SinkSettings settings,
                ObjectStore store, SinkMetrics metrics, Outlet outlet) {
    this.partition = assignment.partition();
    this.assignment = assignment;
    this.vertx = vertx;
    this.layout = layout;
    this.settings = settings;
    this.store = store;
    this.metrics = metrics;
    this.outlet = outlet;
    this.backoff = new Backoff(settings.retryInitialMs(), settings.retryMaxMs());
    this.assignedAt = resume.offset();
    this.writtenOffset = resume.offset();
    this.committedOffset = resume.committed();
    this.watermark = assignment.watermark();
  }

  /** Where consumption starts. */
  long startOffset() {
    return assignedAt;
  }

  void append(ConsumerRecord<byte[], byte[]> record) {
    if (state != State.RUNNING || record.offset() < nextExpected()) {
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
    if (layout == RawLayout.DAILY) {
      LocalDate day = Instant.ofEpochMilli(timestamp).atZone(ZoneOffset.UTC).toLocalDate();
      long start = day.toEpochDay() * DAY_MS;
      object = new OpenObject(RawKeys.dayDirectory(partition.topic(), day), day, start, start + DAY_MS, offset, initialCapacity());
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
    String key;
    boolean deadLettersSent;
    /** The ETag of the object this upload created, once it has. */
    String createdEtag;
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
    if (state != State.RUNNING) {
      return;
    }
    if (advanceWritten()) {
      outlet.commit(partition, writtenOffset, watermark);
      if (state != State.RUNNING) {
        return;
      }
    }
    flushes.removeIf(flush -> writtenOffset >= flush.getKey() && flush.getValue().tryComplete());
    while (uploads.size() < settings.uploadsPerPartition() && !sealed.isEmpty()) {
      OpenObject object = sealed.poll();
      Upload upload = new Upload(object, object.keyOffset() < 0 ? null
          : RawKeys.objectKey(object.directory(), partition.topic(), partition.partition(), object.keyOffset()));
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

  /** Dead letters first (once per record, whatever S3 does afterwards), then the object. */
  private void send(Upload upload) {
    OpenObject object = upload.object;
    upload.startedNanos = System.nanoTime();
    Future<Void> deadLetters = upload.deadLettersSent || object.deadLetters().isEmpty()
        ? Future.succeededFuture()
        : outlet.sendDeadLetters(object.deadLetters()).onSuccess(sent -> upload.deadLettersSent = true);
    upload.attempt = deadLetters.compose(sent -> upload.key == null ? Future.succeededFuture() : create(upload));
    upload.attempt.onComplete(done -> {
      if (state == State.STOPPED) {
        removeLateObject(upload);
        return;
      }
      if (state == State.CRASHED) {
        return;
      }
      upload.done = done.succeeded();
      if (state == State.REVOKING) {
        return;
      }
      if (done.failed()) {
        if (done.cause() instanceof FencedException) {
          fenced(done.cause().getMessage());
          return;
        }
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

  private ObjectOwner owner(OpenObject object) {
    return new ObjectOwner(assignment.topicId(), assignment.group(), assignment.attempt(), assignment.generation(),
        object.firstOffset(), object.nextOffset(), committedOffset);
  }

  /** Creates the upload's object; when its key is taken, settles who may have it (see the class comment). */
  private Future<Void> create(Upload upload) {
    OpenObject object = upload.object;
    ObjectOwner ours = owner(object);
    return store.create(upload.key, object.body(), object.length(), ours.metadata()).compose(etag -> {
      if (etag.isPresent()) {
        upload.createdEtag = etag.get();
        return Future.succeededFuture();
      }
      return store.head(upload.key).compose(head -> head.isEmpty() ? create(upload) : settle(upload, ours, head.get()));
    });
  }

  private Future<Void> settle(Upload upload, ObjectOwner ours, ObjectStore.Head existing) {
    Optional<ObjectOwner> theirs = ObjectOwner.of(existing.metadata());
    if (theirs.isEmpty() || !theirs.get().sameStream(ours)) {
      String tagged = RawKeys.taggedKey(upload.object.directory(), partition.topic(), partition.partition(),
          upload.object.keyOffset(), RawKeys.tag(ours.topicId(), ours.group()));
      if (tagged.equals(upload.key)) {
        return Future.failedFuture("both " + upload.key + " and its tagged name hold objects of another topic incarnation or "
            + "consumer group; move them away or use another sink.group-id");
      }
      LOG.atInfo().addKeyValue("partition", partition).addKeyValue("key", upload.key).addKeyValue("writing", tagged)
          .log("key taken by another topic incarnation or consumer group: left alone, writing under a tagged key");
      metrics.leftAlone(1);
      upload.key = tagged;
      return create(upload);
    }
    ObjectOwner other = theirs.get();
    if (other.attempt().equals(ours.attempt())) {
      // Our own earlier try of this upload landed although the call failed (a timeout): same records.
      return other.firstOffset() == ours.firstOffset() && other.nextOffset() == ours.nextOffset()
          ? Future.succeededFuture()
          : Future.failedFuture(new IllegalStateException(upload.key + " holds another range of this assignment: " + other));
    }
    if (other.generation() > ours.generation()) {
      return Future.failedFuture(new FencedException("owner of generation " + other.generation() + " wrote " + upload.key
          + "; this member (generation " + ours.generation() + ") has lost the partition"));
    }
    LOG.atInfo().addKeyValue("partition", partition).addKeyValue("key", upload.key).addKeyValue("theirAttempt", other.attempt())
        .addKeyValue("theirRange", other.firstOffset() + ".." + other.nextOffset()).addKeyValue("written", writtenOffset)
        .log("an earlier owner's uncommitted object holds the key: deleting it and writing ours");
    return store.deleteIfMatch(upload.key, existing.etag()).compose(deleted -> create(upload));
  }

  /**
   * An upload that finished after the partition was taken away: its object is covered by no commit
   * (this member commits nothing more for the partition, and nobody else commits what it did not
   * write), so it goes, if it is still the object this upload created.
   */
  private void removeLateObject(Upload upload) {
    if (upload.createdEtag == null) {
      return;
    }
    LOG.atInfo().addKeyValue("partition", partition).addKeyValue("key", upload.key)
        .log("an upload finished after the partition was taken away; deleting the object again, no commit covers it");
    store.deleteIfMatch(upload.key, upload.createdEtag).onFailure(error -> LOG.atWarn().addKeyValue("key", upload.key)
        .addKeyValue("error", error.toString())
        .log("cannot delete an uncommitted late object; its records may be in S3 twice (the next owner wrote them too)"));
  }

  private void fenced(String why) {
    LOG.atError().addKeyValue("partition", partition).addKeyValue("reason", why)
        .log("partition fenced: another member owns it; this member writes nothing more for it");
    metrics.fenced();
    stop("fenced: " + why);
    outlet.fenced(partition);
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
      if (state == State.RUNNING) {
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

  /** Kafka accepted a commit of {@code offset}: objects written from now on say so in their metadata. */
  void committed(long offset) {
    committedOffset = Math.max(committedOffset, offset);
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
   * the uploads in flight are over, give the offset now safe to commit, if it moved. Uploads that
   * finish after {@link #stop} are deleted again instead.
   */
  Future<OptionalLong> revoke() {
    if (state != State.RUNNING) {
      return Future.succeededFuture(OptionalLong.empty());
    }
    halt("partition revoked");
    state = State.REVOKING;
    List<Future<Void>> inFlight = uploads.stream().map(upload -> upload.attempt).toList();
    return Future.join(inFlight).transform(done -> {
      if (state != State.REVOKING) {
        return Future.succeededFuture(OptionalLong.empty());
      }
      advanceWritten();
      state = State.STOPPED;
      return Future.succeededFuture(writtenOffset > assignedAt ? OptionalLong.of(writtenOffset) : OptionalLong.empty());
    });
  }

  /** Stops at once, committing nothing more: what is still in flight is deleted again when it lands. */
  void stop(String why) {
    if (state == State.RUNNING) {
      halt(why);
    }
    state = State.STOPPED;
  }

  /** Stops as a killed process would: nothing more is written, committed or cleaned up. */
  void crash() {
    if (state == State.RUNNING) {
      halt("crashed");
    }
    state = State.CRASHED;
  }

  private void halt(String why) {
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

  int generation() {
    return assignment.generation();
  }

  String topicId() {
    return assignment.topicId();
  }

  TopicPartition partition() {
    return partition;
  }
}
