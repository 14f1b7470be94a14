package dev.pinpipe.sink;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One object being filled for one topic partition: a contiguous range of offsets, the JSON lines
 * of its good records and the dead-letter sends of its poison ones. Its key is fixed by the first
 * written record's offset. Not thread-safe: it lives on the sink's event loop.
 */
final class OpenObject {

  private final String directory;
  private final LocalDate day;
  private final long windowStartMs;
  private final long windowEndMs;
  private final long firstOffset;
  private final long openedAtNanos;
  private byte[] body;
  private int length;
  private int records;
  private long lastOffset;
  private long firstLineOffset = -1;
  private long maxTimestamp = Long.MIN_VALUE;
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private long rotationTimer = -1;

  /**
   * @param day          the UTC day of the directory (daily partitioner), or null
   * @param windowStartMs records stamped in {@code [windowStartMs, windowEndMs)} belong in this directory
   */
  OpenObject(String directory, LocalDate day, long windowStartMs, long windowEndMs, long firstOffset, int initialCapacity) {
    this.directory = directory;
    this.day = day;
    this.windowStartMs = windowStartMs;
    this.windowEndMs = windowEndMs;
    this.firstOffset = firstOffset;
    this.lastOffset = firstOffset - 1;
    this.openedAtNanos = System.nanoTime();
    this.body = new byte[Math.max(64, initialCapacity)];
  }

  void appendLine(long offset, long timestamp, byte[] line) {
    ensureCapacity(length + line.length + 1);
    System.arraycopy(line, 0, body, length, line.length);
    length += line.length;
    body[length++] = '\n';
    if (records++ == 0) {
      firstLineOffset = offset;
    }
    covered(offset, timestamp);
  }

  /** A poison record inside this object's range: not written; sent to the dead-letter topic with the object. */
  void appendDeadLetter(long offset, long timestamp, DeadLetter deadLetter) {
    deadLetters.add(deadLetter);
    covered(offset, timestamp);
  }

  private void covered(long offset, long timestamp) {
    lastOffset = offset;
    maxTimestamp = Math.max(maxTimestamp, timestamp);
  }

  private void ensureCapacity(int needed) {
    if (needed > body.length) {
      body = Arrays.copyOf(body, Math.max(needed, body.length * 2));
    }
  }

  String directory() {
    return directory;
  }

  /** The UTC day of the object's directory, or null for the default partitioner. */
  LocalDate day() {
    return day;
  }

  boolean holdsTimestamp(long timestampMs) {
    return timestampMs >= windowStartMs && timestampMs < windowEndMs;
  }

  long firstOffset() {
    return firstOffset;
  }

  /**
   * The offset in the object's key: its first written record's, as the Confluent sink names
   * files (poison records before it went to the dead-letter topic instead). -1 when every record
   * was poison: then nothing is written, only the offsets are committed.
   */
  long keyOffset() {
    return firstLineOffset;
  }

  /** The offset after this object's range: what to commit once it is written. */
  long nextOffset() {
    return lastOffset + 1;
  }

  int records() {
    return records;
  }

  /** Records covered, good and poison. */
  long span() {
    return lastOffset - firstOffset + 1;
  }

  int length() {
    return length;
  }

  byte[] body() {
    return body;
  }

  /** Bytes of memory this object holds (its buffer, not only the filled part). */
  int capacity() {
    return body.length;
  }

  long maxTimestamp() {
    return maxTimestamp;
  }

  long ageNanos() {
    return System.nanoTime() - openedAtNanos;
  }

  List<DeadLetter> deadLetters() {
    return deadLetters;
  }

  long rotationTimer() {
    return rotationTimer;
  }

  void rotationTimer(long timerId) {
    this.rotationTimer = timerId;
  }
}
