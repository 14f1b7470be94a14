package dev.pinpipe.sink;

import dev.pinpipe.contracts.RawKeys;
import dev.pinpipe.contracts.RawKeys.ObjectName;
import dev.pinpipe.contracts.RawLayout;
import dev.pinpipe.sink.ObjectStore.Listed;
import io.vertx.core.Future;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What S3 holds of one partition when it is assigned, and where writing resumes. Runs before
 * anything is written for the partition.
 *
 * <p><b>With a committed offset {@code C}</b> (the usual case), an object of this topic
 * incarnation and group starting at or after {@code C} is work no commit covers: an owner commits
 * an offset only once every object below it is written, commits only move forward, and the only
 * member that may commit now is this one (Kafka fences the commits of older generations). Such
 * objects are deleted, each only if it is still the very object inspected (conditional delete on
 * its ETag), and their records are read again from {@code C}. Everything else is left alone and
 * counted: objects of other topic incarnations or groups, objects without pinpipe metadata, and,
 * as a guard against offsets reset backwards by hand, objects whose writer already knew a commit
 * beyond {@code C} or whose records Kafka no longer holds.
 *
 * <p><b>Without a committed offset</b> (a new Kafka cluster or a recreated topic have a new topic
 * ID and so find none of their own objects; offsets that expired or were deleted find theirs), the
 * position is recovered from S3, as the HDFS sink does: the newest object of this incarnation and
 * group says up to which offset its writer knew everything committed ({@code X}); the objects from
 * {@code X} that follow each other without a gap are complete records of this incarnation, so
 * writing resumes after the last of them. Nothing is deleted on this path: without a commit no
 * object is provably uncommitted. An object after a gap is left as is (its records may then be
 * written twice, never lost) and logged.
 *
 * <p>Listing is bounded: with a commit, only this partition's keys from {@code C} on, in the days
 * from the committed watermark's day less one to tomorrow (daily layout) or in the partition's
 * directory (default layout). Only recovery lists the topic's whole history.
 */
final class PartitionScan {

  private static final Logger LOG = LoggerFactory.getLogger(PartitionScan.class);

  /** Where the partition stands in Kafka at assignment. */
  record Assignment(TopicPartition partition, String topicId, String group, String attempt, int generation,
                    OptionalLong committed, long watermark, long logStartOffset) {
  }

  /**
   * @param offset    where writing resumes
   * @param committed the offset known committed (for the objects' metadata)
   * @param recovered true when {@code offset} came from S3 and must be committed
   * @param fenced    a newer owner's object was found: this assignment must not write
   */
  record Resume(long offset, long committed, boolean recovered, boolean fenced, int deleted, int leftAlone) {
  }

  private record Found(Listed listed, long keyOffset, Optional<ObjectOwner> owner, String etag) {
  }

  private final ObjectStore store;
  private final RawLayout layout;
  private final Assignment assignment;
  private final LocalDate today;

  PartitionScan(ObjectStore store, RawLayout layout, Assignment assignment, LocalDate today) {
    this.store = store;
    this.layout = layout;
    this.assignment = assignment;
    this.today = today;
  }

  Future<Resume> run() {
    return listCandidates().compose(keys -> assignment.committed().isPresent()
        ? cleanUp(keys, assignment.committed().getAsLong())
        : recover(keys));
  }

  /** Keys of this partition that may start at or after the committed offset (all of them without one). */
  private Future<List<Found>> listCandidates() {
    TopicPartition partition = assignment.partition();
    long from = assignment.committed().orElse(0);
    List<Future<List<Listed>>> listings = new ArrayList<>();
    if (layout == RawLayout.DEFAULT) {
      String directory = layout.directory(partition.topic(), partition.partition(), 0);
      listings.add(store.list(RawKeys.partitionPrefix(directory, partition.topic(), partition.partition()),
          RawKeys.listFrom(directory, partition.topic(), partition.partition(), from)));
    } else if (assignment.committed().isPresent() && assignment.watermark() != Long.MIN_VALUE) {
      LocalDate watermarkDay = Instant.ofEpochMilli(assignment.watermark()).atZone(ZoneOffset.UTC).toLocalDate();
      LocalDate first = (watermarkDay.isBefore(today) ? watermarkDay : today).minusDays(1);
      LocalDate last = (watermarkDay.isAfter(today) ? watermarkDay : today).plusDays(1);
      for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
        String directory = RawKeys.dayDirectory(partition.topic(), day);
        listings.add(store.list(RawKeys.partitionPrefix(directory, partition.topic(), partition.partition()),
            RawKeys.listFrom(directory, partition.topic(), partition.partition(), from)));
      }
    } else {
      listings.add(store.list(RawKeys.topicDirectory(partition.topic()), null));
    }
    return Future.all(listings).map(all -> {
      List<Found> found = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        List<Listed> listed = all.resultAt(i);
        for (Listed key : listed) {
          Optional<ObjectName> name = RawKeys.parse(key.key());
          if (name.isPresent() && name.get().topic().equals(partition.topic()) && name.get().partition() == partition.partition()
              && name.get().startOffset() >= from) {
            found.add(new Found(key, name.get().startOffset(), Optional.empty(), key.etag()));
          }
        }
      }
      return found;
    });
  }

  private Future<Found> inspect(Found found) {
    return store.head(found.listed().key()).map(head -> head
        .map(present -> new Found(found.listed(), found.keyOffset(), ObjectOwner.of(present.metadata()), present.etag()))
        .orElse(null));
  }

  /** Written for this topic incarnation and group: its offsets and ours are the same stream's. */
  private boolean ours(ObjectOwner owner) {
    return owner != null && owner.topicId().equals(assignment.topicId()) && owner.group().equals(assignment.group());
  }

  private Future<Resume> cleanUp(List<Found> keys, long committed) {
    List<Future<Found>> heads = keys.stream().map(this::inspect).toList();
    return Future.all(heads).compose(all -> {
      List<Future<Boolean>> deletes = new ArrayList<>();
      int leftAlone = 0;
      boolean fenced = false;
      for (int i = 0; i < all.size(); i++) {
        Found found = all.resultAt(i);
        if (found == null) {
          continue;
        }
        ObjectOwner owner = found.owner().orElse(null);
        if (!ours(owner)) {
          leftAlone++;
          continue;
        }
        if (owner.generation() > assignment.generation()) {
          fenced = true;
          LOG.atWarn().addKeyValue("partition", assignment.partition()).addKeyValue("key", found.listed().key())
              .addKeyValue("theirGeneration", owner.generation()).addKeyValue("ourGeneration", assignment.generation())
              .log("a newer owner of the partition has written; this member stops writing it");
          continue;
        }
        if (owner.firstOffset() < committed || owner.committed() > committed || owner.firstOffset() < assignment.logStartOffset()) {
          leftAlone++;
          LOG.atWarn().addKeyValue("partition", assignment.partition()).addKeyValue("key", found.listed().key())
              .addKeyValue("committed", committed).addKeyValue("objectFrom", owner.firstOffset())
              .addKeyValue("writerKnewCommitted", owner.committed()).addKeyValue("logStart", assignment.logStartOffset())
              .log("object past the committed offset left alone: the offsets went back or Kafka no longer holds its records; "
                  + "its records may be written twice, never lost");
          continue;
        }
        LOG.atInfo().addKeyValue("partition", assignment.partition()).addKeyValue("key", found.listed().key())
            .addKeyValue("committed", committed).addKeyValue("objectFrom", owner.firstOffset()).addKeyValue("objectTo", owner.nextOffset())
            .addKeyValue("attempt", owner.attempt())
            .log("deleting an object no commit covers; its records are written again from the committed offset");
        deletes.add(store.deleteIfMatch(found.listed().key(), found.etag()));
      }
      int left = leftAlone;
      boolean isFenced = fenced;
      return Future.all(deletes).map(done -> new Resume(committed, committed, false, isFenced, deletes.size(), left));
    });
  }

  private Future<Resume> recover(List<Found> keys) {
    List<Found> newestFirst = new ArrayList<>(keys);
    newestFirst.sort(Comparator.comparingLong(Found::keyOffset).reversed());
    return recoverFrom(newestFirst, 0, new ArrayList<>(), OptionalLong.empty(), 0);
  }

  /** Inspects objects from the newest down until below the newest own object's known-committed offset. */
  private Future<Resume> recoverFrom(List<Found> newestFirst, int index, List<ObjectOwner> ours, OptionalLong knownCommitted, int foreign) {
    if (index == newestFirst.size() || knownCommitted.isPresent() && newestFirst.get(index).keyOffset() < knownCommitted.getAsLong()) {
      return Future.succeededFuture(chain(ours, knownCommitted, foreign));
    }
    return inspect(newestFirst.get(index)).compose(found -> {
      ObjectOwner owner = found == null ? null : found.owner().orElse(null);
      if (!ours(owner)) {
        return recoverFrom(newestFirst, index + 1, ours, knownCommitted, found == null ? foreign : foreign + 1);
      }
      ours.add(owner);
      OptionalLong known = knownCommitted.isPresent() ? knownCommitted : OptionalLong.of(owner.committed());
      return recoverFrom(newestFirst, index + 1, ours, known, foreign);
    });
  }

  private Resume chain(List<ObjectOwner> ours, OptionalLong knownCommitted, int foreign) {
    if (knownCommitted.isEmpty()) {
      LOG.atInfo().addKeyValue("partition", assignment.partition()).addKeyValue("otherObjects", foreign)
          .log("no committed offset and no object of this topic incarnation and group: starting at the log start");
      long start = assignment.logStartOffset();
      return new Resume(start, start, false, false, 0, foreign);
    }
    long end = knownCommitted.getAsLong();
    List<ObjectOwner> ascending = new ArrayList<>(ours);
    ascending.sort(Comparator.comparingLong(ObjectOwner::firstOffset));
    int afterGap = 0;
    for (ObjectOwner owner : ascending) {
      if (owner.firstOffset() == end) {
        end = owner.nextOffset();
      } else if (owner.firstOffset() > end) {
        afterGap++;
      }
    }
    long resume = Math.max(end, assignment.logStartOffset());
    LOG.atInfo().addKeyValue("partition", assignment.partition()).addKeyValue("resumeAt", resume)
        .addKeyValue("knownCommitted", knownCommitted.getAsLong()).addKeyValue("objectsAfterAGap", afterGap)
        .log("no committed offset: position recovered from the objects in S3");
    if (afterGap > 0) {
      LOG.atWarn().addKeyValue("partition", assignment.partition()).addKeyValue("objects", afterGap).addKeyValue("resumeAt", resume)
          .log("objects after a gap in the recovered offsets are left as they are; their records may be written twice, never lost");
    }
    return new Resume(resume, knownCommitted.getAsLong(), true, false, 0, foreign + afterGap);
  }
}
