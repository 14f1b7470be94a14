package dev.pinpipe.support;

import java.util.Locale;

import dev.pinpipe.contracts.RecordKind;

import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.KafkaSettings;
import dev.pinpipe.config.S3Settings;
import dev.pinpipe.config.SinkSettings;
import dev.pinpipe.kafka.KafkaClientConfigs;
import dev.pinpipe.embedded.EmbeddedS3;
import dev.pinpipe.s3.S3Clients;
import dev.pinpipe.s3.S3Listing;
import dev.pinpipe.sink.S3SinkVerticle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;


/**
 * A real S3 (S3Proxy under a temp dir) and fresh topics on the shared broker, with sink
 * verticles deployed and crashed at will, and S3 read back with the AWS SDK.
 */
public final class SinkFixture implements AutoCloseable {

  public static final String BUCKET = "pinpipe";

  private final Path s3Dir;
  private final int s3Port;
  private final String prefix = "sink-" + UUID.randomUUID().toString().substring(0, 8);
  private final String groupId = prefix + "-group";
  private final int partitions;
  private final Vertx vertx = Vertx.vertx();
  private final KafkaProducer<byte[], byte[]> producer;
  private final Admin admin;
  private final S3Settings s3Settings = S3Settings.from(ConfigSource.of(Map.of("s3.path-style", "true")));
  private final KafkaSettings kafkaSettings;
  private EmbeddedS3 s3;
  private final S3AsyncClient reader;
  private final List<S3AsyncClient> clients = new ArrayList<>();

  public SinkFixture(Path s3Dir, int partitions) {
    this.s3Dir = s3Dir;
    this.s3Port = Ports.free();
    this.partitions = partitions;
    this.kafkaSettings = KafkaSettings.from(ConfigSource.of(Map.of("kafka.topic-prefix", prefix, "kafka.timeout-ms", "10000")));
    String bootstrap = SharedKafka.bootstrap();
    this.s3 = EmbeddedS3.start(s3Dir, s3Port);
    this.reader = S3Clients.create(s3Settings, TestPipeline.connection(s3));
    S3Clients.ensureBucket(reader, BUCKET);
    List<String> topics = new ArrayList<>();
    for (String kind : List.of("pin", "geo", "user")) {
      topics.add(topic(kind));
      topics.add(topic(kind) + ".dlq");
    }
    this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
    // Records here carry timestamps from 2024: without this the broker's 7-day retention deletes them under the test.
    try {
      admin.createTopics(topics.stream()
          .map(topic -> new NewTopic(topic, partitions, (short) 1).configs(Map.of("retention.ms", "-1")))
          .toList()).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topics " + topics, e);
    }
    this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all", "linger.ms", "1"),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  public String topic(String kind) {
    return kafkaSettings.topics().topic(RecordKind.valueOf(kind.toUpperCase(Locale.ROOT)));
  }

  public int partitions() {
    return partitions;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** A sink in this fixture's group, with the given {@code sink.*} overrides. */
  public S3SinkVerticle newSink(Map<String, String> overrides, S3SinkVerticle.Listener listener, SimpleMeterRegistry registry) {
    Map<String, String> values = new HashMap<>(overrides);
    values.putIfAbsent("sink.group-id", groupId);
    values.putIfAbsent("sink.retry-initial-ms", "50");
    values.putIfAbsent("sink.retry-max-ms", "500");
    values.putIfAbsent("sink.complete-check-ms", "100");
    SinkSettings settings = SinkSettings.from(ConfigSource.of(values), prefix);
    String bootstrap = SharedKafka.bootstrap();
    Map<String, Object> consumer = new HashMap<>(KafkaClientConfigs.sinkConsumer(bootstrap, kafkaSettings, settings.groupId()));
    consumer.put("session.timeout.ms", "10000");
    consumer.put("max.poll.records", "100");
    return new S3SinkVerticle(consumer, KafkaClientConfigs.deadLetterProducer(bootstrap, kafkaSettings), settings, BUCKET,
        () -> {
          S3AsyncClient client = S3Clients.create(s3Settings, TestPipeline.connection(s3));
          clients.add(client);
          return client;
        }, registry, listener);
  }

  public S3SinkVerticle newSink(Map<String, String> overrides) {
    return newSink(overrides, (partition, key, next) -> { }, new SimpleMeterRegistry());
  }

  public String deploy(S3SinkVerticle sink) {
    return await(vertx.deployVerticle(() -> sink, new DeploymentOptions()));
  }

  public void undeploy(String deployment) {
    await(vertx.undeploy(deployment));
  }

  public RecordMetadata produce(String topic, int partition, long timestamp, byte[] value) {
    try {
      return producer.send(new ProducerRecord<>(topic, partition, timestamp, null, value)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot produce to " + topic, e);
    }
  }

  public RecordMetadata produce(String topic, int partition, long timestamp, String value) {
    return produce(topic, partition, timestamp, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Waits until the sink group has committed every record now in {@code topics}. */
  public void awaitCommittedToEnd(List<String> topics, Duration atMost) {
    awaitCommittedToEnd(groupId, topics, atMost);
  }

  /** Waits until {@code group} has committed every record now in {@code topics}. */
  public void awaitCommittedToEnd(String group, List<String> topics, Duration atMost) {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (String topic : topics) {
      for (int p = 0; p < partitions; p++) {
        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
    }
    Map<TopicPartition, Long> ends = new HashMap<>();
    try {
      admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((partition, info) -> ends.put(partition, info.offset()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    org.awaitility.Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
      Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
      return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
          || committed.containsKey(end.getKey()) && committed.get(end.getKey()).offset() >= end.getValue());
    });
  }

  public Map<TopicPartition, OffsetAndMetadata> committed() throws Exception {
    return committed(groupId);
  }

  public Map<TopicPartition, OffsetAndMetadata> committed(String group) throws Exception {
    return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
  }

  /** Deletes the group's committed offsets of {@code topic}, as expiry does (the group must have no member). */
  public void deleteOffsets(String topic) {
    java.util.Set<TopicPartition> all = new java.util.HashSet<>();
    for (int p = 0; p < partitions; p++) {
      all.add(new TopicPartition(topic, p));
    }
    try {
      admin.deleteConsumerGroupOffsets(groupId, all).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot delete the offsets of " + topic, e);
    }
  }

  /** Deletes {@code topic} and creates it again: same name, new topic ID, empty log. */
  public void recreate(String topic) {
    try {
      admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .until(() -> !admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic));
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .until(() -> {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(Map.of("retention.ms", "-1"))))
                .all().get(30, TimeUnit.SECONDS);
            return true;
          });
    } catch (Exception e) {
      throw new IllegalStateException("cannot recreate " + topic, e);
    }
  }

  /** The S3 user metadata of the object at {@code key}. */
  public Map<String, String> metadata(String key) {
    try {
      return reader.headObject(request -> request.bucket(BUCKET).key(key)).get(30, TimeUnit.SECONDS).metadata();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the metadata of " + key, e);
    }
  }

  /** Every key under {@code topics/<topic>/}, sorted. */
  public List<String> keys(String topic) {
    try {
      return S3Listing.objects(reader, BUCKET, "topics/" + topic + "/", "").stream().map(S3Object::key).sorted().toList();
    } catch (Exception e) {
      throw new IllegalStateException("cannot list " + topic, e);
    }
  }

  public String read(String key) {
    try {
      return reader.getObject(request -> request.bucket(BUCKET).key(key), AsyncResponseTransformer.toBytes())
          .get(30, TimeUnit.SECONDS).asString(StandardCharsets.UTF_8);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + key, e);
    }
  }

  /** Object key to body, for the data objects (not markers) of {@code topic}. */
  public Map<String, String> objects(String topic) {
    Map<String, String> objects = new TreeMap<>();
    keys(topic).stream().filter(key -> key.endsWith(".json")).forEach(key -> objects.put(key, read(key)));
    return objects;
  }

  /** Every line of every data object of {@code topic}. */
  public List<String> lines(String topic) {
    return objects(topic).values().stream()
        .flatMap(body -> Arrays.stream(body.split("\n")))
        .collect(Collectors.toList());
  }

  public void stopS3() {
    s3.close();
  }

  public void startS3() {
    s3 = EmbeddedS3.start(s3Dir, s3Port);
  }

  public String groupId() {
    return groupId;
  }

  @Override
  public void close() {
    producer.close();
    admin.close();
    await(vertx.close());
    clients.forEach(S3AsyncClient::close);
    reader.close();
    s3.close();
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.await(90, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
