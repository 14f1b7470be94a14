package dev.pinpipe.produce;

import java.util.List;

/** The event-bus request on {@link #ADDRESS}: records to send, in order. */
public record ProduceRequest(List<OutgoingRecord> records, long bytes) {

  public static final String ADDRESS = "pinpipe.produce";

  /** Failure code of a request refused because too many bytes are already in flight. */
  public static final int OVERLOADED = 429;

  public static ProduceRequest of(List<OutgoingRecord> records) {
    long bytes = 0;
    for (OutgoingRecord record : records) {
      bytes += record.size();
    }
    return new ProduceRequest(records, bytes);
  }
}
