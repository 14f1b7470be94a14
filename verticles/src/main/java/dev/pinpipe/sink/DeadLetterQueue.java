package dev.pinpipe.sink;

import dev.pinpipe.contracts.Topics;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sends poison records to {@code <topic>.dlq}: key, value and headers unchanged, plus the headers
 * Kafka Connect's dead-letter queue uses, so existing tooling reads the reason the same way.
 */
final class DeadLetterQueue {

  static final String HEADER_TOPIC = "__connect.errors.topic";
  static final String HEADER_PARTITION = "__connect.errors.partition";
  static final String HEADER_OFFSET = "__connect.errors.offset";
  static final String HEADER_REASON = "__connect.errors.exception.message";

  private final KafkaProducer<byte[], byte[]> producer;

  DeadLetterQueue(KafkaProducer<byte[], byte[]> producer) {
    this.producer = producer;
  }

  Future<Void> send(List<DeadLetter> deadLetters) {
    return Future.all(deadLetters.stream().map(this::send).toList()).mapEmpty();
  }

  private Future<?> send(DeadLetter deadLetter) {
    ConsumerRecord<byte[], byte[]> source = deadLetter.record();
    KafkaProducerRecord<byte[], byte[]> record = KafkaProducerRecord.create(Topics.deadLetterTopic(source.topic()), source.key(), source.value());
    source.headers().forEach(header -> record.addHeader(header.key(), Buffer.buffer(header.value() == null ? new byte[0] : header.value())));
    record.addHeader(HEADER_TOPIC, source.topic())
        .addHeader(HEADER_PARTITION, String.valueOf(source.partition()))
        .addHeader(HEADER_OFFSET, String.valueOf(source.offset()))
        .addHeader(HEADER_REASON, Buffer.buffer(deadLetter.reason().getBytes(StandardCharsets.UTF_8)));
    return producer.send(record);
  }

  Future<Void> close() {
    return producer.close();
  }
}
