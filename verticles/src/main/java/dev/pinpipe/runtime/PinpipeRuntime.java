package dev.pinpipe.runtime;

import dev.pinpipe.config.PinpipeConfig;
import dev.pinpipe.fanout.InFlightBudget;
import dev.pinpipe.fanout.KafkaFanoutVerticle;
import dev.pinpipe.ingest.IngestMetrics;
import dev.pinpipe.ingest.IngestVerticle;
import dev.pinpipe.ingest.TopicCatalog;
import dev.pinpipe.kafka.EmbeddedKafka;
import dev.pinpipe.kafka.KafkaClientConfigs;
import dev.pinpipe.kafka.TopicSetup;
import dev.pinpipe.management.KafkaReadiness;
import dev.pinpipe.management.ManagementVerticle;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One pinpipe process: the embedded services it needs (Kafka when no bootstrap is configured)
 * and the verticles of its roles. {@link #close()} stops them in the safe order: ingestion stops
 * taking requests and finishes those in flight, then the producer flushes, then Kafka stops.
 */
public final class PinpipeRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PinpipeRuntime.class);
  private static final long STEP_TIMEOUT_SECONDS = 120;

  private final PinpipeConfig config;
  private final Optional<EmbeddedKafka> embeddedKafka;
  private final String bootstrap;
  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final Deque<String> deployments = new ArrayDeque<>();
  private KafkaAdminClient admin;

  private PinpipeRuntime(PinpipeConfig config, Optional<EmbeddedKafka> embeddedKafka, String bootstrap) {
    this.config = config;
    this.embeddedKafka = embeddedKafka;
    this.bootstrap = bootstrap;
    this.vertx = Vertx.vertx();
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /** Starts everything the roles need; blocks until it serves. */
  public static PinpipeRuntime start(PinpipeConfig config, Set<Role> roles) {
    Optional<EmbeddedKafka> embedded = config.kafka().bootstrap().isPresent()
        ? Optional.empty()
        : Optional.of(EmbeddedKafka.start(config.embedded().dataDir().resolve("kafka"), config.embedded().kafkaPort()));
    String bootstrap = config.kafka().bootstrap().orElseGet(() -> embedded.get().bootstrapServers());
    PinpipeRuntime runtime = new PinpipeRuntime(config, embedded, bootstrap);
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
      TopicSetup.ensureTopics(adminConfig("pinpipe-setup"), topics(), config.kafka().partitions(), config.kafka().timeoutMs());
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
    KafkaReadiness readiness = new KafkaReadiness(admin);
    deploy(() -> new ManagementVerticle(config.ingest().host(), config.ingest().managementPort(), readiness, registry), 1);
  }

  private void deploy(java.util.function.Supplier<io.vertx.core.Deployable> verticle, int instances) {
    deployments.push(await(vertx.deployVerticle(verticle, new DeploymentOptions().setInstances(instances)), "deploy a verticle"));
  }

  public List<String> topics() {
    return List.of(config.kafka().topic("pin"), config.kafka().topic("geo"), config.kafka().topic("user"));
  }

  public String bootstrapServers() {
    return bootstrap;
  }

  public Optional<EmbeddedKafka> embeddedKafka() {
    return embeddedKafka;
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
    embeddedKafka.ifPresent(EmbeddedKafka::close);
  }

  private static <T> T await(Future<T> future, String what) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new IllegalStateException("cannot " + what + ": " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new IllegalStateException("cannot " + what + " within " + STEP_TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while trying to " + what, e);
    }
  }
}
