package dev.pinpipe.operator.schedule;

import dev.pinpipe.operator.testing.TestClock;
import dev.pinpipe.operator.metrics.OperatorMetrics;
import dev.pinpipe.operator.model.ConcurrencyPolicy;
import dev.pinpipe.operator.model.PipelineRun;
import dev.pinpipe.operator.model.PipelineSchedule;
import dev.pinpipe.operator.model.RunPhase;
import dev.pinpipe.operator.status.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.pinpipe.operator.model.PipelineSchedule.RUN_DATE_ANNOTATION;
import static dev.pinpipe.operator.schedule.ScheduleReconciliation.EVENT_RUN_CREATED;
import static dev.pinpipe.operator.schedule.ScheduleReconciliation.MANUAL_REQUEST_ANNOTATION;
import static dev.pinpipe.operator.schedule.ScheduleReconciliation.TRIGGER_LABEL;
import static org.assertj.core.api.Assertions.assertThat;

/** The manual trigger: the annotation pinpipe.dev/run-date on a schedule. */
@EnableKubernetesMockClient(crud = true)
class ManualRunTest {

  private static final Instant MARCH_1 = Instant.parse("2026-03-01T00:00:00Z");

  private KubernetesClient client;
  private ScheduleKit kit;
  private TestClock clock;
  private ScheduleReconciliation reconciliation;

  @BeforeEach
  void setUp() {
    kit = new ScheduleKit(client);
    clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
    reconciliation = new ScheduleReconciliation(client, clock, new EventRecorder(client, clock, "test"), new OperatorMetrics());
  }

  private void reconcile(String schedule) {
    reconciliation.reconcile(kit.get(schedule));
  }

  @Test
  void theAnnotationCreatesARunForItsDateAndIsRemoved() {
    kit.create("daily", MARCH_1, spec -> spec.setSchedule("@daily"));
    kit.annotate("daily", RUN_DATE_ANNOTATION, "2026-02-10");

    reconcile("daily");
    reconcile("daily");

    assertThat(kit.runNames()).containsExactly("daily-2026-02-10");
    PipelineRun run = kit.run("daily-2026-02-10");
    assertThat(run.getSpec().getDate()).isEqualTo("2026-02-10");
    assertThat(run.getMetadata().getLabels()).containsEntry(TRIGGER_LABEL, "manual");
    assertThat(kit.get("daily").getMetadata().getAnnotations()).doesNotContainKey(RUN_DATE_ANNOTATION);
    assertThat(kit.eventMessages("daily", EVENT_RUN_CREATED))
        .containsExactly("created daily-2026-02-10 for 2026-02-10 (manual, annotation pinpipe.dev/run-date)");
    assertThat(kit.get("daily").getStatus().getActive()).containsExactly("daily-2026-02-10");
  }

  @Test
  void aDateThatHasARunAlreadyGetsARerunSuffix() {
    PipelineSchedule schedule = kit.create("daily", MARCH_1, spec -> spec.setSchedule("@daily"));
    kit.existingRun(schedule, "2026-02-28", RunPhase.FAILED);

    kit.annotate("daily", RUN_DATE_ANNOTATION, "2026-02-28");
    reconcile("daily");
    kit.annotate("daily", RUN_DATE_ANNOTATION, "2026-02-28");
    reconcile("daily");

    assertThat(kit.runNames()).containsExactly("daily-2026-02-28", "daily-2026-02-28-r2", "daily-2026-02-28-r3");
    assertThat(kit.run("daily-2026-02-28-r3").getMetadata().getLabels()).containsEntry(TRIGGER_LABEL, "manual");
  }

  @Test
  void anInvalidDateGivesAWarningAndTheAnnotationIsRemoved() {
    kit.create("daily", MARCH_1, spec -> spec.setSchedule("@daily"));
    kit.annotate("daily", RUN_DATE_ANNOTATION, "2026-02-30");

    reconcile("daily");

    assertThat(kit.runs()).isEmpty();
    assertThat(kit.get("daily").getMetadata().getAnnotations()).doesNotContainKey(RUN_DATE_ANNOTATION);
    assertThat(kit.events("daily", ScheduleReconciliation.EVENT_INVALID_RUN_DATE)).singleElement().satisfies(event -> {
      assertThat(event.getType()).isEqualTo("Warning");
      assertThat(event.getMessage()).contains("'2026-02-30' is not a date YYYY-MM-DD");
    });
  }

  @Test
  void aManualRunIgnoresTheConcurrencyPolicyAndDoesNotHoldTicksBack() {
    PipelineSchedule schedule = kit.create("daily", MARCH_1, spec -> spec.setSchedule("@daily"));
    kit.existingRun(schedule, "2026-02-28", RunPhase.RUNNING);

    kit.annotate("daily", RUN_DATE_ANNOTATION, "2026-01-15");
    reconcile("daily");

    // Created under Forbid while a tick's run is active...
    assertThat(kit.runNames()).containsExactly("daily-2026-01-15", "daily-2026-02-28");
    kit.phase("daily-2026-02-28", RunPhase.SUCCEEDED);
    clock.set(Instant.parse("2026-03-02T00:05:00Z"));

    reconcile("daily");

    // ...and the next tick does not wait for it.
    assertThat(kit.runNames()).containsExactly("daily-2026-01-15", "daily-2026-02-28", "daily-2026-03-01");
    assertThat(kit.get("daily").getStatus().getActive()).containsExactly("daily-2026-01-15", "daily-2026-03-01");
  }

  @Test
  void replaceDoesNotDeleteAManualRun() {
    PipelineSchedule schedule = kit.create("daily", MARCH_1, spec -> {
      spec.setSchedule("@daily");
      spec.setConcurrencyPolicy(ConcurrencyPolicy.REPLACE);
    });
    kit.existingRun(schedule, "2026-01-15", ScheduleReconciliation.TRIGGER_MANUAL, RunPhase.RUNNING);
    clock.set(Instant.parse("2026-03-02T00:05:00Z"));

    reconcile("daily");

    assertThat(kit.runNames()).containsExactly("daily-2026-01-15", "daily-2026-03-01");
    assertThat(kit.events("daily", ScheduleReconciliation.EVENT_RUN_DELETED)).isEmpty();
  }

  @Test
  void aRequestWhoseRunExistsIsNotRunTwiceAfterARestart() {
    PipelineSchedule schedule = kit.create("daily", MARCH_1, spec -> spec.setSchedule("@daily"));
    schedule = kit.annotate("daily", RUN_DATE_ANNOTATION, "2026-02-10");
    // An operator created the run for this very request, then stopped before removing the annotation.
    PipelineRun made = kit.existingRun(schedule, "2026-02-10", ScheduleReconciliation.TRIGGER_MANUAL, null);
    made.getMetadata().getAnnotations().put(MANUAL_REQUEST_ANNOTATION, schedule.getMetadata().getResourceVersion());
    client.resources(PipelineRun.class).inNamespace(ScheduleKit.NAMESPACE).resource(made).update();

    reconcile("daily");

    assertThat(kit.runNames()).containsExactly("daily-2026-02-10");
    assertThat(kit.get("daily").getMetadata().getAnnotations()).doesNotContainKey(RUN_DATE_ANNOTATION);
  }

  @Test
  void aManualRunIsMadeWhileSuspended() {
    kit.create("daily", MARCH_1, spec -> {
      spec.setSchedule("@daily");
      spec.setSuspend(true);
    });
    kit.annotate("daily", RUN_DATE_ANNOTATION, "2026-02-10");

    reconcile("daily");

    assertThat(kit.runNames()).containsExactly("daily-2026-02-10");
  }
}
