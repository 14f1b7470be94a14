package dev.pinpipe.fanout;

import dev.pinpipe.produce.LocalCodec;
import dev.pinpipe.produce.OutgoingRecord;
import dev.pinpipe.produce.ProduceReply;
import dev.pinpipe.produce.ProduceRequest;
import dev.pinpipe.produce.RecordResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.kafka.client.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Consumes {@link ProduceRequest}s from the event bus and sends their records to Kafka through
 * one producer shared by every instance in the process; replies with each record's partition
 * and offset once Kafka has acknowledged it ({@code acks=all}), or with its error.
 */
public final class KafkaFanoutVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaFanoutVerticle.class);
  private static final String PRODUCER_NAME = "pinpipe-fanout";
  private static final String SEND_POOL = "pinpipe-kafka-send";
  private static final int SEND_THREADS = 4;

  private final Map<String, String> producerConfig;
  private final InFlightBudget budget;
  private final Counter acknowledged;
  private final Counter failed;
  private final Counter rejected;

  private KafkaProducer<byte[], byte[]> producer;
  private Producer<byte[], byte[]> kafka;
  private WorkerExecutor sendPool;
  private MessageConsumer<ProduceRequest> consumer;

  public KafkaFanoutVerticle(Map<String, String> producerConfig, InFlightBudget budget, MeterRegistry registry) {
    this.producerConfig = producerConfig;
    this.budget = budget;
    this.acknowledged = Counter.builder("pinpipe.fanout.records").tag("result", "acknowledged").register(registry);
    this.failed = Counter.builder("pinpipe.fanout.records").tag("result", "failed").register(registry);
    this.rejected = Counter.builder("pinpipe.fanout.rejected.requests")
        .description("requests refused with 429 because the in-flight byte budget was full").register(registry);
  }

  @Override
  public Future<?> start() {
    LocalCodec.registerProduceCodecs(vertx);
    producer = KafkaProducer.createShared(vertx, PRODUCER_NAME, producerConfig, byte[].class, byte[].class);
    // vertx-kafka-client hops to a worker thread per record; a request's records go in one hop instead.
    kafka = producer.unwrap();
    long maxExecuteMs = Long.parseLong(producerConfig.get("max.block.ms")) * 2 + 10_000;
    sendPool = vertx.createSharedWorkerExecutor(SEND_POOL, SEND_THREADS, maxExecuteMs, TimeUnit.MILLISECONDS);
    consumer = vertx.eventBus().consumer(ProduceRequest.ADDRESS, this::handle);
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    return consumer.unregister()
        .compose(v -> sendPool.executeBlocking(() -> {
          kafka.flush();
          return null;
        }))
        .eventually(() -> producer.close())
        .eventually(() -> sendPool.close());
  }

  private void handle(Message<ProduceRequest> message) {
    ProduceRequest request = message.body();
    if (!budget.tryAcquire(request.bytes())) {
      rejected.increment();
      message.fail(ProduceRequest.OVERLOADED, "too many bytes in flight to Kafka; retry shortly");
      return;
    }
    Context context = vertx.getOrCreateContext();
    sendPool.<Future<ProduceReply>>executeBlocking(() -> sendAll(request, context), false)
        .compose(reply -> reply)
        .onComplete(result -> {
          budget.release(request.bytes());
          if (result.succeeded()) {
            message.reply(result.result());
          } else {
            LOG.atWarn().setCause(result.cause()).log("produce request failed before Kafka answered");
            message.fail(503, "Kafka did not take the records: " + result.cause().getMessage());
          }
        });
  }

  /** Runs on the send pool: {@code send} blocks only while metadata or buffer space is missing. */
  private Future<ProduceReply> sendAll(ProduceRequest request, Context context) {
    int count = request.records().size();
    RecordResult[] results = new RecordResult[count];
    AtomicInteger remaining = new AtomicInteger(count);
    Promise<ProduceReply> promise = Promise.promise();
    Runnable countDown = () -> {
      if (remaining.decrementAndGet() == 0) {
        context.runOnContext(v -> promise.complete(new ProduceReply(Arrays.asList(results))));
      }
    };
    RuntimeException sendFailure = null;
    for (int i = 0; i < count; i++) {
      OutgoingRecord record = request.records().get(i);
      int index = i;
      if (sendFailure != null) {
        // The producer could not take a record (Kafka unreachable): do not wait again per record.
        results[index] = failure(record.partition(), sendFailure);
        countDown.run();
        continue;
      }
      try {
        kafka.send(new ProducerRecord<>(record.topic(), record.partition(), record.key(), record.value()), (metadata, error) -> {
          results[index] = error == null
              ? RecordResult.acknowledged(metadata.partition(), metadata.offset())
              : failure(record.partition(), error);
          countDown.run();
        });
      } catch (RuntimeException e) {
        sendFailure = e;
        results[index] = failure(record.partition(), e);
        countDown.run();
      }
    }
    return promise.future().onSuccess(reply -> {
      long ok = reply.results().stream().filter(RecordResult::ok).count();
      acknowledged.increment(ok);
      failed.increment(count - ok);
    });
  }

  private static RecordResult failure(Integer partition, Throwable error) {
    return RecordResult.failed(partition, error instanceof RetriableException, error.getClass().getSimpleName() + ": " + error.getMessage());
  }
}
