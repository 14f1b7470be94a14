package dev.pinpipe.operator.run;

import dev.pinpipe.operator.metrics.OperatorMetrics;
import dev.pinpipe.operator.model.PipelineRun;
import dev.pinpipe.operator.spark.SparkApplication;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The JOSDK controller of PipelineRuns: reconciles a run when it changes or one of its
 * SparkApplications does (an informer on them, mapped to the run by owner reference), and when
 * {@link RunReconciliation} asked to be woken (a backoff, the deadline, the TTL).
 */
@ControllerConfiguration(name = PipelineRunReconciler.NAME, triggerReconcilerOnAllEvents = true)
public final class PipelineRunReconciler implements Reconciler<PipelineRun> {

  public static final String NAME = "pipelinerun";

  private final RunReconciliation reconciliation;
  private final OperatorMetrics metrics;

  public PipelineRunReconciler(RunReconciliation reconciliation, OperatorMetrics metrics) {
    this.reconciliation = reconciliation;
    this.metrics = metrics;
  }

  @Override
  public UpdateControl<PipelineRun> reconcile(PipelineRun run, Context<PipelineRun> context) {
    if (context.isPrimaryResourceDeleted()) {
      metrics.runGone(run.getMetadata().getNamespace(), run.getMetadata().getName());
      return UpdateControl.noUpdate();
    }
    Map<String, SparkApplication> applications = context.getSecondaryResources(SparkApplication.class).stream()
        .collect(Collectors.toMap(application -> application.getMetadata().getName(), Function.identity(), (a, b) -> a));
    Optional<Duration> wakeUp = metrics.timeReconcile(RunReconciliation.KIND, () -> reconciliation.reconcile(run, applications));
    UpdateControl<PipelineRun> control = UpdateControl.noUpdate();
    return wakeUp.map(delay -> control.rescheduleAfter(delay.toMillis())).orElse(control);
  }

  @Override
  public List<EventSource<?, PipelineRun>> prepareEventSources(EventSourceContext<PipelineRun> context) {
    var configuration = InformerEventSourceConfiguration.from(SparkApplication.class, PipelineRun.class)
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(PipelineRun.class))
        .withNamespacesInheritedFromController()
        .build();
    return List.of(new InformerEventSource<>(configuration, context));
  }
}
