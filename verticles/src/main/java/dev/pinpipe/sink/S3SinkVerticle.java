package dev.pinpipe.sink;

import dev.pinpipe.contracts.RawLayout;

import dev.pinpipe.config.SinkSettings;
import dev.pinpipe.util.Backoff;
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

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
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
  /** Partitions assigned and not yet ready (asking Kafka and S3 where to start), with a token per attempt. */
  private final Map<TopicPartition, Long> preparing = new HashMap<>();
  private long preparations;
  private CommitQueue commits;
  private S3AsyncClient s3;
  private ObjectStore store;
  private SinkMetrics metrics;
  private RawLayout layout;
  private KafkaReadStream<byte[], byte[]> stream;
  private KafkaClientMetrics consumerMetrics;
  private DeadLetterQueue deadLetters;
  private DayCompletion days;
  private Admin admin;
  private boolean closing;
  private boolean polling = true;
  private long commitTimer = -1;
  private long completionTimer = -1;
  private long incarnationTimer = -1;
  private boolean checkingIncarnations;
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

  @Override
  public Future<?> start() {
    s3 = s3Factory.get();
    store = new S3ObjectStore(context, s3, bucket, settings.partBytes());
    layout = settings.partitioner();
    metrics = new SinkMetrics(registry, this::bufferedBytes);
    deadLetters = new DeadLetterQueue(KafkaProducer.create(vertx, producerConfig, byte[].class, byte[].class));
    SinkConsumer consumer = new SinkConsumer(consumerConfig, new Rebalance(context));
    consumerMetrics = new KafkaClientMetrics(consumer);
    consumerMetrics.bindTo(registry);
    // Pause, resume and commit run on the polling thread between polls: keep each poll short.
    stream = KafkaReadStream.create(vertx, consumer).pollTimeout(POLL_TIMEOUT);
    commits = new CommitQueue(batch -> stream.commit(batch).mapEmpty());
    admin = Admin.create(adminConfig());
    days = new DayCompletion(admin, groupId(), context, store, metrics, settings.completeGraceMs(), System::currentTimeMillis);
    if (settings.partitioner() == RawLayout.DAILY) {
      completionTimer = vertx.setPeriodic(settings.completeCheckMs(), id -> days.check());
    }
    commitTimer = vertx.setPeriodic(COMMIT_INTERVAL_MS, id -> sendCommits());
    incarnationTimer = vertx.setPeriodic(settings.completeCheckMs(), id -> checkIncarnations());
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
        int count = records.records(partition).size();
        metrics.unowned(count);
        LOG.atInfo().addKeyValue("partition", partition).addKeyValue("records", count)
            .log("records polled for a partition that is not ready here (assigned a moment ago or just taken away); "
                + "not written: its owner reads them again from the committed offset");
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
      // Partitions still preparing stay paused: they are resumed when ready.
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
   * leaves the group. A seam for the tests of what survives a crash, in this package only.
   */
  Future<Void> crash() {
    crashed = true;
    return Future.<Void>future(promise -> context.runOnContext(v -> {
      vertx.cancelTimer(completionTimer);
      vertx.cancelTimer(incarnationTimer);
      vertx.cancelTimer(commitTimer);
      polling = false;
      partitions.values().forEach(PartitionSink::crash);
      partitions.clear();
      preparing.clear();
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
    vertx.cancelTimer(incarnationTimer);
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

  private String groupId() {
    return (String) consumerConfig.get("group.id");
  }

  private final PartitionSink.Outlet outlet = new PartitionSink.Outlet() {
    @Override
    public void commit(TopicPartition partition, long nextOffset, long watermark) {
      if (crashed) {
        return;
      }
      PartitionSink sink = partitions.get(partition);
      if (sink != null) {
        commits.queue(partition, new OffsetAndMetadata(nextOffset, DayCompletion.metadata(watermark, sink.topicId())));
      }
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

    @Override
    public void fenced(TopicPartition partition) {
      partitions.remove(partition);
      commits.drop(partition);
      stream.pause(Set.of(partition));
    }
  };

  /** Commits are merged: every {@value #COMMIT_INTERVAL_MS} ms at most one, carrying the latest offset of every partition. */
  private void sendCommits() {
    // Once the consumer closes, its revocation commits what was written; nothing may race it.
    if (commits.isEmpty() || crashed || closing) {
      return;
    }
    commits.send(partitions::containsKey).onSuccess(taken -> taken.forEach((partition, offset) -> {
      PartitionSink sink = partitions.get(partition);
      if (sink != null) {
        sink.committed(offset.offset());
      }
    }));
  }

  /**
   * A topic deleted and created again under the same name keeps its partitions assigned here
   * (the consumer sees the same names) while its offsets start again at 0. Each check compares
   * the owned partitions' topic IDs with Kafka's; a partition whose topic has a new ID writes what
   * it holds of the old incarnation, then starts again as a new assignment (its old commit is
   * ignored: it names the old topic ID).
   */
  private void checkIncarnations() {
    if (checkingIncarnations || partitions.isEmpty() || closing) {
      return;
    }
    checkingIncarnations = true;
    Set<String> topics = new java.util.TreeSet<>();
    partitions.keySet().forEach(partition -> topics.add(partition.topic()));
    Map<String, Future<String>> ids = new HashMap<>();
    // Per topic: a topic that is gone fails alone (its partitions are revoked by the consumer).
    admin.describeTopics(topics).topicNameValues().forEach((topic, description) -> ids.put(topic,
        Future.fromCompletionStage(description.toCompletionStage(), context).map(found -> found.topicId().toString())));
    Future.join(List.copyOf(ids.values())).onComplete(done -> {
      checkingIncarnations = false;
      for (PartitionSink sink : List.copyOf(partitions.values())) {
        Future<String> id = ids.get(sink.partition().topic());
        if (id != null && id.succeeded() && !id.result().equals(sink.topicId())) {
          reincarnated(sink, id.result());
        }
      }
    });
  }

  private void reincarnated(PartitionSink sink, String newTopicId) {
    TopicPartition partition = sink.partition();
    LOG.atWarn().addKeyValue("partition", partition).addKeyValue("oldTopicId", sink.topicId()).addKeyValue("newTopicId", newTopicId)
        .log("the topic was deleted and created again: writing what is held of the old one, then starting the new one from S3 and Kafka");
    partitions.remove(partition);
    commits.drop(partition);
    stream.pause(Set.of(partition));
    sink.flush().onComplete(flushed -> {
      sink.stop("topic recreated");
      if (!closing) {
        prepareAnew(partition, sink.generation());
      }
    });
  }

  /** Starts finding where the partition starts; an earlier preparation of it still running is dropped by its token. */
  private void prepareAnew(TopicPartition partition, int generation) {
    long token = ++preparations;
    preparing.put(partition, token);
    prepare(partition, generation, token, 1);
  }

  /**
   * Finds where an assigned partition starts (Kafka's commit, else S3: {@link PartitionScan}),
   * then seeks and resumes it. Any failure is retried with back-off while the partition stays
   * assigned here: the partition never sits owned and forgotten.
   */
  private void prepare(TopicPartition partition, int generation, long token, int attempt) {
    PartitionAssignments.fetch(admin, context, groupId(), partition, generation)
        .compose(assignment -> new PartitionScan(store, layout, assignment, LocalDate.now(ZoneOffset.UTC)).run()
            .map(resume -> Map.entry(assignment, resume)))
        .onComplete(done -> {
          if (!Long.valueOf(token).equals(preparing.get(partition)) || closing) {
            return;
          }
          if (done.failed()) {
            long delay = new Backoff(settings.retryInitialMs(), settings.retryMaxMs()).delayMs(attempt);
            LOG.atWarn().addKeyValue("partition", partition).addKeyValue("attempt", attempt).addKeyValue("retryInMs", delay)
                .addKeyValue("error", done.cause().toString())
                .log("cannot find where the partition starts (Kafka or S3 unreachable?); retrying, the partition waits");
            vertx.setTimer(delay, id -> {
              if (Long.valueOf(token).equals(preparing.get(partition))) {
                prepare(partition, generation, token, attempt + 1);
              }
            });
            return;
          }
          preparing.remove(partition);
          start(done.result().getKey(), done.result().getValue());
        });
  }

  private void start(PartitionScan.Assignment assignment, PartitionScan.Resume resume) {
    TopicPartition partition = assignment.partition();
    metrics.deleted(resume.deleted());
    metrics.leftAlone(resume.leftAlone());
    if (resume.fenced()) {
      metrics.fenced();
      LOG.atError().addKeyValue("partition", partition)
          .log("a newer owner has written this partition: it stays paused here until Kafka takes it away");
      return;
    }
    PartitionSink sink = new PartitionSink(assignment, resume, vertx, layout, settings, store, metrics, outlet);
    partitions.put(partition, sink);
    if (resume.recovered() || assignment.committed().isEmpty()) {
      commits.queue(partition, new OffsetAndMetadata(resume.offset(), DayCompletion.metadata(assignment.watermark(), assignment.topicId())));
    }
    LOG.atInfo().addKeyValue("partition", partition).addKeyValue("startAt", resume.offset()).addKeyValue("generation", assignment.generation())
        .addKeyValue("deletedUncommitted", resume.deleted()).addKeyValue("leftAlone", resume.leftAlone())
        .log("partition ready");
    if (settings.partitioner() == RawLayout.DAILY) {
      days.discover(partition.topic(), assignment.watermark());
    }
    stream.seek(partition, resume.offset()).onComplete(sought -> {
      if (partitions.get(partition) != sink) {
        return;
      }
      if (sought.failed()) {
        LOG.atWarn().addKeyValue("partition", partition).addKeyValue("error", sought.cause().toString())
            .log("cannot seek the partition; preparing it again");
        partitions.remove(partition);
        sink.stop("seek failed");
        prepareAnew(partition, assignment.generation());
      } else if (!paused) {
        stream.resume(Set.of(partition));
      }
    });
  }

  /** Called by {@link SinkConsumer} on the polling thread; hands the work to the event loop. */
  private final class Rebalance implements SinkConsumer.Rebalance {
    private final Context context;

    Rebalance(Context context) {
      this.context = context;
    }

    @Override
    public void assigned(Set<TopicPartition> assigned, int generation) {
      context.runOnContext(v -> assigned.forEach(partition -> {
        LOG.atInfo().addKeyValue("partition", partition).addKeyValue("generation", generation).log("partition assigned");
        prepareAnew(partition, generation);
      }));
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> revoked(Set<TopicPartition> revoked) {
      if (crashed) {
        return Map.of();
      }
      CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> safe = new CompletableFuture<>();
      List<PartitionSink> revoking = new ArrayList<>();
      context.runOnContext(v -> {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        List<Future<?>> stopping = new ArrayList<>();
        for (TopicPartition partition : revoked) {
          preparing.remove(partition);
          PartitionSink sink = partitions.remove(partition);
          commits.drop(partition);
          if (sink != null) {
            revoking.add(sink);
            stopping.add(sink.revoke().onSuccess(offset -> offset.ifPresent(next ->
                offsets.put(partition, new OffsetAndMetadata(next, DayCompletion.metadata(sink.watermark(), sink.topicId()))))));
          }
        }
        Future.join(stopping).onComplete(done -> safe.complete(offsets));
      });
      try {
        Map<TopicPartition, OffsetAndMetadata> offsets = safe.get(REBALANCE_WAIT_MS, TimeUnit.MILLISECONDS);
        LOG.atInfo().addKeyValue("partitions", revoked).addKeyValue("committing", offsets).log("partitions revoked");
        return offsets;
      } catch (Exception e) {
        // What lands from now on is deleted again by its writer (PartitionSink.stop): nothing commits it.
        context.runOnContext(v -> revoking.forEach(sink -> sink.stop("revocation timed out")));
        LOG.atWarn().addKeyValue("partitions", revoked).addKeyValue("error", e.toString())
            .log("uploads of revoked partitions did not finish in time; committing nothing for them");
        return Map.of();
      }
    }

    @Override
    public void lost(Set<TopicPartition> lost) {
      context.runOnContext(v -> lost.forEach(partition -> {
        preparing.remove(partition);
        PartitionSink sink = partitions.remove(partition);
        commits.drop(partition);
        if (sink != null) {
          sink.stop("partition lost");
        }
      }));
      LOG.atWarn().addKeyValue("partitions", lost).log("partitions lost (session expired); their uncommitted work is dropped");
    }
  }
}
