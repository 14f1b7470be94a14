package dev.pinpipe.operator.schedule;

import dev.pinpipe.operator.metrics.OperatorMetrics;
import dev.pinpipe.operator.model.PipelineSchedule;
import dev.pinpipe.operator.model.PipelineScheduleSpec;
import dev.pinpipe.operator.model.PipelineScheduleStatus;
import dev.pinpipe.operator.model.RunPhase;
import dev.pinpipe.operator.status.EventRecorder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.pinpipe.operator.model.PipelineSchedule.RUN_DATE_ANNOTATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The reconciler in a real JOSDK Operator against the CRUD mock server.
 *
 * <p>Changes after the start reach the operator through watches, and fabric8 7.5.2's mock server
 * cannot serve a watch next to Vert.x 5 (this project's): its WebSocket handler calls
 * {@code ServerWebSocket.accept()}, which Vert.x 5 removed, so the upgraded connection stays silent
 * (a NoSuchMethodError on the mock server's event loop; fabric8io/kubernetes-client#7174, fixed in
 * #8131). The tests that need a watch first check that the mock server delivers watch events, and
 * are skipped, saying why, when it does not. The first test needs none: an informer's first list
 * brings the schedule.
 */
@EnableKubernetesMockClient(crud = true)
class PipelineScheduleReconcilerTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final String NO_WATCHES = "the mock server delivers no watch events on this classpath (fabric8 7.5.2's mock web server"
      + " calls ServerWebSocket.accept(), removed in Vert.x 5: fabric8io/kubernetes-client#7174)";

  /** Whether the mock server delivers watch events on this classpath: found out once. */
  private static Boolean watchesDelivered;

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

  private void startOperator(MutableClock clock) {
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

    startOperator(new MutableClock(Instant.now()));

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
    assumeTrue(mockServerDeliversWatchEvents(), NO_WATCHES);
    startOperator(new MutableClock(Instant.now()));

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
    assumeTrue(mockServerDeliversWatchEvents(), NO_WATCHES);
    PipelineSchedule schedule = kit.create("daily", Instant.parse("2026-03-01T00:00:00Z"), spec -> spec.setSchedule("@daily"));
    kit.existingRun(schedule, "2026-02-28", RunPhase.RUNNING);
    startOperator(new MutableClock(Instant.parse("2026-03-02T00:05:00Z")));
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(kit.get("daily").getStatus())
        .extracting(PipelineScheduleStatus::getNextScheduleTime).isEqualTo("2026-03-02T00:00:00Z"));
    assertThat(kit.runNames()).containsExactly("daily-2026-02-28");

    kit.phase("daily-2026-02-28", RunPhase.SUCCEEDED);

    // Well before the one-minute recheck: the run's phase change triggered the schedule.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kit.runNames())
        .containsExactly("daily-2026-02-28", "daily-2026-03-01"));
  }

  private boolean mockServerDeliversWatchEvents() {
    if (watchesDelivered == null) {
      watchesDelivered = watchHearsACreate();
    }
    return watchesDelivered;
  }

  /** Whether a watch opened on the mock server hears of an object created after it, within a few seconds. */
  private boolean watchHearsACreate() {
    CountDownLatch heard = new CountDownLatch(1);
    Watcher<ConfigMap> watcher = new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap resource) {
        heard.countDown();
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    };
    try (Watch ignored = client.configMaps().inNamespace("watch-probe").watch(watcher)) {
      client.configMaps().inNamespace("watch-probe")
          .resource(new ConfigMapBuilder().withNewMetadata().withName("probe").endMetadata().build()).create();
      return heard.await(3, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
