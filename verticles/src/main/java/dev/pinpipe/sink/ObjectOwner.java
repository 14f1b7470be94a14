package dev.pinpipe.sink;

import java.util.Map;
import java.util.Optional;

/**
 * Who wrote an object and what it holds, kept as the object's S3 user metadata
 * ({@code x-amz-meta-pinpipe-*}). Offsets only mean something within one topic incarnation (the
 * Kafka topic ID, new when a topic is recreated, KIP-516) and one consumer group's commits.
 *
 * @param topicId     the topic's Kafka ID when the object was written
 * @param group       the consumer group whose commits cover the object
 * @param attempt     a random ID of the partition assignment that wrote it (one per assignment)
 * @param generation  the group generation of that assignment: a later owner of the partition has a larger one
 * @param firstOffset the object's first offset (poison records included)
 * @param nextOffset  the offset after its last record
 * @param committed   the offset the writer knew committed in Kafka when it wrote the object:
 *                    everything below it was in S3 then and is never deleted
 */
record ObjectOwner(String topicId, String group, String attempt, int generation, long firstOffset, long nextOffset, long committed) {

  private static final String PREFIX = "pinpipe-";

  Map<String, String> metadata() {
    return Map.of(
        PREFIX + "topic-id", topicId,
        PREFIX + "group", group,
        PREFIX + "attempt", attempt,
        PREFIX + "generation", Integer.toString(generation),
        PREFIX + "first-offset", Long.toString(firstOffset),
        PREFIX + "next-offset", Long.toString(nextOffset),
        PREFIX + "committed", Long.toString(committed));
  }

  /** The owner read back from an object's metadata; empty for objects not written by this sink (or by a version before it). */
  static Optional<ObjectOwner> of(Map<String, String> metadata) {
    try {
      String topicId = metadata.get(PREFIX + "topic-id");
      String group = metadata.get(PREFIX + "group");
      String attempt = metadata.get(PREFIX + "attempt");
      if (topicId == null || group == null || attempt == null) {
        return Optional.empty();
      }
      return Optional.of(new ObjectOwner(topicId, group, attempt,
          Integer.parseInt(metadata.get(PREFIX + "generation")),
          Long.parseLong(metadata.get(PREFIX + "first-offset")),
          Long.parseLong(metadata.get(PREFIX + "next-offset")),
          Long.parseLong(metadata.get(PREFIX + "committed"))));
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }

  /** Same topic incarnation and group: the offsets of the two are comparable and commits cover both. */
  boolean sameStream(ObjectOwner other) {
    return topicId.equals(other.topicId) && group.equals(other.group);
  }
}
