package dev.pinpipe.operator.schedule;

import dev.pinpipe.operator.testing.TestClock;
import dev.pinpipe.operator.metrics.OperatorMetrics;
import dev.pinpipe.operator.model.PipelineSchedule;
import dev.pinpipe.operator.model.PipelineScheduleSpec;
import dev.pinpipe.operator.model.PipelineScheduleStatus;
import dev.pinpipe.operator.model.RunPhase;
import dev.pinpipe.operator.status.EventRecorder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.pinpipe.operator.model.PipelineSchedule.RUN_DATE_ANNOTATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reconciler in a real JOSDK Operator against the CRUD mock server: changes after the start
 * reach it through watches (the mock server runs on the Vert.x 4 it was built for; see the
 * operator's pom), and the first test needs none, as an informer's first list brings the schedule.
 */
@EnableKubernetesMockClient(crud = true)
class PipelineScheduleReconcilerTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private KubernetesClient client;
  private ScheduleKit kit;
  private Operator operator;

  @BeforeEach
  void setUp() {
    kit = new ScheduleKit(client);
  }

  @AfterEach
  void tearDown() {
    if (operator != null) {
      operator.stop();
    }
  }

  private void startOperator(TestClock clock) {
    operator = new Operator(overrider -> overrider
        .withKubernetesClient(client)
        .withCloseClientOnStop(false)
        .withUseSSAToPatchPrimaryResource(false)
        .withSSABasedCreateUpdateMatchForDependentResources(false));
    operator.register(new PipelineScheduleReconciler(client, clock, new EventRecorder(client, clock, "test"), new OperatorMetrics()));
    operator.start();
  }

  private PipelineSchedule annotatedSchedule() {
    PipelineSchedule schedule = new PipelineSchedule();
    schedule.setMetadata(new ObjectMetaBuilder().withName("daily").withNamespace(ScheduleKit.NAMESPACE)
        .addToAnnotations(RUN_DATE_ANNOTATION, "2026-02-10").build());
    schedule.setSpec(new PipelineScheduleSpec());
    schedule.getSpec().setSchedule("@daily");
    return schedule;
  }

  @Test
  void aScheduleWithTheRunDateAnnotationGetsItsRunWhenTheOperatorStarts() {
    client.resources(PipelineSchedule.class).inNamespace(ScheduleKit.NAMESPACE).resource(annotatedSchedule()).create();

    startOperator(new TestClock(Instant.now()));

    await().atMost(PATIENCE).untilAsserted(() -> {
      assertThat(kit.runNames()).containsExactly("daily-2026-02-10");
      PipelineSchedule current = kit.get("daily");
      assertThat(current.getMetadata().getAnnotations()).doesNotContainKey(RUN_DATE_ANNOTATION);
      assertThat(current.getStatus()).isNotNull();
      assertThat(current.getStatus().getActive()).containsExactly("daily-2026-02-10");
    });
  }

  @Test
  void aScheduleCreatedWithTheRunDateAnnotationGetsItsRun() {
    startOperator(new TestClock(Instant.now()));

    client.resources(PipelineSchedule.class).inNamespace(ScheduleKit.NAMESPACE).resource(annotatedSchedule()).create();

    await().atMost(PATIENCE).untilAsserted(() -> {
      assertThat(kit.runNames()).containsExactly("daily-2026-02-10");
      assertThat(kit.get("daily").getMetadata().getAnnotations()).doesNotContainKey(RUN_DATE_ANNOTATION);
    });
    // An annotation added later changes no generation: the controller must see it all the same.
    kit.annotate("daily", RUN_DATE_ANNOTATION, "2026-02-10");
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(kit.runNames()).containsExactly("daily-2026-02-10", "daily-2026-02-10-r2"));
  }

  @Test
  void aRunThatFinishesStartsTheTickWaitingForIt() {
    PipelineSchedule schedule = kit.create("daily", Instant.parse("2026-03-01T00:00:00Z"), spec -> spec.setSchedule("@daily"));
    kit.existingRun(schedule, "2026-02-28", RunPhase.RUNNING);
    startOperator(new TestClock(Instant.parse("2026-03-02T00:05:00Z")));
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(kit.get("daily").getStatus())
        .extracting(PipelineScheduleStatus::getNextScheduleTime).isEqualTo("2026-03-02T00:00:00Z"));
    assertThat(kit.runNames()).containsExactly("daily-2026-02-28");

    kit.phase("daily-2026-02-28", RunPhase.SUCCEEDED);

    // Well before the one-minute recheck: the run's phase change triggered the schedule.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kit.runNames())
        .containsExactly("daily-2026-02-28", "daily-2026-03-01"));
  }
}
