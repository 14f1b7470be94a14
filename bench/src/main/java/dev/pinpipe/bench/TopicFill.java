package dev.pinpipe.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fills a fresh topic with pin records through a raw {@link KafkaProducer} with the service's
 * producer settings (lz4, {@code acks=all}, idempotent). Records go to the partitions in runs of
 * {@link #RUN} consecutive records, as the sticky partitioner of the service's producer sends
 * them; each partition's count is a multiple of {@code unit} where the total allows, so that
 * objects of {@code unit} records (or a divisor of it) end exactly at the end of each partition.
 */
final class TopicFill {

  static final int RUN = 500;

  /** What is in the topic: its end offsets (it starts empty, so also its record counts) and value bytes. */
  record Filled(String topic, Map<TopicPartition, Long> endOffsets, long records, long valueBytes, double seconds) {

    double meanValueBytes() {
      return records == 0 ? 0 : (double) valueBytes / records;
    }
  }

  private TopicFill() {
  }

  static Filled fill(Map<String, String> producerConfig, String bootstrap, String topic, int partitions, long records,
                     List<byte[]> values, long unit) throws Exception {
    long[] counts = split(records, partitions, unit);
    // A new topic's leaders may not serve yet: a first batch refused with NOT_LEADER, retried while
    // later ones are in flight, can fail the idempotent producer with OUT_OF_ORDER_SEQUENCE_NUMBER.
    // Listing offsets is served by the leaders and retried by the admin client until they are.
    endOffsets(bootstrap, topic, partitions);
    AtomicReference<Exception> failure = new AtomicReference<>();
    AtomicLong acknowledged = new AtomicLong();
    long valueBytes = 0;
    long started = System.nanoTime();
    Map<String, Object> config = new HashMap<>(producerConfig);
    config.put("client.id", "pinpipe-bench-fill");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      long[] left = counts.clone();
      long sent = 0;
      while (sent < records) {
        for (int partition = 0; partition < partitions; partition++) {
          long run = Math.min(RUN, left[partition]);
          for (long i = 0; i < run; i++) {
            byte[] value = values.get((int) (sent % values.size()));
            valueBytes += value.length;
            sent++;
            producer.send(new ProducerRecord<>(topic, partition, null, value), (metadata, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
              } else {
                acknowledged.incrementAndGet();
              }
            });
          }
          left[partition] -= run;
        }
        if (failure.get() != null) {
          break;
        }
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("filling " + topic + " failed: " + failure.get(), failure.get());
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Map<TopicPartition, Long> ends = endOffsets(bootstrap, topic, partitions);
    long total = ends.values().stream().mapToLong(Long::longValue).sum();
    if (total != records || acknowledged.get() != records) {
      throw new IllegalStateException("the topic " + topic + " holds " + total + " records (" + acknowledged.get()
          + " acknowledged), expected " + records + ": is it fresh?");
    }
    return new Filled(topic, ends, records, valueBytes, seconds);
  }

  /** Records per partition: multiples of {@code unit} when {@code records} is one, else as even as can be. */
  static long[] split(long records, int partitions, long unit) {
    long step = unit > 0 && records % unit == 0 ? unit : 1;
    long units = records / step;
    long[] counts = new long[partitions];
    for (int p = 0; p < partitions; p++) {
      counts[p] = (units / partitions + (p < units % partitions ? 1 : 0)) * step;
    }
    return counts;
  }

  static Map<TopicPartition, Long> endOffsets(String bootstrap, String topic, int partitions) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap, "client.id", "pinpipe-bench-offsets"))) {
      Map<TopicPartition, Long> ends = new TreeMap<>((a, b) -> Integer.compare(a.partition(), b.partition()));
      admin.listOffsets(latest).all().get(60, TimeUnit.SECONDS).forEach((partition, info) -> ends.put(partition, info.offset()));
      return ends;
    }
  }
}
