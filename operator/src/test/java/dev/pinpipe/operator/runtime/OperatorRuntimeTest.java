package dev.pinpipe.operator.runtime;

import dev.pinpipe.operator.config.OperatorSettings;
import dev.pinpipe.operator.model.PipelineRun;
import dev.pinpipe.operator.model.PipelineRunSpec;
import dev.pinpipe.operator.model.RunPhase;
import dev.pinpipe.operator.run.SummaryReader;
import dev.pinpipe.operator.spark.SparkApplicationFactory;
import dev.pinpipe.operator.testing.MockCluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.pinpipe.operator.testing.MockCluster.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The operator as it runs: JOSDK's informers and controllers against the API, health and metrics, leader election. */
@EnableKubernetesMockClient(crud = true)
class OperatorRuntimeTest {

  KubernetesClient client;
  KubernetesMockServer server;
  MockCluster cluster;

  @BeforeEach
  void setUp() {
    cluster = new MockCluster(client).withCrds();
  }

  /** Every SparkApplication the operator created here is a valid v1beta2 object. */
  @AfterEach
  void applicationsHaveTheSparkOperatorsShape() {
    assertThat(cluster.applicationShapeViolations()).isEmpty();
  }

  @Test
  void aRunMovesThroughItsStagesAsTheApplicationsChange() throws Exception {
    try (OperatorRuntime operator = start(client, "operator-0", Optional.empty())) {
      createRun("daily-2026-03-01");
      await().atMost(Duration.ofSeconds(20)).until(() -> cluster.applicationNames().contains("daily-2026-03-01-clean-1"));
      cluster.setState("daily-2026-03-01-clean-1", "COMPLETED", null);
      await().atMost(Duration.ofSeconds(20)).until(() -> cluster.applicationNames().contains("daily-2026-03-01-reports-1"));
      cluster.setState("daily-2026-03-01-reports-1", "COMPLETED", null);
      await().atMost(Duration.ofSeconds(20)).until(() -> phase("daily-2026-03-01") == RunPhase.SUCCEEDED);
      assertThat(cluster.applicationNames()).containsExactly("daily-2026-03-01-clean-1", "daily-2026-03-01-reports-1");

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> ready = get(http, operator.httpPort(), "/readyz");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).contains("\"status\":\"ready\"");
      assertThat(get(http, operator.httpPort(), "/healthz").statusCode()).isEqualTo(200);
      HttpResponse<String> metrics = get(http, operator.httpPort(), "/metrics");
      assertThat(metrics.headers().firstValue("content-type")).contains(HealthServer.PROMETHEUS_TEXT);
      assertThat(metrics.body())
          .contains("pinpipe_operator_runs{phase=\"Succeeded\"} 1.0")
          .contains("pinpipe_operator_stage_duration_seconds_count{outcome=\"succeeded\",stage=\"clean\"} 1")
          .contains("pinpipe_operator_reconcile_seconds_count{kind=\"PipelineRun\",result=\"success\"}");
      assertThat(get(http, operator.httpPort(), "/nothing").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void anOperatorStartedAfterAnotherStoppedMidStageFollowsTheRunningApplicationAndSubmitsNothingTwice() {
    try (OperatorRuntime first = start(client, "operator-0", Optional.empty())) {
      createRun("r");
      await().atMost(Duration.ofSeconds(20)).until(() -> cluster.applicationNames().contains("r-clean-1"));
      await().atMost(Duration.ofSeconds(20)).until(() -> phase("r") == RunPhase.RUNNING);
    }
    cluster.setState("r-clean-1", "RUNNING", null);

    try (OperatorRuntime second = start(client, "operator-1", Optional.empty())) {
      await().atMost(Duration.ofSeconds(20)).until(() -> "RUNNING".equals(stageApplicationState("r")));
      assertThat(cluster.applicationNames()).containsExactly("r-clean-1");
      cluster.setState("r-clean-1", "COMPLETED", null);
      await().atMost(Duration.ofSeconds(20)).until(() -> cluster.applicationNames().contains("r-reports-1"));
      assertThat(cluster.applicationNames()).containsExactly("r-clean-1", "r-reports-1");
      assertThat(reportingInstances("r")).containsExactly("operator-0", "operator-1");
    }
  }

  @Test
  void withTwoReplicasOnlyTheLeaderActsAndTheOtherTakesOverWhenItStops() {
    OperatorRuntime.LeaderElection lease = new OperatorRuntime.LeaderElection("pinpipe-operator", NAMESPACE,
        Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(250), false);
    allowLeases();
    KubernetesClient secondClient = server.createClient();
    OperatorRuntime first = start(client, "operator-a", Optional.of(lease));
    await().atMost(Duration.ofSeconds(20)).until(first::isLeader);
    try (OperatorRuntime second = start(secondClient, "operator-b", Optional.of(lease))) {
      createRun("r");
      await().atMost(Duration.ofSeconds(20)).until(() -> cluster.applicationNames().contains("r-clean-1"));
      assertThat(second.isLeader()).isFalse();
      assertThat(reportingInstances("r")).containsOnly("operator-a");

      first.close();
      await().atMost(Duration.ofSeconds(20)).until(second::isLeader);
      cluster.setState("r-clean-1", "COMPLETED", null);
      await().atMost(Duration.ofSeconds(20)).until(() -> cluster.applicationNames().contains("r-reports-1"));
      assertThat(cluster.applicationNames()).containsExactly("r-clean-1", "r-reports-1");
      assertThat(reportingInstances("r")).containsOnly("operator-a", "operator-b");
      assertThat(client.leases().inNamespace(NAMESPACE).withName("pinpipe-operator").get().getSpec().getHolderIdentity())
          .isEqualTo("operator-b");
    } finally {
      first.close();
      secondClient.close();
    }
  }

  /**
   * JOSDK asks the API server, before it runs for the Lease, whether it may get, create and update
   * Leases (a SelfSubjectRulesReview); the mock server cannot answer that, so the test answers as an
   * API server would for the chart's RBAC.
   */
  private void allowLeases() {
    SelfSubjectRulesReview answer = new SelfSubjectRulesReviewBuilder()
        .withNewSpec().withNamespace(NAMESPACE).endSpec()
        .withNewStatus().withIncomplete(false)
        .addNewResourceRule().withApiGroups("coordination.k8s.io").withResources("leases")
        .withVerbs("get", "list", "watch", "create", "update", "patch").endResourceRule()
        .endStatus().build();
    server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews").andReturn(201, answer).always();
  }

  private OperatorRuntime start(KubernetesClient apiClient, String identity, Optional<OperatorRuntime.LeaderElection> lease) {
    return OperatorRuntime.start(apiClient, Clock.systemUTC(), new SparkApplicationFactory(OperatorSettings.defaults()), SummaryReader.NONE,
        new OperatorRuntime.Options(Set.of(NAMESPACE), lease, 0, identity));
  }

  private List<String> reportingInstances(String run) {
    return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(event -> run.equals(event.getInvolvedObject().getName())).map(Event::getReportingInstance).distinct().toList();
  }

  private void createRun(String name) {
    PipelineRun run = new PipelineRun();
    run.getMetadata().setName(name);
    run.getMetadata().setNamespace(NAMESPACE);
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setDate("2026-03-01");
    run.setSpec(spec);
    run.setStatus(null);
    client.resources(PipelineRun.class).inNamespace(NAMESPACE).resource(run).create();
  }

  private String stageApplicationState(String name) {
    PipelineRun run = client.resources(PipelineRun.class).inNamespace(NAMESPACE).withName(name).get();
    return run.getStatus() == null || run.getStatus().getStages().isEmpty() ? null : run.getStatus().getStages().get(0).getApplicationState();
  }

  private RunPhase phase(String name) {
    PipelineRun run = client.resources(PipelineRun.class).inNamespace(NAMESPACE).withName(name).get();
    return run.getStatus() == null ? null : run.getStatus().getPhase();
  }

  private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
