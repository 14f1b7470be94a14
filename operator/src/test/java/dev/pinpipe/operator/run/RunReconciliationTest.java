package dev.pinpipe.operator.run;

import dev.pinpipe.operator.config.OperatorSettings;
import dev.pinpipe.operator.metrics.OperatorMetrics;
import dev.pinpipe.operator.model.Crds;
import dev.pinpipe.operator.model.PipelineRun;
import dev.pinpipe.operator.model.PrinterColumns;
import dev.pinpipe.operator.model.PipelineRunSpec;
import dev.pinpipe.operator.model.RetryPolicy;
import dev.pinpipe.operator.model.RunPhase;
import dev.pinpipe.operator.model.StageState;
import dev.pinpipe.operator.spark.SparkApplication;
import dev.pinpipe.operator.spark.SparkApplicationFactory;
import dev.pinpipe.operator.status.EventRecorder;
import dev.pinpipe.operator.testing.MockCluster;
import dev.pinpipe.operator.testing.TestClock;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static dev.pinpipe.operator.testing.MockCluster.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

@EnableKubernetesMockClient(crud = true)
class RunReconciliationTest {

  static final Instant START = Instant.parse("2026-03-02T00:30:00Z");

  KubernetesClient client;
  MockCluster cluster;
  TestClock clock;
  RunReconciliation reconciliation;

  @BeforeEach
  void setUp() {
    cluster = new MockCluster(client).withCrds();
    clock = new TestClock(START);
    reconciliation = new RunReconciliation(client, clock, new SparkApplicationFactory(OperatorSettings.defaults()), SummaryReader.NONE,
        new EventRecorder(client, clock, "test-operator"), new OperatorMetrics());
  }

  /** Every SparkApplication the operator created here is a valid v1beta2 object. */
  @AfterEach
  void applicationsHaveTheSparkOperatorsShape() {
    assertThat(cluster.applicationShapeViolations()).isEmpty();
  }

  @Test
  void aRunGoesThroughCleanThenReportsToSucceeded() {
    create("daily-2026-03-01", spec -> { });

    reconcile("daily-2026-03-01");
    PipelineRun submitted = run("daily-2026-03-01");
    PipelineRun run = submitted;
    assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.RUNNING);
    assertThat(run.getStatus().getStage()).isEqualTo("clean");
    assertThat(run.getStatus().getAttempts()).isEqualTo(1);
    assertThat(run.getStatus().getObservedGeneration()).isEqualTo(run.getMetadata().getGeneration());
    assertThat(condition(run, RunReconciliation.RUNNING).getStatus()).isEqualTo("True");
    assertThat(condition(run, RunReconciliation.SUCCEEDED).getStatus()).isEqualTo("Unknown");
    assertThat(cluster.applicationNames()).containsExactly("daily-2026-03-01-clean-1");
    assertThat(PrinterColumns.columnProblems(run, Crds.generated(Crds.RUNS))).as("kubectl get's columns of a running run").isEmpty();
    SparkApplication clean = cluster.application("daily-2026-03-01-clean-1");
    assertThat(clean.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
      assertThat(owner.getUid()).isEqualTo(submitted.getMetadata().getUid());
      assertThat(owner.getController()).isTrue();
      assertThat(owner.getBlockOwnerDeletion()).isTrue();
    });

    cluster.setState("daily-2026-03-01-clean-1", "RUNNING", null);
    reconcile("daily-2026-03-01");
    assertThat(run("daily-2026-03-01").getStatus().getStages().get(0).getApplicationState()).isEqualTo("RUNNING");
    assertThat(cluster.applicationNames()).containsExactly("daily-2026-03-01-clean-1");

    clock.advance(Duration.ofMinutes(7));
    cluster.setState("daily-2026-03-01-clean-1", "COMPLETED", null);
    reconcile("daily-2026-03-01");
    run = run("daily-2026-03-01");
    assertThat(run.getStatus().getStage()).isEqualTo("reports");
    assertThat(run.getStatus().getStages()).extracting(stage -> stage.getState())
        .containsExactly(StageState.SUCCEEDED, StageState.RUNNING);
    assertThat(cluster.applicationNames()).containsExactly("daily-2026-03-01-clean-1", "daily-2026-03-01-reports-1");

    clock.advance(Duration.ofMinutes(3));
    cluster.setState("daily-2026-03-01-reports-1", "COMPLETED", null);
    reconcile("daily-2026-03-01");
    run = run("daily-2026-03-01");
    assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.SUCCEEDED);
    assertThat(run.getStatus().getCompletionTime()).isEqualTo("2026-03-02T00:40:00Z");
    assertThat(run.getStatus().getStartTime()).isEqualTo("2026-03-02T00:30:00Z");
    assertThat(condition(run, RunReconciliation.SUCCEEDED).getStatus()).isEqualTo("True");
    assertThat(condition(run, RunReconciliation.RUNNING).getStatus()).isEqualTo("False");
    assertThat(PrinterColumns.columnProblems(run, Crds.generated(Crds.RUNS))).as("kubectl get's columns of a finished run").isEmpty();
    assertThat(cluster.events("daily-2026-03-01")).containsExactly(
        "Normal Accepted: run of 2026-03-01 accepted: stages [clean, reports]",
        "Normal StageSubmitted: stage clean attempt 1: created SparkApplication daily-2026-03-01-clean-1",
        "Normal StageSucceeded: stage clean succeeded (attempt 1, daily-2026-03-01-clean-1)",
        "Normal StageSubmitted: stage reports attempt 1: created SparkApplication daily-2026-03-01-reports-1",
        "Normal StageSucceeded: stage reports succeeded (attempt 1, daily-2026-03-01-reports-1)",
        "Normal Succeeded: all stages succeeded: [clean, reports]");

    // A finished run stays as it is: reconciling it again changes nothing and submits nothing.
    String resourceVersion = run.getMetadata().getResourceVersion();
    assertThat(reconcile("daily-2026-03-01")).isEmpty();
    assertThat(run("daily-2026-03-01").getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
    assertThat(cluster.applicationNames()).hasSize(2);
  }

  @Test
  void aFailedAttemptIsRetriedAfterTheBackoffThenSucceeds() {
    create("r", spec -> spec.setRetry(retry(3, 120)));
    reconcile("r");
    cluster.setState("r-clean-1", "FAILED", "java.io.FileNotFoundException: s3a://pinpipe/topics/x");

    Optional<Duration> wakeUp = reconcile("r");
    assertThat(wakeUp).contains(Duration.ofSeconds(120));
    PipelineRun run = run("r");
    assertThat(run.getStatus().getStages().get(0).getState()).isEqualTo(StageState.RETRYING);
    assertThat(run.getStatus().getStages().get(0).getNextAttemptTime()).isEqualTo("2026-03-02T00:32:00Z");
    assertThat(run.getStatus().getMessage()).contains("attempt 1 of 3 failed: java.io.FileNotFoundException");
    assertThat(condition(run, RunReconciliation.RUNNING).getReason()).isEqualTo("BackingOff");

    clock.advance(Duration.ofSeconds(119));
    assertThat(reconcile("r")).contains(Duration.ofSeconds(1));
    assertThat(cluster.applicationNames()).containsExactly("r-clean-1");

    clock.advance(Duration.ofSeconds(1));
    reconcile("r");
    assertThat(cluster.applicationNames()).containsExactly("r-clean-1", "r-clean-2");
    assertThat(run("r").getStatus().getAttempts()).isEqualTo(2);

    cluster.setState("r-clean-2", "SUBMISSION_FAILED", "failed to create the driver pod: volume missing");
    reconcile("r");
    clock.advance(Duration.ofSeconds(120));
    reconcile("r");
    assertThat(cluster.applicationNames()).containsExactly("r-clean-1", "r-clean-2", "r-clean-3");
    cluster.setState("r-clean-3", "COMPLETED", null);
    reconcile("r");
    cluster.setState("r-reports-1", "COMPLETED", null);
    reconcile("r");
    run = run("r");
    assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.SUCCEEDED);
    assertThat(run.getStatus().getStages().get(0).getAttempts()).isEqualTo(3);
    assertThat(cluster.events("r")).filteredOn(event -> event.startsWith("Warning StageFailed")).hasSize(2);
  }

  @Test
  void retriesExhaustedFailTheRunWithTheDriversMessage() {
    create("r", spec -> spec.setRetry(retry(2, 0)));
    reconcile("r");
    cluster.setState("r-clean-1", "FAILED", "first error");
    reconcile("r");
    reconcile("r");
    cluster.setState("r-clean-2", "FAILED", "org.apache.spark.SparkException: Job aborted: disk full");
    reconcile("r");

    PipelineRun run = run("r");
    assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.FAILED);
    assertThat(run.getStatus().getMessage()).isEqualTo("stage clean failed after 2 attempts: org.apache.spark.SparkException: Job aborted: disk full");
    Condition succeeded = condition(run, RunReconciliation.SUCCEEDED);
    assertThat(succeeded.getStatus()).isEqualTo("False");
    assertThat(succeeded.getReason()).isEqualTo(RunReconciliation.REASON_RETRIES_EXHAUSTED);
    assertThat(run.getStatus().getStages()).extracting(stage -> stage.getState()).containsExactly(StageState.FAILED, StageState.PENDING);
    assertThat(cluster.applicationNames()).containsExactly("r-clean-1", "r-clean-2");
    assertThat(cluster.events("r")).last().isEqualTo("Warning RetriesExhausted: " + run.getStatus().getMessage());
  }

  @Test
  void pastTheDeadlineTheRunningApplicationIsDeletedAndTheRunFails() {
    create("r", spec -> spec.setActiveDeadlineSeconds(3600L));
    assertThat(reconcile("r")).contains(Duration.ofHours(1));
    cluster.setState("r-clean-1", "SUBMITTED", null);

    clock.advance(Duration.ofMinutes(59));
    assertThat(reconcile("r")).contains(Duration.ofMinutes(1));
    clock.advance(Duration.ofMinutes(1));
    reconcile("r");

    PipelineRun run = run("r");
    assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.FAILED);
    assertThat(condition(run, RunReconciliation.SUCCEEDED).getReason()).isEqualTo(RunReconciliation.REASON_DEADLINE_EXCEEDED);
    assertThat(run.getStatus().getMessage()).contains("activeDeadlineSeconds=3600").contains("deleted SparkApplication r-clean-1");
    assertThat(cluster.applicationNames()).isEmpty();
  }

  @Test
  void theDeadlineAlsoEndsARunWaitingForItsNextAttempt() {
    create("r", spec -> {
      spec.setActiveDeadlineSeconds(300L);
      spec.setRetry(retry(3, 600));
    });
    reconcile("r");
    cluster.setState("r-clean-1", "FAILED", "boom");
    assertThat(reconcile("r")).as("woken at the deadline, before the backoff ends").contains(Duration.ofSeconds(300));

    clock.advance(Duration.ofSeconds(300));
    reconcile("r");
    PipelineRun run = run("r");
    assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.FAILED);
    assertThat(condition(run, RunReconciliation.SUCCEEDED).getReason()).isEqualTo(RunReconciliation.REASON_DEADLINE_EXCEEDED);
    assertThat(run.getStatus().getStages().get(0).getState()).isEqualTo(StageState.FAILED);
    assertThat(cluster.applicationNames()).containsExactly("r-clean-1");
  }

  @Test
  void aFinishedRunIsDeletedAfterItsTtl() {
    create("r", spec -> {
      spec.setTtlSecondsAfterFinished(600L);
      spec.setStages(java.util.List.of(dev.pinpipe.operator.model.RunStage.CLEAN));
    });
    reconcile("r");
    cluster.setState("r-clean-1", "COMPLETED", null);
    assertThat(reconcile("r")).contains(Duration.ofMinutes(10));
    assertThat(run("r").getStatus().getPhase()).isEqualTo(RunPhase.SUCCEEDED);

    clock.advance(Duration.ofMinutes(10));
    reconcile("r");
    assertThat(client.resources(PipelineRun.class).inNamespace(NAMESPACE).withName("r").get()).isNull();
  }

  @Test
  void aRestartedOperatorAdoptsWhatItCreatedAndSubmitsNothingTwice() {
    create("r", spec -> { });
    PipelineRun beforeFirstReconcile = run("r");
    reconcile("r");
    assertThat(cluster.applicationNames()).containsExactly("r-clean-1");

    // A second operator sees the run as it was before the first one's status write (a restart lost it).
    RunReconciliation restarted = new RunReconciliation(client, clock, new SparkApplicationFactory(OperatorSettings.defaults()), SummaryReader.NONE,
        new EventRecorder(client, clock, "test-operator-2"), new OperatorMetrics());
    PipelineRun stale = run("r");
    stale.setStatus(beforeFirstReconcile.getStatus());
    restarted.reconcile(stale);

    assertThat(cluster.applicationNames()).containsExactly("r-clean-1");
    assertThat(run("r").getStatus().getAttempts()).isEqualTo(1);
    assertThat(cluster.events("r")).anyMatch(event -> event.startsWith("Normal StageAdopted"));
  }

  @Test
  void renderPrintsTheApplicationsTheReconcilerCreates() throws Exception {
    create("r", spec -> spec.setStages(java.util.List.of(dev.pinpipe.operator.model.RunStage.CLEAN)));
    reconcile("r");
    SparkApplication created = cluster.application("r-clean-1");

    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine render = new picocli.CommandLine(new dev.pinpipe.operator.cli.RenderCommand(java.util.Map.of(),
        new java.io.ByteArrayInputStream(client.getKubernetesSerialization().asYaml(run("r")).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    render.setOut(new java.io.PrintWriter(out));
    assertThat(render.execute("-f", "-")).isZero();
    SparkApplication rendered = client.getKubernetesSerialization().unmarshal(out.toString(), SparkApplication.class);

    assertThat(rendered.getMetadata().getName()).isEqualTo(created.getMetadata().getName());
    assertThat(rendered.getMetadata().getNamespace()).isEqualTo(created.getMetadata().getNamespace());
    assertThat(rendered.getMetadata().getLabels()).isEqualTo(created.getMetadata().getLabels());
    assertThat(rendered.getMetadata().getOwnerReferences()).isEqualTo(created.getMetadata().getOwnerReferences());
    assertThat(client.getKubernetesSerialization().asJson(rendered.getSpec())).isEqualTo(client.getKubernetesSerialization().asJson(created.getSpec()));
  }

  @Test
  void aCalendarImpossibleDateFailsTheRunWithAClearMessage() {
    create("r", spec -> spec.setDate("2026-02-30"));
    reconcile("r");
    PipelineRun run = run("r");
    assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.FAILED);
    assertThat(run.getStatus().getMessage()).isEqualTo("spec.date '2026-02-30' is not a date (YYYY-MM-DD): this run cannot start; create a new PipelineRun with that corrected");
    assertThat(cluster.applicationNames()).isEmpty();
  }

  private static RetryPolicy retry(int attempts, long backoffSeconds) {
    RetryPolicy retry = new RetryPolicy();
    retry.setMaxAttempts(attempts);
    retry.setBackoffSeconds(backoffSeconds);
    return retry;
  }

  private void create(String name, java.util.function.Consumer<PipelineRunSpec> customize) {
    PipelineRun run = new PipelineRun();
    run.getMetadata().setName(name);
    run.getMetadata().setNamespace(NAMESPACE);
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setDate("2026-03-01");
    customize.accept(spec);
    run.setSpec(spec);
    run.setStatus(null);
    client.resources(PipelineRun.class).inNamespace(NAMESPACE).resource(run).create();
  }

  private Optional<Duration> reconcile(String name) {
    return reconciliation.reconcile(run(name));
  }

  private PipelineRun run(String name) {
    return client.resources(PipelineRun.class).inNamespace(NAMESPACE).withName(name).get();
  }

  private static Condition condition(PipelineRun run, String type) {
    return run.getStatus().getConditions().stream().filter(condition -> type.equals(condition.getType())).findFirst().orElseThrow();
  }
}
