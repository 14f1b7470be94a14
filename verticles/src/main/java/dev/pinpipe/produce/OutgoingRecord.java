package dev.pinpipe.produce;

/**
 * One record on its way to Kafka: compact JSON (or raw binary) bytes, ready to send.
 *
 * @param partition explicit partition, or {@code null} to let the producer choose (by key)
 * @param key       key bytes or {@code null}
 */
public record OutgoingRecord(String topic, Integer partition, byte[] key, byte[] value) {

  public int size() {
    return value.length + (key == null ? 0 : key.length);
  }
}
