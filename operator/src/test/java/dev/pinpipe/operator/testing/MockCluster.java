package dev.pinpipe.operator.testing;

import dev.pinpipe.operator.spark.SparkApplication;
import dev.pinpipe.operator.spark.SparkApplicationSchema;
import dev.pinpipe.operator.spark.SparkApplicationStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * The Kubernetes API of a test (fabric8's mock server in CRUD mode) with our CRDs and the
 * spark-operator's SparkApplication CRD installed, and the spark-operator's part played by hand.
 */
public final class MockCluster {

  public static final String NAMESPACE = "pipelines";

  private final KubernetesClient client;

  public MockCluster(KubernetesClient client) {
    this.client = client;
  }

  /** Installs the CRDs, so that the mock server serves their status subresources. */
  public MockCluster withCrds() {
    for (Path crd : List.of(Path.of("target/crds/pipelineruns.pinpipe.dev-v1.yml"), Path.of("target/crds/pipelineschedules.pinpipe.dev-v1.yml"))) {
      install(crd);
    }
    install(Path.of("src/test/resources/spark-operator/sparkoperator.k8s.io_sparkapplications.yaml"));
    return this;
  }

  private void install(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the spark-operator does as an application moves: writes {@code status.applicationState}. */
  public SparkApplication setState(String application, String state, String errorMessage) {
    SparkApplication current = application(application);
    SparkApplicationStatus status = current.getStatus() == null ? new SparkApplicationStatus() : current.getStatus();
    status.setApplicationState(new SparkApplicationStatus.ApplicationState(state, errorMessage));
    current.setStatus(status);
    return client.resources(SparkApplication.class).inNamespace(NAMESPACE).resource(current).updateStatus();
  }

  public SparkApplication application(String name) {
    SparkApplication application = client.resources(SparkApplication.class).inNamespace(NAMESPACE).withName(name).get();
    if (application == null) {
      throw new AssertionError("no SparkApplication " + name + "; there are " + applicationNames());
    }
    return application;
  }

  public List<String> applicationNames() {
    return client.resources(SparkApplication.class).inNamespace(NAMESPACE).list().getItems().stream()
        .map(application -> application.getMetadata().getName()).sorted().toList();
  }

  /**
   * Where the SparkApplications in the namespace, as the API holds them, differ from the
   * spark-operator's v1beta2 schema: unknown fields, wrong types, bad enums. Empty when all is well.
   * Their status is left out: it is the spark-operator's to write (here, the test's).
   */
  public List<String> applicationShapeViolations() {
    SparkApplicationSchema schema = SparkApplicationSchema.load();
    List<String> violations = new java.util.ArrayList<>();
    for (SparkApplication application : client.resources(SparkApplication.class).inNamespace(NAMESPACE).list().getItems()) {
      application.setStatus(null);
      schema.violations(application).forEach(problem -> violations.add(application.getMetadata().getName() + ": " + problem));
    }
    return violations;
  }

  /** The events of {@code name}, oldest first, as "Type Reason: message". */
  public List<String> events(String name) {
    return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(event -> name.equals(event.getInvolvedObject().getName()))
        .sorted(Comparator.comparing(event -> Long.parseLong(event.getMetadata().getResourceVersion())))
        .map(event -> event.getType() + " " + event.getReason() + ": " + event.getMessage())
        .toList();
  }

  public KubernetesClient client() {
    return client;
  }
}
