package dev.pinpipe.sink;

import dev.pinpipe.config.SinkSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.consumer.KafkaReadStream;
import io.vertx.kafka.client.producer.KafkaProducer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Kafka to S3 in the Confluent S3 sink's layout, exactly once (see {@link PartitionSink} for
 * why). One consumer in group {@code pinpipe-s3-sink} by default; instances in several processes
 * share the partitions. Memory is bounded in total: past {@code sink.max-buffered-bytes} every
 * open object is sealed and the partitions pause until uploads bring it under half.
 */
public final class S3SinkVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(S3SinkVerticle.class);
  private static final long REBALANCE_WAIT_MS = 60_000;
  private static final long STOP_FLUSH_MS = 30_000;
  private static final java.time.Duration POLL_TIMEOUT = java.time.Duration.ofMillis(100);
  /** Written offsets are committed at most this often: commits run on the polling thread and would hold up reads. */
  private static final long COMMIT_INTERVAL_MS = 100;

  /** Told of each object once it is durably written, before its offsets are committed. */
  public interface Listener {
    void written(TopicPartition partition, String key, long nextOffset);
  }

  private final Map<String, Object> consumerConfig;
  private final Map<String, String> producerConfig;
  private final SinkSettings settings;
  private final String bucket;
  private final Supplier<S3AsyncClient> s3Factory;
  private final MeterRegistry registry;
  private final Listener listener;
  private final Map<TopicPartition, PartitionSink> partitions = new HashMap<>();
  private final Map<TopicPartition, OffsetAndMetadata> queuedCommits = new LinkedHashMap<>();
  private S3AsyncClient s3;
  private ObjectStore store;
  private SinkMetrics metrics;
  private S3Layout layout;
  private KafkaReadStream<byte[], byte[]> stream;
  private KafkaClientMetrics consumerMetrics;
  private DeadLetterQueue deadLetters;
  private DayCompletion days;
  private Admin admin;
  private boolean closing;
  private boolean polling = true;
  private long commitTimer = -1;
  private Future<?> commitInFlight = Future.succeededFuture();
  private long completionTimer = -1;
  private boolean paused;
  private volatile boolean crashed;

  /**
   * @param consumerConfig the consumer's Kafka settings (bootstrap, group, client id)
   * @param producerConfig the dead-letter producer's Kafka settings
   * @param s3Factory      the S3 client this verticle owns and closes
   */
  public S3SinkVerticle(Map<String, Object> consumerConfig, Map<String, String> producerConfig, SinkSettings settings, String bucket,
                        Supplier<S3AsyncClient> s3Factory, MeterRegistry registry, Listener listener) {
    this.consumerConfig = consumerConfig;
    this.producerConfig = producerConfig;
    this.settings = settings;
    this.bucket = bucket;
    this.s3Factory = s3Factory;
    this.registry = registry;
    this.listener = listener;
  }

  /** Where the sink sends the poison records of {@code topic}. */
  public static String deadLetterTopic(String topic) {
    return DeadLetterQueue.topicFor(topic);
  }

  @Override
  public Future<?> start() {
    s3 = s3Factory.get();
    store = new ObjectStore(context, s3, bucket, settings.partBytes());
    layout = new S3Layout(settings.partitioner());
    metrics = new SinkMetrics(registry, this::bufferedBytes);
    deadLetters = new DeadLetterQueue(KafkaProducer.create(vertx, producerConfig, byte[].class, byte[].class));
    SinkConsumer consumer = new SinkConsumer(consumerConfig, new Rebalance(context));
    consumerMetrics = new KafkaClientMetrics(consumer);
    consumerMetrics.bindTo(registry);
    // Pause, resume and commit run on the polling thread between polls: keep each poll short.
    stream = KafkaReadStream.create(vertx, consumer).pollTimeout(POLL_TIMEOUT);
    admin = Admin.create(adminConfig());
    days = new DayCompletion(admin, (String) consumerConfig.get("group.id"), context, store, settings.completeGraceMs(), System::currentTimeMillis);
    if (settings.partitioner() == S3Layout.Partitioner.DAILY) {
      completionTimer = vertx.setPeriodic(settings.completeCheckMs(), id -> days.check());
    }
    commitTimer = vertx.setPeriodic(COMMIT_INTERVAL_MS, id -> sendCommits());
    LOG.atInfo().addKeyValue("topics", settings.topics().pattern()).addKeyValue("group", consumerConfig.get("group.id"))
        .addKeyValue("bucket", bucket).addKeyValue("partitioner", settings.partitioner())
        .addKeyValue("flushSize", settings.flushSize()).addKeyValue("rotateIntervalMs", settings.rotateIntervalMs())
        .log("S3 sink starting");
    return stream.subscribe(settings.topics()).onSuccess(subscribed -> poll());
  }

  /**
   * Polls one batch ahead: the next poll runs on the polling thread while this batch is
   * processed on the event loop, and at most one batch waits. (vertx-kafka-client's own read
   * stream polls only after the handler has gone through a batch, record by record.)
   */
  private void poll() {
    if (polling) {
      stream.poll(POLL_TIMEOUT).onComplete(polled -> {
        poll();
        if (polled.succeeded()) {
          onRecords(polled.result());
        } else if (polling) {
          LOG.atWarn().addKeyValue("error", polled.cause().toString()).log("Kafka poll failed; polling again");
        }
      });
    }
  }

  private void onRecords(ConsumerRecords<byte[], byte[]> records) {
    for (TopicPartition partition : records.partitions()) {
      PartitionSink sink = partitions.get(partition);
      if (sink == null) {
        continue;
      }
      for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
        sink.append(record);
      }
    }
    if (bufferedBytes() > settings.maxBufferedBytes()) {
      partitions.values().forEach(PartitionSink::seal);
      if (!paused) {
        paused = true;
        metrics.paused();
        LOG.atDebug().addKeyValue("bufferedBytes", bufferedBytes()).log("sink buffers full: writing every open object and pausing");
        stream.pause(Set.copyOf(partitions.keySet()));
      }
    }
  }

  private Map<String, Object> adminConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", consumerConfig.get("bootstrap.servers"));
    config.put("client.id", "pinpipe-s3-sink-admin");
    return config;
  }

  /**
   * Resumes the paused partitions once buffers are under half their bound. Until then objects
   * opened by records already fetched when the pause began are written too, so memory drains
   * even when no object would fill or age soon.
   */
  private void resumeWhenDrained() {
    if (bufferedBytes() < settings.maxBufferedBytes() / 2) {
      paused = false;
      LOG.atDebug().addKeyValue("bufferedBytes", bufferedBytes()).log("sink buffers drained: resuming");
      stream.resume(Set.copyOf(partitions.keySet()));
    } else {
      partitions.values().forEach(PartitionSink::seal);
    }
  }

  private long bufferedBytes() {
    long total = 0;
    for (PartitionSink sink : partitions.values()) {
      total += sink.bufferedBytes();
    }
    return total;
  }

  /** Writes everything received so far; completes when it is written and its offsets are queued for commit. */
  public Future<Void> flush() {
    return Future.<Void>future(promise -> context.runOnContext(v ->
        Future.all(partitions.values().stream().map(PartitionSink::flush).toList()).<Void>mapEmpty().onComplete(promise)));
  }

  /**
   * Stops as a killed process would: nothing more is written or committed and the consumer
   * leaves the group. For tests of what survives a crash.
   */
  public Future<Void> crash() {
    crashed = true;
    return Future.<Void>future(promise -> context.runOnContext(v -> {
      vertx.cancelTimer(completionTimer);
      vertx.cancelTimer(commitTimer);
      polling = false;
      partitions.values().forEach(sink -> sink.stop("crashed"));
      partitions.clear();
      closing = true;
      vertx.executeBlocking(() -> {
        s3.close();
        return null;
      }).transform(closed -> stream.close()).onComplete(promise);
    }));
  }

  /**
   * Stops taking records, writes what it holds (for at most {@value #STOP_FLUSH_MS} ms), then
   * leaves the group: the revocation commits what was written. What is not written by then is
   * read again by the next owner.
   */
  @Override
  public Future<?> stop() {
    vertx.cancelTimer(completionTimer);
    if (crashed) {
      return closeClients();
    }
    polling = false;
    Promise<Void> flushed = Promise.promise();
    long timer = vertx.setTimer(STOP_FLUSH_MS, id -> flushed.tryFail("not written within " + STOP_FLUSH_MS + " ms"));
    Future.join(partitions.values().stream().map(PartitionSink::flush).toList())
        .onComplete(done -> flushed.tryComplete());
    return flushed.future()
        .recover(error -> {
          LOG.atWarn().addKeyValue("error", error.getMessage()).log("sink stopping with unwritten records; they are read again at the next start");
          return Future.succeededFuture();
        })
        .compose(done -> {
          vertx.cancelTimer(timer);
          vertx.cancelTimer(commitTimer);
          closing = true;
          return stream.close();
        })
        .transform(done -> closeClients());
  }

  /** The SDK's and the admin client's close wait for their threads: off the event loop. */
  private Future<Void> closeClients() {
    consumerMetrics.close();
    return deadLetters.close().transform(done -> vertx.executeBlocking(() -> {
      admin.close(java.time.Duration.ofSeconds(5));
      s3.close();
      return null;
    }));
  }

  private final PartitionSink.Outlet outlet = new PartitionSink.Outlet() {
    @Override
    public void commit(TopicPartition partition, long nextOffset, long watermark) {
      if (crashed) {
        return;
      }
      queuedCommits.put(partition, new OffsetAndMetadata(nextOffset, DayCompletion.metadata(watermark)));
      if (paused) {
        resumeWhenDrained();
      }
    }

    @Override
    public void written(TopicPartition partition, String key, OpenObject object) {
      if (object.day() != null) {
        days.written(partition.topic(), object.day());
      }
      listener.written(partition, key, object.nextOffset());
    }

    @Override
    public Future<Void> sendDeadLetters(List<DeadLetter> letters) {
      if (!settings.deadLetters()) {
        return Future.failedFuture("poison record at offset " + letters.get(0).record().offset()
            + " (" + letters.get(0).reason() + ") and sink.dead-letters is off: the partition waits");
      }
      return deadLetters.send(letters);
    }
  };

  /** Commits are merged: every {@value #COMMIT_INTERVAL_MS} ms at most one, carrying the latest offset of every partition. */
  private void sendCommits() {
    // Once the consumer closes, its revocation commits what was written; nothing may race it.
    if (!commitInFlight.isComplete() || queuedCommits.isEmpty() || crashed || closing) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> batch = new HashMap<>(queuedCommits);
    queuedCommits.clear();
    LOG.atDebug().addKeyValue("offsets", batch).log("committing");
    commitInFlight = stream.commit(batch)
        .onFailure(error -> LOG.atWarn().addKeyValue("partitions", batch.keySet()).addKeyValue("error", error.toString())
            .log("offset commit failed; those records will be read and written again, same keys"));
  }

  /** Called by {@link SinkConsumer} on the polling thread; hands the work to the event loop. */
  private final class Rebalance implements SinkConsumer.Rebalance {
    private final Context context;

    Rebalance(Context context) {
      this.context = context;
    }

    @Override
    public void assigned(Map<TopicPartition, Long> positions, Map<TopicPartition, OffsetAndMetadata> committed) {
      context.runOnContext(v -> positions.forEach((partition, position) -> {
        long watermark = DayCompletion.watermark(committed.get(partition));
        PartitionSink sink = new PartitionSink(partition, position, watermark, vertx, layout, settings, store, metrics, outlet);
        partitions.put(partition, sink);
        LOG.atInfo().addKeyValue("partition", partition).addKeyValue("position", position).log("partition assigned");
        sink.start();
        if (settings.partitioner() == S3Layout.Partitioner.DAILY) {
          days.discover(partition.topic());
        }
      }));
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> revoked(Set<TopicPartition> revoked) {
      if (crashed) {
        return Map.of();
      }
      CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> safe = new CompletableFuture<>();
      context.runOnContext(v -> {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        List<Future<?>> stopping = new ArrayList<>();
        for (TopicPartition partition : revoked) {
          PartitionSink sink = partitions.remove(partition);
          queuedCommits.remove(partition);
          if (sink != null) {
            stopping.add(sink.revoke().onSuccess(offset -> offset.ifPresent(next ->
                offsets.put(partition, new OffsetAndMetadata(next, DayCompletion.metadata(sink.watermark()))))));
          }
        }
        Future.join(stopping).onComplete(done -> safe.complete(offsets));
      });
      try {
        Map<TopicPartition, OffsetAndMetadata> offsets = safe.get(REBALANCE_WAIT_MS, TimeUnit.MILLISECONDS);
        LOG.atInfo().addKeyValue("partitions", revoked).addKeyValue("committing", offsets).log("partitions revoked");
        return offsets;
      } catch (Exception e) {
        LOG.atWarn().addKeyValue("partitions", revoked).addKeyValue("error", e.toString())
            .log("uploads of revoked partitions did not finish in time; committing nothing for them");
        return Map.of();
      }
    }

    @Override
    public void lost(Set<TopicPartition> lost) {
      context.runOnContext(v -> lost.forEach(partition -> {
        PartitionSink sink = partitions.remove(partition);
        queuedCommits.remove(partition);
        if (sink != null) {
          sink.stop("partition lost");
        }
      }));
      LOG.atWarn().addKeyValue("partitions", lost).log("partitions lost (session expired); their uncommitted work is dropped");
    }
  }
}
