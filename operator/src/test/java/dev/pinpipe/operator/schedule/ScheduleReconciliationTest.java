package dev.pinpipe.operator.schedule;

import dev.pinpipe.operator.testing.TestClock;
import dev.pinpipe.operator.metrics.OperatorMetrics;
import dev.pinpipe.operator.model.ConcurrencyPolicy;
import dev.pinpipe.operator.model.PipelineRun;
import dev.pinpipe.operator.model.PipelineSchedule;
import dev.pinpipe.operator.model.PipelineScheduleStatus;
import dev.pinpipe.operator.model.RetryPolicy;
import dev.pinpipe.operator.model.RunPhase;
import dev.pinpipe.operator.model.RunSettings;
import dev.pinpipe.operator.model.RunStage;
import dev.pinpipe.operator.status.Conditions;
import dev.pinpipe.operator.status.EventRecorder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.pinpipe.operator.schedule.ScheduleReconciliation.EVENT_RUNS_SKIPPED;
import static dev.pinpipe.operator.schedule.ScheduleReconciliation.EVENT_RUN_CREATED;
import static dev.pinpipe.operator.schedule.ScheduleReconciliation.EVENT_RUN_DELETED;
import static dev.pinpipe.operator.schedule.ScheduleReconciliation.EVENT_RUN_WAITING;
import static dev.pinpipe.operator.schedule.ScheduleReconciliation.READY;
import static dev.pinpipe.operator.schedule.ScheduleReconciliation.SCHEDULED_TIME_ANNOTATION;
import static dev.pinpipe.operator.schedule.ScheduleReconciliation.SCHEDULE_LABEL;
import static dev.pinpipe.operator.schedule.ScheduleReconciliation.TRIGGER_LABEL;
import static dev.pinpipe.operator.schedule.ScheduleReconciliation.WAITING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * ScheduleReconciliation against the CRUD mock server, with a clock the test moves and the run
 * reconciler played by setting run phases.
 */
@EnableKubernetesMockClient(crud = true)
class ScheduleReconciliationTest {

  private static final Instant MARCH_1 = Instant.parse("2026-03-01T00:00:00Z");

  private KubernetesClient client;
  private ScheduleKit kit;
  private TestClock clock;
  private OperatorMetrics metrics;
  private ScheduleReconciliation reconciliation;

  @BeforeEach
  void setUp() {
    kit = new ScheduleKit(client);
    clock = new TestClock(MARCH_1);
    metrics = new OperatorMetrics();
    reconciliation = new ScheduleReconciliation(client, clock, new EventRecorder(client, clock, "test"), metrics);
  }

  private Duration reconcile(String schedule) {
    return reconciliation.reconcile(kit.get(schedule));
  }

  private PipelineScheduleStatus status(String schedule) {
    return kit.get(schedule).getStatus();
  }

  private Condition condition(String schedule, String type) {
    return Conditions.find(status(schedule).getConditions(), type).orElseThrow();
  }

  @Test
  void dailyAt0030InBerlinRunsOncePerDayAcrossTheMarchChange() {
    dailyAt0030InBerlin(Instant.parse("2026-03-26T23:30:00Z"));
    clock.set(Instant.parse("2026-03-27T08:00:00Z"));

    List<Instant> ticks = followTicks("daily", 4);

    // 00:30 CET until 2026-03-29 (the change is at 02:00 that night), 00:30 CEST after.
    assertThat(ticks).containsExactly(Instant.parse("2026-03-27T23:30:00Z"), Instant.parse("2026-03-28T23:30:00Z"),
        Instant.parse("2026-03-29T22:30:00Z"), Instant.parse("2026-03-30T22:30:00Z"));
    assertThat(kit.runNames()).containsExactly("daily-2026-03-27", "daily-2026-03-28", "daily-2026-03-29", "daily-2026-03-30");
    assertThat(kit.runs()).extracting(run -> run.getMetadata().getAnnotations().get(SCHEDULED_TIME_ANNOTATION))
        .containsExactly("2026-03-27T23:30:00Z", "2026-03-28T23:30:00Z", "2026-03-29T22:30:00Z", "2026-03-30T22:30:00Z");
    assertEveryRunBelongsTo("daily");
  }

  @Test
  void dailyAt0030InBerlinRunsOncePerDayAcrossTheOctoberChange() {
    dailyAt0030InBerlin(Instant.parse("2026-10-22T22:30:00Z"));
    clock.set(Instant.parse("2026-10-23T08:00:00Z"));

    List<Instant> ticks = followTicks("daily", 4);

    // 00:30 CEST until 2026-10-25 (the change is at 03:00 that night), 00:30 CET after.
    assertThat(ticks).containsExactly(Instant.parse("2026-10-23T22:30:00Z"), Instant.parse("2026-10-24T22:30:00Z"),
        Instant.parse("2026-10-25T23:30:00Z"), Instant.parse("2026-10-26T23:30:00Z"));
    assertThat(kit.runNames()).containsExactly("daily-2026-10-23", "daily-2026-10-24", "daily-2026-10-25", "daily-2026-10-26");
    assertEveryRunBelongsTo("daily");
  }

  private void dailyAt0030InBerlin(Instant lastTick) {
    kit.create("daily", lastTick, spec -> {
      spec.setSchedule("30 0 * * *");
      spec.setTimeZone("Europe/Berlin");
      spec.setSuccessfulRunsHistoryLimit(10);
    });
  }

  /**
   * Sleeps (on the test clock) as long as each reconcile says, plays the run to success, and
   * reconciles again at once as the run's change would: returns the instants runs were created at.
   */
  private List<Instant> followTicks(String schedule, int runs) {
    List<Instant> createdAt = new java.util.ArrayList<>();
    Duration wait = reconcile(schedule);
    assertThat(kit.runs()).isEmpty();
    while (createdAt.size() < runs) {
      clock.advance(wait);
      int before = kit.runs().size();
      wait = reconcile(schedule);
      List<PipelineRun> all = kit.runs();
      if (all.size() > before) {
        assertThat(all).hasSize(before + 1);
        createdAt.add(clock.instant());
        PipelineRun newest = all.stream().filter(run -> run.getStatus() == null || run.getStatus().getPhase() == null).findFirst().orElseThrow();
        kit.phase(newest.getMetadata().getName(), RunPhase.SUCCEEDED);
        wait = reconcile(schedule);
        assertThat(kit.runs()).hasSize(before + 1);
      }
    }
    return createdAt;
  }

  @Test
  void threeDaysOfDowntimeAreCaughtUpAsThreeRunsOldestFirst() {
    kit.create("daily", MARCH_1, spec -> spec.setSchedule("@daily"));
    clock.set(Instant.parse("2026-03-04T06:00:00Z"));

    reconcile("daily");
    assertThat(kit.runNames()).containsExactly("daily-2026-03-01");
    assertThat(condition("daily", WAITING).getStatus()).isEqualTo(Conditions.TRUE);
    assertThat(status("daily").getNextScheduleTime()).isEqualTo("2026-03-03T00:00:00Z");
    kit.phase("daily-2026-03-01", RunPhase.SUCCEEDED);

    reconcile("daily");
    assertThat(kit.runNames()).containsExactly("daily-2026-03-01", "daily-2026-03-02");
    kit.phase("daily-2026-03-02", RunPhase.FAILED);

    Duration wait = reconcile("daily");

    assertThat(kit.runNames()).containsExactly("daily-2026-03-01", "daily-2026-03-02", "daily-2026-03-03");
    assertThat(kit.runs()).extracting(run -> run.getMetadata().getLabels().get(TRIGGER_LABEL))
        .containsExactly("catch-up", "catch-up", "tick");
    PipelineScheduleStatus status = status("daily");
    assertThat(status.getLastScheduleTime()).isEqualTo("2026-03-04T00:00:00Z");
    assertThat(status.getLastScheduledDate()).isEqualTo("2026-03-03");
    assertThat(status.getLastSuccessfulDate()).isEqualTo("2026-03-01");
    assertThat(status.getNextScheduleTime()).isEqualTo("2026-03-05T00:00:00Z");
    assertThat(status.getActive()).containsExactly("daily-2026-03-03");
    assertThat(condition("daily", WAITING).getStatus()).isEqualTo(Conditions.FALSE);
    assertThat(wait).isEqualTo(Duration.ofHours(18));
    assertThat(metrics.scrape()).contains("trigger=\"catch-up\"} 2.0").contains("trigger=\"tick\"} 1.0");
  }

  @Test
  void maxCatchUpRunsOnlyTheNewestMissedTicks() {
    kit.create("daily", MARCH_1, spec -> {
      spec.setSchedule("@daily");
      spec.setMaxCatchUp(2);
      spec.setConcurrencyPolicy(ConcurrencyPolicy.ALLOW);
    });
    clock.set(Instant.parse("2026-03-07T06:00:00Z"));

    reconcile("daily");
    reconcile("daily");

    // Six ticks due: the current one and the two newest missed ones run.
    assertThat(kit.runNames()).containsExactly("daily-2026-03-04", "daily-2026-03-05", "daily-2026-03-06");
    assertThat(kit.runs()).extracting(run -> run.getMetadata().getLabels().get(TRIGGER_LABEL))
        .containsExactly("catch-up", "catch-up", "tick");
    assertThat(kit.eventMessages("daily", EVENT_RUNS_SKIPPED))
        .containsExactly("no run for 3 dates 2026-03-01 to 2026-03-03: more than maxCatchUp=2 missed ticks; the newest are run");
    assertThat(kit.events("daily", EVENT_RUNS_SKIPPED).get(0).getType()).isEqualTo("Warning");
  }

  @Test
  void ticksOlderThanTheStartingDeadlineAreSkipped() {
    kit.create("daily", MARCH_1, spec -> {
      spec.setSchedule("@daily");
      spec.setStartingDeadlineSeconds(3600L);
      spec.setConcurrencyPolicy(ConcurrencyPolicy.ALLOW);
    });
    kit.create("late", MARCH_1, spec -> {
      spec.setSchedule("@daily");
      spec.setStartingDeadlineSeconds(600L);
    });
    clock.set(Instant.parse("2026-03-04T00:20:00Z"));

    reconcile("daily");
    reconcile("late");
    reconcile("daily");

    assertThat(kit.runNames()).containsExactly("daily-2026-03-03");
    assertThat(kit.eventMessages("daily", EVENT_RUNS_SKIPPED))
        .containsExactly("no run for 2 dates 2026-03-01 to 2026-03-02: their ticks are more than startingDeadlineSeconds=3600 old");
    assertThat(kit.eventMessages("late", EVENT_RUNS_SKIPPED))
        .containsExactly("no run for 3 dates 2026-03-01 to 2026-03-03: their ticks are more than startingDeadlineSeconds=600 old");
    assertThat(status("late").getLastScheduleTime()).isEqualTo("2026-03-04T00:00:00Z");
    assertThat(status("late").getLastScheduledDate()).isNull();
  }

  @Test
  void forbidKeepsADueTickWaitingUntilTheActiveRunFinishes() {
    PipelineSchedule schedule = kit.create("daily", MARCH_1, spec -> spec.setSchedule("@daily"));
    kit.existingRun(schedule, "2026-02-28", null); // no status yet: active
    clock.set(Instant.parse("2026-03-02T00:05:00Z"));

    Duration wait = reconcile("daily");
    reconcile("daily");

    assertThat(kit.runNames()).containsExactly("daily-2026-02-28");
    assertThat(wait).isEqualTo(ScheduleReconciliation.WAIT_RECHECK);
    assertThat(status("daily").getNextScheduleTime()).isEqualTo("2026-03-02T00:00:00Z");
    assertThat(status("daily").getActive()).containsExactly("daily-2026-02-28");
    Condition waiting = condition("daily", WAITING);
    assertThat(waiting.getStatus()).isEqualTo(Conditions.TRUE);
    assertThat(waiting.getMessage()).contains("2026-03-01").contains("daily-2026-02-28").contains("Forbid");
    assertThat(kit.events("daily", EVENT_RUN_WAITING)).hasSize(1);

    kit.phase("daily-2026-02-28", RunPhase.RUNNING);
    clock.set(Instant.parse("2026-03-02T05:00:00Z"));
    reconcile("daily");
    assertThat(kit.runNames()).containsExactly("daily-2026-02-28");

    kit.phase("daily-2026-02-28", RunPhase.SUCCEEDED);
    wait = reconcile("daily");

    assertThat(kit.runNames()).containsExactly("daily-2026-02-28", "daily-2026-03-01");
    assertThat(kit.run("daily-2026-03-01").getMetadata().getLabels()).containsEntry(TRIGGER_LABEL, "tick");
    assertThat(condition("daily", WAITING).getStatus()).isEqualTo(Conditions.FALSE);
    assertThat(status("daily").getNextScheduleTime()).isEqualTo("2026-03-03T00:00:00Z");
    assertThat(wait).isEqualTo(Duration.ofHours(19));
  }

  @Test
  void replaceDeletesTheActiveRunThenCreates() {
    PipelineSchedule schedule = kit.create("daily", MARCH_1, spec -> {
      spec.setSchedule("@daily");
      spec.setConcurrencyPolicy(ConcurrencyPolicy.REPLACE);
    });
    kit.existingRun(schedule, "2026-02-28", RunPhase.RUNNING);
    kit.existingRun(schedule, "2026-02-27", RunPhase.SUCCEEDED);
    clock.set(Instant.parse("2026-03-02T00:05:00Z"));

    reconcile("daily");

    assertThat(kit.runNames()).containsExactly("daily-2026-02-27", "daily-2026-03-01");
    assertThat(kit.eventMessages("daily", EVENT_RUN_DELETED))
        .containsExactly("deleted daily-2026-02-28 (date 2026-02-28): replaced by the run for 2026-03-01 (concurrencyPolicy Replace)");
    assertThat(status("daily").getActive()).containsExactly("daily-2026-03-01");
  }

  @Test
  void replaceRunsOnlyTheNewestOfSeveralDueTicks() {
    kit.create("daily", MARCH_1, spec -> {
      spec.setSchedule("@daily");
      spec.setConcurrencyPolicy(ConcurrencyPolicy.REPLACE);
    });
    clock.set(Instant.parse("2026-03-04T06:00:00Z"));

    reconcile("daily");

    assertThat(kit.runNames()).containsExactly("daily-2026-03-03");
    assertThat(kit.eventMessages("daily", EVENT_RUNS_SKIPPED))
        .containsExactly("no run for 2 dates 2026-03-01 to 2026-03-02: concurrencyPolicy Replace runs only the newest due tick");
  }

  @Test
  void allowCreatesTheDueRunAlongsideTheActiveOne() {
    PipelineSchedule schedule = kit.create("daily", MARCH_1, spec -> {
      spec.setSchedule("@daily");
      spec.setConcurrencyPolicy(ConcurrencyPolicy.ALLOW);
    });
    kit.existingRun(schedule, "2026-02-28", RunPhase.RUNNING);
    clock.set(Instant.parse("2026-03-02T00:05:00Z"));

    reconcile("daily");

    assertThat(kit.runNames()).containsExactly("daily-2026-02-28", "daily-2026-03-01");
    assertThat(status("daily").getActive()).containsExactly("daily-2026-02-28", "daily-2026-03-01");
    assertThat(status("daily").getActiveCount()).isEqualTo(2);
  }

  @Test
  void historyLimitsDeleteTheOldestFinishedRunsOfEachOutcomeAndNeverActiveOnes() {
    PipelineSchedule schedule = kit.create("daily", MARCH_1, spec -> {
      spec.setSchedule("@daily");
      spec.setSuccessfulRunsHistoryLimit(2);
      spec.setFailedRunsHistoryLimit(1);
    });
    kit.existingRun(schedule, "2026-02-18", RunPhase.RUNNING);
    kit.existingRun(schedule, "2026-02-19", RunPhase.PENDING);
    kit.existingRun(schedule, "2026-02-20", RunPhase.SUCCEEDED);
    kit.existingRun(schedule, "2026-02-21", RunPhase.FAILED);
    kit.existingRun(schedule, "2026-02-22", RunPhase.SUCCEEDED);
    kit.existingRun(schedule, "2026-02-23", RunPhase.SUCCEEDED);
    kit.existingRun(schedule, "2026-02-24", RunPhase.FAILED);
    kit.existingRun(schedule, "2026-02-25", RunPhase.SUCCEEDED);
    kit.existingRun(schedule, "2026-02-26", RunPhase.FAILED);
    kit.existingRun(schedule, "2026-02-27", null);
    clock.set(Instant.parse("2026-03-01T06:00:00Z"));

    reconcile("daily");
    reconcile("daily");

    assertThat(kit.runNames()).containsExactly("daily-2026-02-18", "daily-2026-02-19", "daily-2026-02-23", "daily-2026-02-25",
        "daily-2026-02-26", "daily-2026-02-27");
    assertThat(kit.eventMessages("daily", EVENT_RUN_DELETED)).containsExactlyInAnyOrder(
        "deleted daily-2026-02-20 (date 2026-02-20): Succeeded, beyond successfulRunsHistoryLimit=2",
        "deleted daily-2026-02-22 (date 2026-02-22): Succeeded, beyond successfulRunsHistoryLimit=2",
        "deleted daily-2026-02-21 (date 2026-02-21): Failed, beyond failedRunsHistoryLimit=1",
        "deleted daily-2026-02-24 (date 2026-02-24): Failed, beyond failedRunsHistoryLimit=1");
    assertThat(status("daily").getLastSuccessfulDate()).isEqualTo("2026-02-25");
    assertThat(status("daily").getActive()).containsExactly("daily-2026-02-18", "daily-2026-02-19", "daily-2026-02-27");
  }

  @Test
  void suspendedCreatesNothingAndResumingCatchesUp() {
    kit.create("daily", MARCH_1, spec -> {
      spec.setSchedule("@daily");
      spec.setConcurrencyPolicy(ConcurrencyPolicy.ALLOW);
      spec.setSuspend(true);
    });
    clock.set(Instant.parse("2026-03-04T06:00:00Z"));

    Duration wait = reconcile("daily");

    assertThat(kit.runs()).isEmpty();
    assertThat(wait).isEqualTo(ScheduleReconciliation.IDLE_RECHECK);
    Condition ready = condition("daily", READY);
    assertThat(ready.getStatus()).isEqualTo(Conditions.FALSE);
    assertThat(ready.getReason()).isEqualTo("Suspended");
    assertThat(status("daily").getNextScheduleTime()).isNull();
    assertThat(kit.events("daily", "Suspended")).hasSize(1);

    kit.editSpec("daily", spec -> spec.setSuspend(false));
    wait = reconcile("daily");

    assertThat(kit.runNames()).containsExactly("daily-2026-03-01", "daily-2026-03-02", "daily-2026-03-03");
    assertThat(condition("daily", READY).getStatus()).isEqualTo(Conditions.TRUE);
    assertThat(kit.events("daily", ScheduleReconciliation.EVENT_RESUMED)).hasSize(1);
    assertThat(wait).isEqualTo(Duration.ofHours(18));
  }

  @Test
  void anInvalidCronSetsReadyFalseWithTheParserMessageAndRecoversOnceFixed() {
    kit.create("daily", Instant.parse("2026-03-01T01:00:00Z"), spec -> spec.setSchedule("61 0 * * *"));
    clock.set(Instant.parse("2026-03-02T06:00:00Z"));

    assertThatCode(() -> reconcile("daily")).doesNotThrowAnyException();
    reconcile("daily");

    assertThat(kit.runs()).isEmpty();
    Condition ready = condition("daily", READY);
    assertThat(ready.getStatus()).isEqualTo(Conditions.FALSE);
    assertThat(ready.getReason()).isEqualTo("InvalidSchedule");
    assertThat(ready.getMessage()).isEqualTo("schedule '61 0 * * *' is not valid: Failed to parse cron expression. Value 61 not in range [0, 59]");
    assertThat(kit.events("daily", "InvalidSchedule")).singleElement()
        .satisfies(event -> assertThat(event.getType()).isEqualTo("Warning"))
        .satisfies(event -> assertThat(event.getMessage()).contains("Value 61 not in range"));

    kit.editSpec("daily", spec -> spec.setSchedule("0 1 * * *"));
    reconcile("daily");

    assertThat(condition("daily", READY).getStatus()).isEqualTo(Conditions.TRUE);
    assertThat(kit.runNames()).containsExactly("daily-2026-03-01");
    assertThat(status("daily").getObservedGeneration()).isEqualTo(kit.get("daily").getMetadata().getGeneration());
  }

  @Test
  void anInvalidTimeZoneSetsReadyFalseAndRecoversOnceFixed() {
    kit.create("daily", Instant.parse("2026-03-01T01:00:00Z"), spec -> {
      spec.setSchedule("0 1 * * *");
      spec.setTimeZone("Europe/Atlantis");
    });
    clock.set(Instant.parse("2026-03-02T06:00:00Z"));

    assertThatCode(() -> reconcile("daily")).doesNotThrowAnyException();

    assertThat(kit.runs()).isEmpty();
    Condition ready = condition("daily", READY);
    assertThat(ready.getStatus()).isEqualTo(Conditions.FALSE);
    assertThat(ready.getReason()).isEqualTo("InvalidTimeZone");
    assertThat(ready.getMessage()).isEqualTo("time zone 'Europe/Atlantis' is not valid: Unknown time-zone ID: Europe/Atlantis");
    assertThat(kit.events("daily", "InvalidTimeZone")).singleElement()
        .satisfies(event -> assertThat(event.getType()).isEqualTo("Warning"));

    kit.editSpec("daily", spec -> spec.setTimeZone("Europe/Lisbon"));
    reconcile("daily");

    assertThat(condition("daily", READY).getStatus()).isEqualTo(Conditions.TRUE);
    assertThat(kit.runNames()).containsExactly("daily-2026-03-01");
  }

  @Test
  void aChangedScheduleIsUsedAtTheNextReconcile() {
    PipelineSchedule schedule = kit.create("daily", Instant.parse("2026-03-01T01:00:00Z"), spec -> spec.setSchedule("0 1 * * *"));
    kit.existingRun(schedule, "2026-02-28", RunPhase.SUCCEEDED);
    clock.set(Instant.parse("2026-03-01T10:00:00Z"));
    assertThat(reconcile("daily")).isEqualTo(Duration.ofHours(15));

    kit.editSpec("daily", spec -> spec.setSchedule("0 12 * * *"));
    Duration wait = reconcile("daily");

    assertThat(wait).isEqualTo(Duration.ofHours(2));
    assertThat(status("daily").getNextScheduleTime()).isEqualTo("2026-03-01T12:00:00Z");
    clock.advance(wait);
    reconcile("daily"); // the 12:00 tick of 03-01 is for 02-28, which has its run
    clock.set(Instant.parse("2026-03-02T01:00:00Z"));
    reconcile("daily");
    assertThat(kit.runNames()).containsExactly("daily-2026-02-28");
    clock.set(Instant.parse("2026-03-02T12:00:00Z"));
    reconcile("daily");
    assertThat(kit.runNames()).containsExactly("daily-2026-02-28", "daily-2026-03-01");
  }

  @Test
  void aCreateAnsweredAlreadyExistsIsTheRunNotASecondOne() {
    PipelineSchedule schedule = kit.create("daily", MARCH_1, spec -> spec.setSchedule("@daily"));
    // A previous operator created the run but did not record it, and labelled it as versions before did (no label).
    PipelineRun earlier = kit.existingRun(schedule, "2026-03-01", RunPhase.RUNNING);
    earlier.getMetadata().getLabels().remove(SCHEDULE_LABEL);
    client.resources(PipelineRun.class).inNamespace(ScheduleKit.NAMESPACE).resource(earlier).update();
    clock.set(Instant.parse("2026-03-02T00:05:00Z"));

    reconcile("daily");
    reconcile("daily");

    assertThat(kit.runNames()).containsExactly("daily-2026-03-01");
    assertThat(kit.events("daily", EVENT_RUN_CREATED)).isEmpty();
    assertThat(status("daily").getLastScheduleTime()).isEqualTo("2026-03-02T00:00:00Z");
    assertThat(status("daily").getLastScheduledDate()).isEqualTo("2026-03-01");
  }

  @Test
  void aRunNameTakenBySomethingElseSkipsTheTickWithAWarning() {
    PipelineSchedule other = kit.create("other", spec -> spec.setSchedule("@daily"));
    kit.create("daily", MARCH_1, spec -> spec.setSchedule("@daily"));
    PipelineRun foreign = kit.existingRun(other, "2026-03-01", RunPhase.SUCCEEDED);
    foreign.getMetadata().setName("daily-2026-03-01");
    foreign.getMetadata().setResourceVersion(null);
    foreign.setStatus(null);
    client.resources(PipelineRun.class).inNamespace(ScheduleKit.NAMESPACE).resource(foreign).create();
    clock.set(Instant.parse("2026-03-02T00:05:00Z"));

    reconcile("daily");
    reconcile("daily");

    assertThat(kit.eventMessages("daily", ScheduleReconciliation.EVENT_RUN_NAME_TAKEN)).containsExactly(
        "no run created for 2026-03-01: daily-2026-03-01 exists and does not belong to this schedule; the tick is skipped");
    assertThat(status("daily").getLastScheduleTime()).isEqualTo("2026-03-02T00:00:00Z");
  }

  @Test
  void aNewScheduleStartsFromItsCreationNotFromTheEpoch() {
    PipelineSchedule schedule = kit.create("daily", spec -> {
      spec.setSchedule("0 5 * * *");
      spec.setConcurrencyPolicy(ConcurrencyPolicy.ALLOW);
    });
    Instant created = Instant.parse(schedule.getMetadata().getCreationTimestamp());
    clock.set(created.plus(Duration.ofDays(3)));

    reconcile("daily");

    assertThat(kit.runs()).hasSize(3);
  }

  @Test
  void everyCreatedRunIsOwnedLabelledAndFromTheTemplate() {
    String name = "nightly-reports-for-the-analytics-team-of-the-pinterest-pipeline.eu-central-1.example";
    RunSettings template = new RunSettings();
    template.setStages(List.of(RunStage.CLEAN));
    template.setRetry(new RetryPolicy());
    PipelineSchedule schedule = kit.create(name, MARCH_1, spec -> {
      spec.setSchedule("@daily");
      spec.setConcurrencyPolicy(ConcurrencyPolicy.ALLOW);
      spec.setRunTemplate(template);
    });
    clock.set(Instant.parse("2026-03-03T06:00:00Z"));
    reconcile(name);
    kit.annotate(name, PipelineSchedule.RUN_DATE_ANNOTATION, "2026-01-15");

    reconcile(name);
    reconcile(name);

    assertThat(kit.runs()).hasSize(3).allSatisfy(run -> {
      assertThat(run.getMetadata().getName()).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
      assertThat(run.getSpec().getStages()).containsExactly(RunStage.CLEAN);
      assertThat(run.getSpec().getRetry()).isNotNull();
    });
    assertThat(kit.runs()).extracting(run -> run.getSpec().getDate()).containsExactlyInAnyOrder("2026-03-01", "2026-03-02", "2026-01-15");
    assertThat(kit.runs()).extracting(run -> run.getMetadata().getLabels().get(TRIGGER_LABEL))
        .containsExactlyInAnyOrder("catch-up", "tick", "manual");
    assertEveryRunBelongsTo(name);
    assertThat(status(name).getActive()).hasSize(3);
  }

  private void assertEveryRunBelongsTo(String scheduleName) {
    PipelineSchedule schedule = kit.get(scheduleName);
    assertThat(kit.runs()).isNotEmpty().allSatisfy(run -> {
      assertThat(run.getMetadata().getNamespace()).isEqualTo(ScheduleKit.NAMESPACE);
      assertThat(run.getMetadata().getLabels())
          .containsEntry(SCHEDULE_LABEL, RunNames.scheduleLabel(scheduleName))
          .containsKey(TRIGGER_LABEL);
      assertThat(run.getMetadata().getLabels().get(SCHEDULE_LABEL)).hasSizeLessThanOrEqualTo(63);
      assertThat(run.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> assertOwner(owner, schedule));
    });
  }

  private static void assertOwner(OwnerReference owner, PipelineSchedule schedule) {
    assertThat(owner.getApiVersion()).isEqualTo("pinpipe.dev/v1alpha1");
    assertThat(owner.getKind()).isEqualTo("PipelineSchedule");
    assertThat(owner.getName()).isEqualTo(schedule.getMetadata().getName());
    assertThat(owner.getUid()).isEqualTo(schedule.getMetadata().getUid());
    assertThat(owner.getController()).isTrue();
    assertThat(owner.getBlockOwnerDeletion()).isTrue();
  }
}
