package dev.pinpipe.operator.schedule;

import dev.pinpipe.operator.metrics.OperatorMetrics;
import dev.pinpipe.operator.model.PipelineRun;
import dev.pinpipe.operator.model.PipelineSchedule;
import dev.pinpipe.operator.model.RunPhase;
import dev.pinpipe.operator.status.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The JOSDK controller of PipelineSchedules: each reconcile is one {@link ScheduleReconciliation},
 * timed in the metrics, and asks to be run again when it says (the next tick, or a retry).
 *
 * <p>It is triggered by every change of a schedule, status and metadata included
 * ({@code generationAwareEventProcessing = false}): the manual-run annotation does not change the
 * generation. ScheduleReconciliation writes the status only when it changed, so its own writes end
 * in a reconcile that writes nothing. It is also triggered when one of its PipelineRuns (label
 * {@code pinpipe.dev/schedule}, mapped to the schedule by the owner reference) is created, deleted
 * or changes phase, which is how a tick waiting under Forbid starts as soon as the active run ends.
 */
@ControllerConfiguration(name = PipelineScheduleReconciler.NAME, generationAwareEventProcessing = false)
public class PipelineScheduleReconciler implements Reconciler<PipelineSchedule> {

  public static final String NAME = "pipelineschedule";

  private final ScheduleReconciliation reconciliation;
  private final OperatorMetrics metrics;

  public PipelineScheduleReconciler(KubernetesClient client, Clock clock, EventRecorder events, OperatorMetrics metrics) {
    this(new ScheduleReconciliation(client, clock, events, metrics), metrics);
  }

  public PipelineScheduleReconciler(ScheduleReconciliation reconciliation, OperatorMetrics metrics) {
    this.reconciliation = reconciliation;
    this.metrics = metrics;
  }

  @Override
  public UpdateControl<PipelineSchedule> reconcile(PipelineSchedule schedule, Context<PipelineSchedule> context) {
    Duration next = metrics.timeReconcile("PipelineSchedule", () -> reconciliation.reconcile(schedule));
    return UpdateControl.<PipelineSchedule>noUpdate().rescheduleAfter(next);
  }

  @Override
  public List<EventSource<?, PipelineSchedule>> prepareEventSources(EventSourceContext<PipelineSchedule> context) {
    InformerEventSourceConfiguration<PipelineRun> runs = InformerEventSourceConfiguration
        .from(PipelineRun.class, PipelineSchedule.class)
        .withName("pipelineschedule-runs")
        .withLabelSelector(ScheduleReconciliation.SCHEDULE_LABEL)
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(PipelineSchedule.class))
        .withOnUpdateFilter((updated, old) -> !Objects.equals(phase(updated), phase(old)))
        .build();
    return List.of(new InformerEventSource<>(runs, context));
  }

  private static RunPhase phase(PipelineRun run) {
    return run.getStatus() == null ? null : run.getStatus().getPhase();
  }
}
