package dev.pinpipe.operator.metrics;

import dev.pinpipe.operator.model.RunPhase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The operator's Prometheus metrics: runs by phase, stage durations, runs a schedule created, reconcile latency and errors. */
public final class OperatorMetrics {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  /** The phase of each run this operator reconciled, by namespace/name. */
  private final Map<String, RunPhase> runPhases = new ConcurrentHashMap<>();

  public OperatorMetrics() {
    for (RunPhase phase : RunPhase.values()) {
      Gauge.builder("pinpipe.operator.runs", runPhases, phases -> phases.values().stream().filter(phase::equals).count())
          .description("PipelineRuns by phase, as this operator last saw them")
          .tag("phase", phase.label())
          .register(registry);
    }
  }

  /** Runs {@code reconcile}, timing it by resource kind and outcome; an exception counts as an error and is rethrown. */
  public <T> T timeReconcile(String kind, Supplier<T> reconcile) {
    long start = System.nanoTime();
    try {
      T result = reconcile.get();
      reconcileTimer(kind, "success").record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
      return result;
    } catch (RuntimeException e) {
      reconcileTimer(kind, "error").record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
      Counter.builder("pinpipe.operator.reconcile.errors").description("Reconciles that failed (JOSDK retries them)")
          .tag("kind", kind).register(registry).increment();
      throw e;
    }
  }

  public void runPhase(String namespace, String name, RunPhase phase) {
    runPhases.put(namespace + "/" + name, phase);
  }

  public void runGone(String namespace, String name) {
    runPhases.remove(namespace + "/" + name);
  }

  /** A stage attempt ended: {@code outcome} is succeeded or failed. */
  public void stageFinished(String stage, String outcome, Duration duration) {
    Timer.builder("pinpipe.operator.stage.duration").description("How long stages ran, from the first attempt's submission to the end of an attempt")
        .tag("stage", stage).tag("outcome", outcome).register(registry).record(duration);
  }

  /** A schedule created a run: {@code trigger} is tick, catch-up or manual. */
  public void scheduledRun(String trigger) {
    Counter.builder("pinpipe.operator.schedule.runs.created").description("PipelineRuns created by schedules")
        .tag("trigger", trigger).register(registry).increment();
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    return registry.scrape();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  private Timer reconcileTimer(String kind, String result) {
    return Timer.builder("pinpipe.operator.reconcile").description("Reconcile latency")
        .tag("kind", kind).tag("result", result).register(registry);
  }
}
