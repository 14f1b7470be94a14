package dev.pinpipe.runtime;

import dev.pinpipe.config.ConfigKeys;
import dev.pinpipe.config.IngestSettings;
import dev.pinpipe.config.KafkaSettings;
import dev.pinpipe.contracts.Topics;
import dev.pinpipe.config.PinpipeConfig;
import dev.pinpipe.config.S3Settings;
import dev.pinpipe.config.SinkSettings;
import dev.pinpipe.db.MySqlSettings;
import dev.pinpipe.emulator.DatabasePostSource;
import dev.pinpipe.emulator.EmulatorSettings;
import dev.pinpipe.emulator.EmulatorStats;
import dev.pinpipe.emulator.EmulatorVerticle;
import dev.pinpipe.fanout.InFlightBudget;
import dev.pinpipe.fanout.KafkaFanoutVerticle;
import dev.pinpipe.ingest.IngestMetrics;
import dev.pinpipe.ingest.IngestVerticle;
import dev.pinpipe.ingest.TopicCatalog;
import dev.pinpipe.kafka.KafkaClientConfigs;
import dev.pinpipe.kafka.TopicSetup;
import dev.pinpipe.management.KafkaReadiness;
import dev.pinpipe.management.LatestReport;
import dev.pinpipe.management.ManagementVerticle;
import dev.pinpipe.s3.S3Connection;
import dev.pinpipe.s3.S3Clients;
import dev.pinpipe.sink.S3SinkVerticle;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.sqlclient.Pool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One pinpipe process: the verticles of its roles, connected to a Kafka cluster and an S3
 * endpoint that run elsewhere. {@link #close()} stops them in the safe order: the sink writes
 * what it holds, ingestion stops taking requests and finishes those in flight, the producer
 * flushes.
 */
public final class PinpipeRuntime implements AutoCloseable {

  /** Every configuration key the service reads: its roles', the source MySQL's and the emulator's. */
  public static final ConfigKeys CONFIG_KEYS = KafkaSettings.KEYS.plus(
      IngestSettings.KEYS, S3Settings.KEYS, SinkSettings.KEYS, MySqlSettings.KEYS, EmulatorSettings.KEYS);

  private static final Logger LOG = LoggerFactory.getLogger(PinpipeRuntime.class);
  private static final long STEP_TIMEOUT_SECONDS = 120;

  private final PinpipeConfig config;
  private final S3Connection s3;
  private Optional<S3SinkVerticle> sink = Optional.empty();
  private final String bootstrap;
  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final Deque<String> deployments = new ArrayDeque<>();
  private KafkaAdminClient admin;

  private PinpipeRuntime(PinpipeConfig config, S3Connection s3, String bootstrap) {
    this.config = config;
    this.s3 = s3;
    this.bootstrap = bootstrap;
    this.vertx = Vertx.vertx();
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /**
   * Starts the verticles of {@code roles} against the configured Kafka ({@code kafka.bootstrap},
   * required) and, for the sink, the S3 endpoint of {@code s3}; blocks until they serve.
   */
  public static PinpipeRuntime start(PinpipeConfig config, Set<Role> roles, S3Connection s3) {
    String bootstrap = config.kafka().bootstrap().orElseThrow(() -> new IllegalArgumentException(
        "no Kafka to connect to: give --kafka HOST:PORT (or kafka.bootstrap in the config file, PINPIPE_KAFKA_BOOTSTRAP)"));
    PinpipeRuntime runtime = new PinpipeRuntime(config, s3, bootstrap);
    try {
      runtime.deploy(roles);
      return runtime;
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  private void deploy(Set<Role> roles) {
    if (config.kafka().createTopics()) {
      List<String> topics = new ArrayList<>(topics());
      if (roles.contains(Role.SINK) && config.sink().deadLetters()) {
        topics().forEach(topic -> topics.add(Topics.deadLetterTopic(topic)));
      }
      TopicSetup.ensureTopics(adminConfig("pinpipe-setup"), topics, config.kafka().partitions(), config.kafka().timeoutMs());
    }
    int instances = Math.max(1, config.ingest().instances());
    admin = KafkaAdminClient.create(vertx, adminConfig("pinpipe-admin"));
    if (roles.contains(Role.FANOUT)) {
      Map<String, String> producerConfig = KafkaClientConfigs.producer(bootstrap, config.kafka());
      InFlightBudget budget = new InFlightBudget(config.kafka().maxInFlightBytes());
      Gauge.builder("pinpipe.fanout.in.flight.bytes", budget, InFlightBudget::used).register(registry);
      deploy(() -> new KafkaFanoutVerticle(producerConfig, budget, registry), instances);
    }
    if (roles.contains(Role.INGEST)) {
      IngestMetrics metrics = new IngestMetrics(registry);
      TopicCatalog catalog = new TopicCatalog(vertx, admin);
      deploy(() -> new IngestVerticle(config.ingest(), config.kafka(), catalog, metrics), instances);
    }
    if (roles.contains(Role.SINK)) {
      deploySink();
    }
    KafkaReadiness readiness = new KafkaReadiness(admin);
    // The sink's process reaches S3: it also serves the newest daily report there.
    boolean withReports = roles.contains(Role.SINK);
    deploy(() -> new ManagementVerticle(config.ingest().host(), config.ingest().managementPort(), readiness, registry,
        withReports ? Optional.of(new LatestReport(S3Clients.create(config.s3(), s3), config.s3().bucket())) : Optional.empty()), 1);
  }

  private void deploySink() {
    try (S3AsyncClient setup = S3Clients.create(config.s3(), s3)) {
      S3Clients.ensureBucket(setup, config.s3().bucket());
    }
    S3SinkVerticle verticle = new S3SinkVerticle(
        KafkaClientConfigs.sinkConsumer(bootstrap, config.kafka(), config.sink().groupId()),
        KafkaClientConfigs.deadLetterProducer(bootstrap, config.kafka()),
        config.sink(), config.s3().bucket(), () -> S3Clients.create(config.s3(), s3), registry,
        (partition, key, nextOffset) -> { });
    deploy(() -> verticle, 1);
    sink = Optional.of(verticle);
  }

  private void deploy(java.util.function.Supplier<io.vertx.core.Deployable> verticle, int instances) {
    deployments.push(await(vertx.deployVerticle(verticle, new DeploymentOptions().setInstances(instances)), "deploy a verticle"));
  }

  public List<String> topics() {
    return config.kafka().topics().all();
  }

  public String bootstrapServers() {
    return bootstrap;
  }


  /** The end offset of every partition of this pipeline's topics, now: where the next record of each will go. */
  public Map<TopicPartition, Long> endOffsets() {
    try (Admin kafka = Admin.create(Map.copyOf(adminConfig("pinpipe-end-offsets")))) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (String topic : topics()) {
        kafka.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
            .forEach(info -> latest.put(new TopicPartition(topic, info.partition()), OffsetSpec.latest()));
      }
      Map<TopicPartition, Long> ends = new HashMap<>();
      kafka.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((partition, info) -> ends.put(partition, info.offset()));
      return ends;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the topics' end offsets", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the topics' end offsets from Kafka at " + bootstrap + ": " + e.getMessage(), e);
    }
  }

  /**
   * Blocks until the sink has written every record now in the topics and committed past it,
   * writing its open objects rather than waiting for them to fill or age.
   *
   * @param progress told how many records are still to be written, after each check
   */
  public void awaitSinkCaughtUp(Duration timeout, java.util.function.LongConsumer progress) {
    awaitSinkCaughtUp(endOffsets(), timeout, progress);
  }

  /**
   * Blocks until the sink has committed up to {@code ends} (from {@link #endOffsets()}), writing
   * its open objects rather than waiting for them to fill or age.
   *
   * @param progress told how many records are still to be written, after each check
   */
  public void awaitSinkCaughtUp(Map<TopicPartition, Long> ends, Duration timeout, java.util.function.LongConsumer progress) {
    S3SinkVerticle verticle = sink.orElseThrow(() -> new IllegalStateException("this process runs no sink"));
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin kafka = Admin.create(Map.copyOf(adminConfig("pinpipe-sink-progress")))) {
      while (true) {
        await(verticle.flush(), "write the sink's open objects");
        Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(config.sink().groupId())
            .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
          OffsetAndMetadata offset = committed.get(end.getKey());
          behind += Math.max(0, end.getValue() - (offset == null ? 0 : offset.offset()));
        }
        progress.accept(behind);
        if (behind == 0) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(behind + " records are not in S3 after " + timeout.toSeconds()
              + " s: is S3 reachable? (see the sink's warnings and pinpipe_sink_stalled_partitions)");
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the sink", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the sink's progress from Kafka: " + e.getMessage(), e);
    }
  }

  /**
   * Starts emulated users posting from {@code database} to the ingestion API in {@code settings};
   * the emulator stops with this runtime.
   */
  public EmulatorVerticle emulate(EmulatorSettings settings, MySqlSettings database, EmulatorStats stats) {
    Pool pool = database.pool(vertx, Math.max(4, settings.concurrency()));
    EmulatorVerticle verticle = new EmulatorVerticle(settings, new DatabasePostSource(pool), stats);
    deploy(() -> verticle, 1);
    return verticle;
  }

  /** How this process reaches S3. */
  public S3Connection s3() {
    return s3;
  }

  /** The S3 sink, when this process runs the sink role. */
  public Optional<S3SinkVerticle> sink() {
    return sink;
  }

  public PinpipeConfig config() {
    return config;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public Vertx vertx() {
    return vertx;
  }

  private Map<String, String> adminConfig(String clientId) {
    return KafkaClientConfigs.admin(bootstrap, config.kafka(), clientId);
  }

  @Override
  public void close() {
    while (!deployments.isEmpty()) {
      String id = deployments.pop();
      try {
        await(vertx.undeploy(id), "stop a verticle");
      } catch (RuntimeException e) {
        LOG.atWarn().setCause(e).addKeyValue("deployment", id).log("verticle did not stop cleanly");
      }
    }
    if (admin != null) {
      try {
        await(admin.close(), "close the Kafka admin client");
      } catch (RuntimeException e) {
        LOG.atWarn().setCause(e).log("Kafka admin client did not close cleanly");
      }
    }
    try {
      await(vertx.close(), "close Vert.x");
    } catch (RuntimeException e) {
      LOG.atWarn().setCause(e).log("Vert.x did not close cleanly");
    }
  }

  /** Waits for {@code future} on the caller's thread (start, close: never an event loop). */
  private static <T> T await(Future<T> future, String what) {
    try {
      return future.await(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("cannot " + what + " within " + STEP_TIMEOUT_SECONDS + " s", e);
    } catch (Exception e) {
      // Future.await throws the future's own failure, or InterruptedException, as it is.
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while trying to " + what, e);
      }
      throw new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
    }
  }
}
