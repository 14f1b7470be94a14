package dev.pinpipe.support;

import java.util.Locale;

import dev.pinpipe.contracts.RecordKind;

import dev.pinpipe.config.S3Settings;
import dev.pinpipe.embedded.EmbeddedS3;
import dev.pinpipe.s3.S3Clients;
import dev.pinpipe.s3.S3Connection;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import dev.pinpipe.config.ConfigSource;
import dev.pinpipe.config.PinpipeConfig;
import dev.pinpipe.runtime.PinpipeRuntime;
import dev.pinpipe.runtime.Role;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A running pinpipe (ingest + fanout) on free ports with its own topic prefix, so test classes
 * sharing one broker never see each other's records.
 */
public final class TestPipeline implements AutoCloseable {

  public static final String JSON_V2 = "application/vnd.kafka.json.v2+json";
  public static final String BINARY_V2 = "application/vnd.kafka.binary.v2+json";

  private final PinpipeRuntime runtime;
  private final AutoCloseable owner;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  private TestPipeline(PinpipeRuntime runtime, AutoCloseable owner) {
    this.runtime = runtime;
    this.owner = owner;
  }

  /** Around a runtime started otherwise (the local harness's); closing it closes {@code owner}, which stops the runtime. */
  public static TestPipeline around(PinpipeRuntime runtime, AutoCloseable owner) {
    return new TestPipeline(runtime, owner);
  }

  /** On the shared broker. */
  public static TestPipeline start(Map<String, String> overrides) {
    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap", SharedKafka.bootstrap());
    config.putAll(overrides);
    return startWith(config);
  }

  public static TestPipeline startWith(Map<String, String> overrides) {
    return startWith(overrides, EnumSet.of(Role.INGEST, Role.FANOUT));
  }

  public static TestPipeline startWith(Map<String, String> overrides, Set<Role> roles) {
    Map<String, String> config = settings(overrides);
    // A sink without a given endpoint writes to an S3 of its own, gone with the pipeline.
    Optional<EmbeddedS3> s3 = roles.contains(Role.SINK) && !config.containsKey("s3.endpoint")
        ? Optional.of(EmbeddedS3.start(temporaryDirectory(), Ports.free()))
        : Optional.empty();
    s3.ifPresent(started -> config.put("s3.endpoint", started.endpoint().toString()));
    PinpipeConfig pinpipeConfig = PinpipeConfig.from(ConfigSource.of(config));
    try {
      PinpipeRuntime runtime = PinpipeRuntime.start(pinpipeConfig, roles,
          s3.map(TestPipeline::connection).orElseGet(() -> S3Connection.configured(pinpipeConfig.s3())));
      return new TestPipeline(runtime, () -> {
        runtime.close();
        s3.ifPresent(EmbeddedS3::close);
      });
    } catch (RuntimeException e) {
      s3.ifPresent(EmbeddedS3::close);
      throw e;
    }
  }

  /** {@code overrides} on a test pipeline's defaults: a topic prefix of its own, free ports, two instances. */
  public static Map<String, String> settings(Map<String, String> overrides) {
    Map<String, String> config = new HashMap<>();
    config.put("kafka.topic-prefix", "it-" + UUID.randomUUID().toString().substring(0, 8));
    config.put("kafka.timeout-ms", "10000");
    config.put("ingest.host", "127.0.0.1");
    config.put("ingest.http-port", String.valueOf(Ports.free()));
    config.put("ingest.management-port", String.valueOf(Ports.free()));
    config.put("ingest.instances", "2");
    config.putAll(overrides);
    return config;
  }

  /** How a client reaches an embedded S3. */
  public static S3Connection connection(EmbeddedS3 s3) {
    return S3Connection.local(s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY);
  }

  /** A client of an embedded S3, path-style as S3Proxy needs. */
  public static S3AsyncClient client(EmbeddedS3 s3) {
    return S3Clients.create(S3Settings.from(ConfigSource.of(Map.of("s3.endpoint", s3.endpoint().toString()))), connection(s3));
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("pinpipe-it-s3");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client of this pipeline's S3. */
  public S3AsyncClient s3Client() {
    return S3Clients.create(runtime.config().s3(), runtime.s3());
  }

  public PinpipeRuntime runtime() {
    return runtime;
  }

  public String topic(String kind) {
    return runtime.config().kafka().topics().topic(RecordKind.valueOf(kind.toUpperCase(Locale.ROOT)));
  }

  public List<String> topics() {
    return runtime.topics();
  }

  public String bootstrap() {
    return runtime.bootstrapServers();
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + runtime.config().ingest().httpPort() + path);
  }

  public URI managementUri(String path) {
    return URI.create("http://127.0.0.1:" + runtime.config().ingest().managementPort() + path);
  }

  public HttpClient http() {
    return http;
  }

  public HttpResponse<String> post(String path, String contentType, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request.build());
  }

  public HttpResponse<String> get(URI uri) {
    return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      owner.close();
    } catch (Exception e) {
      throw new IllegalStateException("the pipeline did not stop cleanly", e);
    }
  }
}
