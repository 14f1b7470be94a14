package dev.pinpipe.support;

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
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  private TestPipeline(PinpipeRuntime runtime) {
    this.runtime = runtime;
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
    Map<String, String> config = new HashMap<>();
    config.put("kafka.topic-prefix", "it-" + UUID.randomUUID().toString().substring(0, 8));
    config.put("kafka.timeout-ms", "10000");
    config.put("ingest.host", "127.0.0.1");
    config.put("ingest.http-port", String.valueOf(Ports.free()));
    config.put("ingest.management-port", String.valueOf(Ports.free()));
    config.put("ingest.instances", "2");
    config.putAll(overrides);
    PinpipeConfig pinpipeConfig = PinpipeConfig.from(ConfigSource.of(config));
    return new TestPipeline(PinpipeRuntime.start(pinpipeConfig, roles));
  }

  public PinpipeRuntime runtime() {
    return runtime;
  }

  public String topic(String kind) {
    return runtime.config().kafka().topic(kind);
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
    runtime.close();
  }
}
