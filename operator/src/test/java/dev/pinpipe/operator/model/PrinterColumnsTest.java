package dev.pinpipe.operator.model;

import dev.pinpipe.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@code kubectl get pipelineruns / pipelineschedules} shows, evaluated by the real kubectl. */
class PrinterColumnsTest {

  @Test
  void everyPipelineRunColumnShowsAValueOfItsTypeForARunningRun() {
    assertThat(PrinterColumns.columnProblems(runningRun(), Crds.generated(Crds.RUNS))).isEmpty();
  }

  @Test
  void everyPipelineScheduleColumnShowsAValueOfItsTypeForAnActiveSchedule() {
    assertThat(PrinterColumns.columnProblems(activeSchedule(), Crds.generated(Crds.SCHEDULES))).isEmpty();
  }

  @Test
  void aRunWithoutStatusIsReportedOnceForEachStatusColumn() {
    PipelineRun run = runningRun();
    run.setStatus(new PipelineRunStatus());

    List<String> problems = PrinterColumns.columnProblems(run, Crds.generated(Crds.RUNS));

    assertThat(problems).hasSize(3);
    assertThat(problems).anySatisfy(problem -> assertThat(problem)
        .startsWith("PipelineRun daily-2026-03-01: column \"Phase\" (.status.phase, string): kubectl failed (exit 1): error: error executing jsonpath"));
    assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("\"Stage\" (.status.stage, string)"));
    assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("\"Attempts\" (.status.attempts, integer)"));
  }

  @Test
  void aValueOfAnotherTypeThanTheColumnsIsReported() {
    GenericKubernetesResource run = generic(runningRun());
    section(run, "status").put("attempts", "two");
    GenericKubernetesResource schedule = generic(activeSchedule());
    section(schedule, "status").put("nextScheduleTime", "tomorrow");
    section(schedule, "spec").put("suspend", "no");

    assertThat(PrinterColumns.columnProblems(run, Crds.generated(Crds.RUNS))).containsExactly(
        "PipelineRun daily-2026-03-01: column \"Attempts\" (.status.attempts, integer): not an integer: [two]");
    assertThat(PrinterColumns.columnProblems(schedule, Crds.generated(Crds.SCHEDULES))).containsExactlyInAnyOrder(
        "PipelineSchedule nightly: column \"Next Run\" (.status.nextScheduleTime, date): not an RFC 3339 date-time: [tomorrow]",
        "PipelineSchedule nightly: column \"Suspended\" (.spec.suspend, boolean): not true or false: [no]");
  }

  @Test
  void aResourceOfAnotherKindThanTheCrdsIsRefused() {
    assertThatThrownBy(() -> PrinterColumns.columnProblems(activeSchedule(), Crds.generated(Crds.RUNS)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PipelineSchedule");
  }

  private static GenericKubernetesResource generic(HasMetadata resource) {
    return new KubernetesSerialization().convertValue(resource, GenericKubernetesResource.class);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(GenericKubernetesResource resource, String name) {
    return (Map<String, Object>) resource.getAdditionalProperties().get(name);
  }

  /** A run in its clean stage's second attempt, the first having failed, as the operator would write it. */
  static PipelineRun runningRun() {
    PipelineRun run = new PipelineRun();
    run.setMetadata(new ObjectMetaBuilder().withName("daily-2026-03-01").withNamespace("pinpipe")
        .withUid("0b6f1c52-4f0e-4f43-9d44-2f1d0f6c1a10").withGeneration(1L).withCreationTimestamp("2026-03-02T03:00:04Z")
        .build());
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setDate("2026-03-01");
    run.setSpec(spec);

    StageStatus clean = new StageStatus();
    clean.setName("clean");
    clean.setApplication("daily-2026-03-01-clean-2");
    clean.setState(StageState.RUNNING);
    clean.setApplicationState("RUNNING");
    clean.setAttempts(2);
    clean.setStartTime("2026-03-02T03:00:05Z");
    clean.setMessage("attempt 1 failed: Job aborted due to stage failure: executor lost");
    StageStatus reports = new StageStatus();
    reports.setName("reports");
    reports.setState(StageState.PENDING);
    reports.setAttempts(0);

    PipelineRunStatus status = new PipelineRunStatus();
    status.setPhase(RunPhase.RUNNING);
    status.setStage("clean");
    status.setAttempts(2);
    status.setStages(new ArrayList<>(List.of(clean, reports)));
    status.setStartTime("2026-03-02T03:00:05Z");
    status.setMessage("clean: attempt 2 of 3 running");
    Instant started = Instant.parse("2026-03-02T03:00:05Z");
    Conditions.set(status.getConditions(), "Running", Conditions.TRUE, "StageRunning", "clean: attempt 2 of 3", 1, started);
    Conditions.set(status.getConditions(), "Succeeded", Conditions.UNKNOWN, "Running", "the run has not finished", 1, started);
    status.setObservedGeneration(1L);
    run.setStatus(status);
    return run;
  }

  /** A nightly schedule in Berlin with yesterday's run still active. */
  static PipelineSchedule activeSchedule() {
    PipelineSchedule schedule = new PipelineSchedule();
    schedule.setMetadata(new ObjectMetaBuilder().withName("nightly").withNamespace("pinpipe")
        .withUid("5a3e9f0d-8c1b-4f6e-a2d7-7e4b9c0f1d22").withGeneration(2L).withCreationTimestamp("2026-02-20T09:15:00Z")
        .build());
    PipelineScheduleSpec spec = new PipelineScheduleSpec();
    spec.setSchedule("0 3 * * *");
    spec.setTimeZone("Europe/Berlin");
    spec.setSuspend(false);
    schedule.setSpec(spec);

    PipelineScheduleStatus status = new PipelineScheduleStatus();
    status.setLastScheduleTime("2026-03-02T02:00:00Z");
    status.setNextScheduleTime("2026-03-03T02:00:00Z");
    status.setLastScheduledDate("2026-03-01");
    status.setLastSuccessfulDate("2026-02-28");
    status.setActive(new ArrayList<>(List.of("nightly-2026-03-01")));
    status.setActiveCount(1);
    Conditions.set(status.getConditions(), "Ready", Conditions.TRUE, "Scheduled", "next run at 2026-03-03T02:00:00Z", 2,
        Instant.parse("2026-02-20T09:15:01Z"));
    status.setObservedGeneration(2L);
    schedule.setStatus(status);
    return schedule;
  }
}
