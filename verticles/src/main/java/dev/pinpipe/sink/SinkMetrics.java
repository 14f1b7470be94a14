package dev.pinpipe.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** The sink's meters ({@code pinpipe.sink.*}); consumer lag comes from the Kafka client's own metrics. */
final class SinkMetrics {

  private record TopicMeters(Counter records, Counter bytes, Counter objects, Counter deadLetters) {
  }

  private final MeterRegistry registry;
  private final Map<String, TopicMeters> byTopic = new ConcurrentHashMap<>();
  private final Timer upload;
  private final Counter retries;
  private final Counter pauses;
  private final AtomicInteger stalled = new AtomicInteger();
  private final Counter leftAlone;
  private final Counter deleted;
  private final Counter fenced;
  private final Counter unowned;
  private final Counter lateObjects;

  SinkMetrics(MeterRegistry registry, Supplier<Number> bufferedBytes) {
    this.registry = registry;
    this.upload = Timer.builder("pinpipe.sink.upload").description("Time to write one object (and its dead letters)")
        .publishPercentileHistogram().register(registry);
    this.retries = Counter.builder("pinpipe.sink.s3.retries").description("Failed S3 calls that will be retried").register(registry);
    this.pauses = Counter.builder("pinpipe.sink.pauses").description("Times the buffers hit their bound and consumption paused").register(registry);
    this.leftAlone = Counter.builder("pinpipe.sink.objects.left.alone")
        .description("Objects of other topic incarnations or groups (or not provably uncommitted) that the sink met and left as they are")
        .register(registry);
    this.deleted = Counter.builder("pinpipe.sink.objects.deleted")
        .description("Uncommitted objects of this topic incarnation and group deleted (their records are written again)").register(registry);
    this.fenced = Counter.builder("pinpipe.sink.fenced").description("Partitions this member stopped writing because a newer owner wrote").register(registry);
    this.unowned = Counter.builder("pinpipe.sink.records.unowned")
        .description("Records polled for a partition not (or not yet) ready here; they are read again by its owner").register(registry);
    this.lateObjects = Counter.builder("pinpipe.sink.late.objects")
        .description("Objects written into a day already marked _COMPLETE: that day's reports need a rerun").register(registry);
    Gauge.builder("pinpipe.sink.stalled.partitions", stalled, AtomicInteger::get)
        .description("Partitions waiting for S3 to come back").register(registry);
    Gauge.builder("pinpipe.sink.buffered.bytes", bufferedBytes).description("Record bytes held in memory").register(registry);
  }

  void objectWritten(String topic, OpenObject object, boolean wroteObject, long nanos) {
    TopicMeters meters = meters(topic);
    meters.records.increment(object.records());
    meters.bytes.increment(object.length());
    meters.deadLetters.increment(object.deadLetters().size());
    if (wroteObject) {
      meters.objects.increment();
      upload.record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  void leftAlone(int objects) {
    leftAlone.increment(objects);
  }

  void deleted(int objects) {
    deleted.increment(objects);
  }

  void fenced() {
    fenced.increment();
  }

  void unowned(int records) {
    unowned.increment(records);
  }

  void lateObject() {
    lateObjects.increment();
  }

  void retried() {
    retries.increment();
  }

  void paused() {
    pauses.increment();
  }

  void stalled(int delta) {
    stalled.addAndGet(delta);
  }

  int stalledPartitions() {
    return stalled.get();
  }

  private TopicMeters meters(String topic) {
    return byTopic.computeIfAbsent(topic, name -> new TopicMeters(
        Counter.builder("pinpipe.sink.records").tag("topic", name).description("Records written to S3").register(registry),
        Counter.builder("pinpipe.sink.bytes").tag("topic", name).description("Bytes written to S3").register(registry),
        Counter.builder("pinpipe.sink.objects").tag("topic", name).description("Objects written to S3").register(registry),
        Counter.builder("pinpipe.sink.dead.letters").tag("topic", name).description("Poison records sent to <topic>.dlq").register(registry)));
  }
}
