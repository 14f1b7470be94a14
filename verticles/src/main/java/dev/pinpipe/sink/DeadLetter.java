package dev.pinpipe.sink;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record the sink cannot write, and why. */
record DeadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
}
