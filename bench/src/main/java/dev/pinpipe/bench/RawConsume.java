package dev.pinpipe.bench;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline of the sink: a plain {@link KafkaConsumer} with the sink's consumer settings, in a
 * fresh group, reads the whole topic on this thread and touches every value (sums its length and
 * its first and last byte), nothing else. Timed like the sink, from creating the consumer (so
 * the group join is in both) until the last record is in hand.
 */
final class RawConsume {

  /** What the consumer read. */
  record Result(long records, long valueBytes, long checksum, double seconds, double firstRecordSeconds, ProcessMeter.Usage usage) {

    double recordsPerSecond() {
      return records / seconds;
    }
  }

  private RawConsume() {
  }

  static Result run(Map<String, Object> consumerConfig, TopicFill.Filled topic, ProcessMeter meter, Duration timeout) {
    Map<String, Object> config = new HashMap<>(consumerConfig);
    config.put("client.id", "pinpipe-bench-raw-consumer");
    Map<TopicPartition, Long> ends = topic.endOffsets();
    long records = 0;
    long bytes = 0;
    long checksum = 0;
    long firstRecordAt = -1;
    long ended;
    ProcessMeter.Usage usage;
    ProcessMeter.Interval interval = meter.start();
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic.topic()));
      Map<TopicPartition, Long> next = new HashMap<>();
      while (!reachedEnd(next, ends)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the raw consumer read " + records + " of " + topic.records() + " records in " + timeout);
        }
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
        if (!batch.isEmpty() && firstRecordAt < 0) {
          firstRecordAt = System.nanoTime();
        }
        for (TopicPartition partition : batch.partitions()) {
          List<ConsumerRecord<byte[], byte[]>> partitionRecords = batch.records(partition);
          for (ConsumerRecord<byte[], byte[]> record : partitionRecords) {
            byte[] value = record.value();
            bytes += value.length;
            checksum += value[0] + value[value.length - 1];
          }
          records += partitionRecords.size();
          next.put(partition, partitionRecords.get(partitionRecords.size() - 1).offset() + 1);
        }
      }
      ended = System.nanoTime();
      usage = interval.stop();
    }
    return new Result(records, bytes, checksum, (ended - started) / 1e9, (firstRecordAt - started) / 1e9, usage);
  }

  private static boolean reachedEnd(Map<TopicPartition, Long> next, Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (end.getValue() > 0 && next.getOrDefault(end.getKey(), 0L) < end.getValue()) {
        return false;
      }
    }
    return true;
  }
}
