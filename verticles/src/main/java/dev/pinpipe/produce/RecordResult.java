package dev.pinpipe.produce;

/**
 * What Kafka said about one record: its partition and offset, or an error.
 *
 * @param errorCode {@code null} on success, else {@link #RETRIABLE} or {@link #FATAL}
 */
public record RecordResult(int partition, long offset, Integer errorCode, String error) {

  /** The REST Proxy's code for a retriable Kafka error. */
  public static final int RETRIABLE = 50003;
  /** The REST Proxy's code for a non-retriable Kafka error. */
  public static final int FATAL = 50002;

  public static RecordResult acknowledged(int partition, long offset) {
    return new RecordResult(partition, offset, null, null);
  }

  public static RecordResult failed(Integer partition, boolean retriable, String error) {
    return new RecordResult(partition == null ? -1 : partition, -1, retriable ? RETRIABLE : FATAL, error);
  }

  public boolean ok() {
    return errorCode == null;
  }
}
