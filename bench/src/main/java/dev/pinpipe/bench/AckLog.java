package dev.pinpipe.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Every record the ingestion API acknowledged: its partition and offset, read from the 200
 * response ({@code {"offsets":[{"partition":0,"offset":42,...},...]}}), and when that response
 * came ({@link System#nanoTime()}).
 */
final class AckLog {

  private static final JsonFactory JSON = new JsonFactory();

  /** One partition's acknowledged records, in the order they were added. */
  static final class Acks {
    private long[] offsets = new long[1024];
    private long[] nanos = new long[1024];
    private int size;

    private void add(long offset, long at) {
      if (size == offsets.length) {
        offsets = Arrays.copyOf(offsets, size * 2);
        nanos = Arrays.copyOf(nanos, size * 2);
      }
      offsets[size] = offset;
      nanos[size] = at;
      size++;
    }

    int size() {
      return size;
    }

    long offset(int i) {
      return offsets[i];
    }

    long nanos(int i) {
      return nanos[i];
    }

    long maxOffset() {
      long max = -1;
      for (int i = 0; i < size; i++) {
        max = Math.max(max, offsets[i]);
      }
      return max;
    }
  }

  private final Map<Integer, Acks> byPartition = new HashMap<>();
  private long records;

  /** Adds the records of one 200 answer; returns how many it held. */
  synchronized int add(Buffer body, long answeredNanos) {
    int count = 0;
    try (JsonParser parser = JSON.createParser(body.getBytes())) {
      int partition = -1;
      long offset = -1;
      int depth = 0;
      boolean inOffsets = false;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        switch (token) {
          case START_OBJECT, START_ARRAY -> depth++;
          case END_OBJECT, END_ARRAY -> {
            depth--;
            if (inOffsets && depth == 2 && token == JsonToken.END_OBJECT) {
              if (partition < 0 || offset < 0) {
                throw new IllegalStateException("a 200 answer without partition and offset for a record: " + body);
              }
              byPartition.computeIfAbsent(partition, p -> new Acks()).add(offset, answeredNanos);
              count++;
              partition = -1;
              offset = -1;
            }
            if (depth < 2) {
              inOffsets = false;
            }
          }
          case FIELD_NAME -> {
            String name = parser.currentName();
            if (depth == 1 && name.equals("offsets")) {
              inOffsets = true;
            } else if (inOffsets && depth == 3) {
              JsonToken value = parser.nextToken();
              if (name.equals("partition") && value == JsonToken.VALUE_NUMBER_INT) {
                partition = parser.getIntValue();
              } else if (name.equals("offset") && value == JsonToken.VALUE_NUMBER_INT) {
                offset = parser.getLongValue();
              } else if (value.isStructStart()) {
                parser.skipChildren();
              }
            }
          }
          default -> {
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable produce answer: " + e.getMessage(), e);
    }
    records += count;
    return count;
  }

  synchronized Map<Integer, Acks> byPartition() {
    return Map.copyOf(byPartition);
  }

  synchronized long records() {
    return records;
  }
}
