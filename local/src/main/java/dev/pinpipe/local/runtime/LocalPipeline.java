package dev.pinpipe.local.runtime;

import dev.pinpipe.config.ConfigKeys;
import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.PinpipeConfig;
import dev.pinpipe.embedded.EmbeddedKafka;
import dev.pinpipe.embedded.EmbeddedS3;
import dev.pinpipe.runtime.PinpipeRuntime;
import dev.pinpipe.runtime.Role;
import dev.pinpipe.s3.S3Connection;

import java.util.Optional;
import java.util.Set;

/**
 * pinpipe on one machine: the service's roles ({@link PinpipeRuntime}) with embedded stand-ins
 * for what is not given, a Kafka broker without {@code kafka.bootstrap} and, for the sink, an S3
 * endpoint without {@code s3.endpoint}, both keeping their data under the data directory.
 * {@link #close()} stops the roles first (the sink writes what it holds), then S3, then Kafka.
 */
public final class LocalPipeline implements AutoCloseable {

  /** Every configuration key of the local harness: the service's and the embedded services' ({@code embedded.*}). */
  public static final ConfigKeys CONFIG_KEYS = PinpipeRuntime.CONFIG_KEYS.plus(EmbeddedSettings.KEYS);

  private final PinpipeRuntime runtime;
  private final Optional<EmbeddedKafka> kafka;
  private final Optional<EmbeddedS3> s3;

  private LocalPipeline(PinpipeRuntime runtime, Optional<EmbeddedKafka> kafka, Optional<EmbeddedS3> s3) {
    this.runtime = runtime;
    this.kafka = kafka;
    this.s3 = s3;
  }

  /**
   * What {@link #start} starts for these roles, to claim first: the embedded Kafka without a
   * bootstrap, the embedded S3 for a sink without an endpoint, the ingestion API and the
   * management server.
   */
  public static StartPlan plan(ConfigSource source, Set<Role> roles) {
    PinpipeConfig config = PinpipeConfig.from(source);
    StartPlan plan = StartPlan.in(EmbeddedSettings.from(source));
    if (config.kafka().bootstrap().isEmpty()) {
      plan.kafka();
    }
    if (roles.contains(Role.SINK) && config.s3().endpoint().isEmpty()) {
      plan.s3();
    }
    if (roles.contains(Role.INGEST)) {
      plan.listener(config.ingest().host(), config.ingest().httpPort(), "ingestion API", "--http-port");
    }
    return plan.listener(config.ingest().host(), config.ingest().managementPort(), "management server", "--management-port");
  }

  /** Starts the embedded services {@link #plan} names, then the roles on them; blocks until they serve. */
  public static LocalPipeline start(ConfigSource source, Set<Role> roles) {
    EmbeddedSettings embedded = EmbeddedSettings.from(source);
    PinpipeConfig given = PinpipeConfig.from(source);
    Optional<EmbeddedKafka> kafka = given.kafka().bootstrap().isPresent()
        ? Optional.empty()
        : Optional.of(EmbeddedKafka.start(embedded.dataDir().resolve("kafka"), embedded.kafkaPort()));
    Optional<EmbeddedS3> s3 = Optional.empty();
    try {
      if (roles.contains(Role.SINK) && given.s3().endpoint().isEmpty()) {
        s3 = Optional.of(EmbeddedS3.start(embedded.dataDir().resolve("s3"), embedded.s3Port()));
      }
      PinpipeConfig config = PinpipeConfig.from(source
          .with("kafka.bootstrap", kafka.map(EmbeddedKafka::bootstrapServers).orElse(null))
          .with("s3.endpoint", s3.map(EmbeddedS3::endpoint).orElse(null)));
      S3Connection connection = s3.map(LocalPipeline::connection).orElseGet(() -> S3Connection.configured(config.s3()));
      return new LocalPipeline(PinpipeRuntime.start(config, roles, connection), kafka, s3);
    } catch (RuntimeException | Error e) {
      s3.ifPresent(EmbeddedS3::close);
      kafka.ifPresent(EmbeddedKafka::close);
      throw e;
    }
  }

  /** How a client reaches the embedded S3: its endpoint with its local credentials. */
  public static S3Connection connection(EmbeddedS3 s3) {
    return S3Connection.local(s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY);
  }

  public PinpipeRuntime runtime() {
    return runtime;
  }

  public Optional<EmbeddedKafka> embeddedKafka() {
    return kafka;
  }

  public Optional<EmbeddedS3> embeddedS3() {
    return s3;
  }

  @Override
  public void close() {
    runtime.close();
    s3.ifPresent(EmbeddedS3::close);
    kafka.ifPresent(EmbeddedKafka::close);
  }
}
