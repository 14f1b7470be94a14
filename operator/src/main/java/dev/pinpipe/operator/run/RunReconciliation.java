package dev.pinpipe.operator.run;

import dev.pinpipe.contracts.RunSummary;
import dev.pinpipe.operator.metrics.OperatorMetrics;
import dev.pinpipe.operator.model.PipelineRun;
import dev.pinpipe.operator.model.PipelineRunStatus;
import dev.pinpipe.operator.model.RunPhase;
import dev.pinpipe.operator.model.RunStage;
import dev.pinpipe.operator.model.StageState;
import dev.pinpipe.operator.model.StageStatus;
import dev.pinpipe.operator.spark.SparkApplication;
import dev.pinpipe.operator.spark.SparkApplicationFactory;
import dev.pinpipe.operator.spark.SparkApplicationStatus;
import dev.pinpipe.operator.status.Conditions;
import dev.pinpipe.operator.status.EventRecorder;
import dev.pinpipe.operator.status.Times;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Moves one PipelineRun forward: its stages in order, each attempt a SparkApplication named
 * {@code <run>-<stage>-<attempt>}, retried after a backoff until {@code maxAttempts}, within the
 * run's deadline; then the summary, and deletion after the TTL.
 *
 * <p>Never submitting twice rests on the names: an attempt's name is a function of the run, the
 * stage and the attempt number, and the attempt number only grows once the previous attempt's
 * application was seen to fail. The application is created before the status that records it is
 * written; when that write is lost (an operator that stops in between, a conflict), the next
 * reconcile creates the same name again, gets AlreadyExists, and adopts the existing application
 * once it checked that this run owns it. Retries belong to the operator: every application has
 * {@code restartPolicy: Never}.
 */
public final class RunReconciliation {

  public static final String KIND = "PipelineRun";

  /** Condition: True while a stage attempt is submitted or running. */
  public static final String RUNNING = "Running";
  /** Condition: Unknown until the run ends, then True or False with the reason. */
  public static final String SUCCEEDED = "Succeeded";

  public static final String REASON_DEADLINE_EXCEEDED = "DeadlineExceeded";
  public static final String REASON_RETRIES_EXHAUSTED = "RetriesExhausted";
  public static final String REASON_INVALID_SPEC = "InvalidSpec";
  public static final String REASON_NAME_TAKEN = "ApplicationNameTaken";

  /** The spark-operator's states (v1beta2 ApplicationStateType) that end an attempt. */
  static final String COMPLETED = "COMPLETED";
  static final Set<String> FAILED_STATES = Set.of("FAILED", "SUBMISSION_FAILED");

  private static final Logger LOG = LoggerFactory.getLogger(RunReconciliation.class);

  private final KubernetesClient client;
  private final Clock clock;
  private final SparkApplicationFactory factory;
  private final SummaryReader summaries;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final KubernetesSerialization serialization;

  public RunReconciliation(KubernetesClient client, Clock clock, SparkApplicationFactory factory, SummaryReader summaries,
      EventRecorder events, OperatorMetrics metrics) {
    this.client = client;
    this.clock = clock;
    this.factory = factory;
    this.summaries = summaries;
    this.events = events;
    this.metrics = metrics;
    this.serialization = client.getKubernetesSerialization();
  }

  /** {@link #reconcile(PipelineRun, Map)} reading every application from the API server. */
  public Optional<Duration> reconcile(PipelineRun run) {
    return reconcile(run, Map.of());
  }

  /**
   * Takes the run as far as it can go now and writes its status when it changed.
   *
   * @param cached the run's SparkApplications by name as an informer last saw them; a name
   *               missing there is read from the API server before the operator concludes it is gone
   * @return when to look again although nothing changed (a backoff, the deadline, the TTL); empty
   *         when only a change of the run or of its applications can move it
   */
  public Optional<Duration> reconcile(PipelineRun run, Map<String, SparkApplication> cached) {
    Step step = new Step(run, cached, clock.instant());
    String before = serialization.asJson(step.status);
    step.advance();
    if (!before.equals(serialization.asJson(step.status))) {
      step.status.setObservedGeneration(run.getMetadata().getGeneration());
      run.setStatus(step.status);
      // A replace of the status subresource: a run changed meanwhile answers 409 and the reconcile is retried on the new one.
      client.resources(PipelineRun.class).inNamespace(run.getMetadata().getNamespace()).resource(run).updateStatus();
    }
    metrics.runPhase(run.getMetadata().getNamespace(), run.getMetadata().getName(), step.status.getPhase());
    return step.expired ? Optional.empty() : step.wakeUp;
  }

  /** One reconcile of one run: the status it builds, and when to come back. */
  private final class Step {
    final PipelineRun run;
    final Map<String, SparkApplication> cached;
    final Instant now;
    final PipelineRunStatus status;
    Optional<Duration> wakeUp = Optional.empty();
    boolean expired;

    Step(PipelineRun run, Map<String, SparkApplication> cached, Instant now) {
      this.run = run;
      this.cached = cached;
      this.now = now;
      this.status = run.getStatus() == null ? new PipelineRunStatus() : serialization.clone(run.getStatus());
    }

    void advance() {
      if (status.getPhase() == null) {
        start();
      }
      if (status.getPhase().finished()) {
        expireAfterTtl();
        return;
      }
      Optional<String> problem = SparkApplicationFactory.problem(run);
      if (problem.isPresent()) {
        fail(REASON_INVALID_SPEC, problem.get() + ": this run cannot start; create a new PipelineRun with that corrected");
        return;
      }
      LocalDate date = run.getSpec().day();
      if (deadlinePassed()) {
        return;
      }
      for (StageStatus stage : status.getStages()) {
        if (stage.getState() == StageState.SUCCEEDED) {
          continue;
        }
        if (!advance(RunStage.valueOf(stage.getName().toUpperCase(java.util.Locale.ROOT)), stage, date)) {
          return;
        }
      }
      succeed();
    }

    private void start() {
      status.setPhase(RunPhase.PENDING);
      status.setStartTime(Times.format(now));
      status.setStages(new ArrayList<>());
      for (RunStage stage : run.getSpec() == null ? List.<RunStage>of() : run.getSpec().effectiveStages()) {
        StageStatus entry = new StageStatus();
        entry.setName(stage.id());
        entry.setState(StageState.PENDING);
        entry.setAttempts(0);
        status.getStages().add(entry);
      }
      status.setMessage("waiting for the first stage to be submitted");
      condition(RUNNING, Conditions.FALSE, "Pending", status.getMessage());
      condition(SUCCEEDED, Conditions.UNKNOWN, "InProgress", "the run has not finished");
      events.normal(run, "Accepted", "run of " + (run.getSpec() == null ? "?" : run.getSpec().getDate()) + " accepted: stages "
          + status.getStages().stream().map(StageStatus::getName).toList());
    }

    /** Moves one stage; returns true when it has succeeded and the next stage may start. */
    private boolean advance(RunStage stage, StageStatus entry, LocalDate date) {
      int attempts = entry.getAttempts() == null ? 0 : entry.getAttempts();
      if (attempts == 0) {
        return submit(stage, entry, 1);
      }
      if (entry.getState() == StageState.RETRYING) {
        Instant next = Times.parse(entry.getNextAttemptTime()).orElse(now);
        if (now.isBefore(next)) {
          wakeUpIn(Duration.between(now, next));
          return false;
        }
        return submit(stage, entry, attempts + 1);
      }
      String name = SparkApplicationFactory.name(run.getMetadata().getName(), stage, attempts);
      Optional<SparkApplication> application = find(name);
      if (application.isEmpty()) {
        return attemptFailed(stage, entry, attempts, "SparkApplication " + name + " was deleted before it finished");
      }
      SparkApplicationStatus appStatus = application.get().getStatus();
      Optional<String> state = appStatus == null ? Optional.empty() : appStatus.state();
      if (state.filter(COMPLETED::equals).isPresent()) {
        stageSucceeded(stage, entry, date);
        return true;
      }
      if (state.filter(FAILED_STATES::contains).isPresent()) {
        entry.setApplicationState(state.get());
        String message = appStatus.errorMessage().orElse("the application ended " + state.get() + " without an error message");
        return attemptFailed(stage, entry, attempts, message);
      }
      entry.setApplicationState(state.orElse(null));
      entry.setState(StageState.RUNNING);
      running(stage, entry);
      return false;
    }

    private boolean submit(RunStage stage, StageStatus entry, int attempt) {
      SparkApplication application = factory.create(run, stage, attempt);
      String name = application.getMetadata().getName();
      MixedOperation<SparkApplication, ?, Resource<SparkApplication>> applications = client.resources(SparkApplication.class);
      try {
        applications.inNamespace(run.getMetadata().getNamespace()).resource(application).create();
        events.normal(run, "StageSubmitted", "stage " + stage.id() + " attempt " + attempt + ": created SparkApplication " + name);
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        SparkApplication existing = applications.inNamespace(run.getMetadata().getNamespace()).withName(name).get();
        if (existing == null || !ownedByRun(existing)) {
          fail(REASON_NAME_TAKEN, "SparkApplication " + name + " exists and does not belong to this run: delete it or rename the run");
          return false;
        }
        LOG.info("adopted SparkApplication: run={} application={}", run.getMetadata().getName(), name);
        events.normal(run, "StageAdopted", "stage " + stage.id() + " attempt " + attempt + ": SparkApplication " + name
            + " already exists, created earlier for this run; following it");
      }
      entry.setAttempts(attempt);
      entry.setApplication(name);
      entry.setApplicationState(null);
      entry.setState(StageState.RUNNING);
      entry.setNextAttemptTime(null);
      if (attempt == 1) {
        entry.setStartTime(Times.format(now));
      }
      running(stage, entry);
      return false;
    }

    private void running(RunStage stage, StageStatus entry) {
      status.setPhase(RunPhase.RUNNING);
      status.setStage(stage.id());
      status.setAttempts(entry.getAttempts());
      status.setMessage("stage " + stage.id() + " attempt " + entry.getAttempts() + " of " + maxAttempts() + ": SparkApplication "
          + entry.getApplication() + " is " + Optional.ofNullable(entry.getApplicationState()).orElse("submitted"));
      condition(RUNNING, Conditions.TRUE, "StageRunning", status.getMessage());
      wakeAtDeadline();
    }

    private void stageSucceeded(RunStage stage, StageStatus entry, LocalDate date) {
      entry.setState(StageState.SUCCEEDED);
      entry.setApplicationState(COMPLETED);
      entry.setCompletionTime(Times.format(now));
      entry.setMessage(null);
      metrics.stageFinished(stage.id(), "succeeded", sinceStart(entry));
      events.normal(run, "StageSucceeded", "stage " + stage.id() + " succeeded (attempt " + entry.getAttempts() + ", "
          + entry.getApplication() + ")");
      summaries.read(date).filter(summary -> summary.stage().id().equals(stage.id())).ifPresent(this::addSummary);
    }

    private boolean attemptFailed(RunStage stage, StageStatus entry, int attempt, String message) {
      entry.setMessage(message);
      metrics.stageFinished(stage.id(), "failed", sinceStart(entry));
      if (attempt < maxAttempts()) {
        Instant next = now.plus(run.getSpec().effectiveRetry().effectiveBackoff());
        entry.setState(StageState.RETRYING);
        entry.setNextAttemptTime(Times.format(next));
        status.setPhase(RunPhase.RUNNING);
        status.setStage(stage.id());
        status.setAttempts(attempt);
        status.setMessage("stage " + stage.id() + " attempt " + attempt + " of " + maxAttempts() + " failed: " + message
            + "; next attempt at " + Times.format(next));
        condition(RUNNING, Conditions.FALSE, "BackingOff", status.getMessage());
        events.warning(run, "StageFailed", status.getMessage());
        wakeUpIn(Duration.between(now, next));
        wakeAtDeadline();
        return false;
      }
      entry.setState(StageState.FAILED);
      entry.setCompletionTime(Times.format(now));
      status.setStage(stage.id());
      status.setAttempts(attempt);
      fail(REASON_RETRIES_EXHAUSTED, "stage " + stage.id() + " failed after " + attempt + " attempt" + (attempt == 1 ? "" : "s")
          + ": " + message);
      return false;
    }

    private boolean deadlinePassed() {
      Optional<Instant> deadline = deadline();
      if (deadline.isEmpty() || now.isBefore(deadline.get())) {
        return false;
      }
      String deleted = "";
      for (StageStatus entry : status.getStages()) {
        if (entry.getState() == StageState.RUNNING && entry.getApplication() != null) {
          // Deleting our own application: the run is over and nothing of it is kept (its outputs are the job's to make atomic).
          client.resources(SparkApplication.class).inNamespace(run.getMetadata().getNamespace()).withName(entry.getApplication()).delete();
          deleted = "; deleted SparkApplication " + entry.getApplication();
        }
        if (entry.getState() == StageState.RUNNING || entry.getState() == StageState.RETRYING) {
          entry.setState(StageState.FAILED);
          entry.setCompletionTime(Times.format(now));
          entry.setNextAttemptTime(null);
          entry.setMessage("stopped: the run's deadline passed");
        }
      }
      fail(REASON_DEADLINE_EXCEEDED, "the run took longer than activeDeadlineSeconds=" + run.getSpec().getActiveDeadlineSeconds()
          + " (started " + status.getStartTime() + ")" + deleted);
      return true;
    }

    private void succeed() {
      status.setPhase(RunPhase.SUCCEEDED);
      status.setCompletionTime(Times.format(now));
      status.setMessage("all stages succeeded: " + status.getStages().stream().map(StageStatus::getName).toList());
      condition(RUNNING, Conditions.FALSE, "Completed", status.getMessage());
      condition(SUCCEEDED, Conditions.TRUE, "Completed", status.getMessage());
      events.normal(run, "Succeeded", status.getMessage());
      expireAfterTtl();
    }

    private void fail(String reason, String message) {
      status.setPhase(RunPhase.FAILED);
      status.setCompletionTime(Times.format(now));
      status.setMessage(message);
      condition(RUNNING, Conditions.FALSE, reason, message);
      condition(SUCCEEDED, Conditions.FALSE, reason, message);
      events.warning(run, reason, message);
      expireAfterTtl();
    }

    /** A finished run past its TTL is deleted; its SparkApplications go with it by their owner references. */
    private void expireAfterTtl() {
      Long ttl = run.getSpec() == null ? null : run.getSpec().getTtlSecondsAfterFinished();
      if (ttl == null) {
        return;
      }
      Instant expiry = Times.parse(status.getCompletionTime()).orElse(now).plusSeconds(ttl);
      if (now.isBefore(expiry)) {
        wakeUpIn(Duration.between(now, expiry));
        return;
      }
      // Deleting the run is what its author asked for with ttlSecondsAfterFinished, and it has finished: no data is in it.
      client.resources(PipelineRun.class).inNamespace(run.getMetadata().getNamespace()).withName(run.getMetadata().getName()).delete();
      metrics.runGone(run.getMetadata().getNamespace(), run.getMetadata().getName());
      LOG.info("deleted finished run after its TTL: run={} ttlSeconds={}", run.getMetadata().getName(), ttl);
      expired = true;
    }

    private void addSummary(RunSummary summary) {
      var target = status.getSummary() == null ? new dev.pinpipe.operator.model.RunSummaryStatus() : status.getSummary();
      if (!summary.tables().isEmpty()) {
        Map<String, Long> rows = new LinkedHashMap<>();
        summary.tables().forEach((table, counts) -> rows.put(table, counts.outputRows()));
        target.setRows(rows);
        target.setRecordsRead(summary.tables().values().stream().mapToLong(RunSummary.TableCounts::inputRows).sum());
        target.setRejected(summary.tables().values().stream().mapToLong(RunSummary.TableCounts::rejects).sum());
        target.setDuplicatesDropped(summary.tables().values().stream().mapToLong(RunSummary.TableCounts::duplicatesDropped).sum());
      }
      if (!summary.reports().isEmpty()) {
        target.setReports(new LinkedHashMap<>(summary.reports()));
      }
      status.setSummary(target);
    }

    private Optional<SparkApplication> find(String name) {
      SparkApplication cachedApplication = cached.get(name);
      if (cachedApplication != null) {
        return Optional.of(cachedApplication);
      }
      return Optional.ofNullable(client.resources(SparkApplication.class).inNamespace(run.getMetadata().getNamespace()).withName(name).get());
    }

    private boolean ownedByRun(SparkApplication application) {
      List<OwnerReference> owners = application.getMetadata().getOwnerReferences();
      return owners != null && owners.stream().anyMatch(owner -> run.getMetadata().getUid() != null
          && run.getMetadata().getUid().equals(owner.getUid()));
    }

    private int maxAttempts() {
      return run.getSpec().effectiveRetry().effectiveMaxAttempts();
    }

    private Optional<Instant> deadline() {
      Long seconds = run.getSpec() == null ? null : run.getSpec().getActiveDeadlineSeconds();
      return seconds == null ? Optional.empty() : Times.parse(status.getStartTime()).map(start -> start.plusSeconds(seconds));
    }

    private void wakeAtDeadline() {
      deadline().ifPresent(deadline -> wakeUpIn(Duration.between(now, deadline)));
    }

    private void wakeUpIn(Duration delay) {
      Duration atLeast = delay.isNegative() ? Duration.ZERO : delay;
      wakeUp = Optional.of(wakeUp.filter(earlier -> earlier.compareTo(atLeast) <= 0).orElse(atLeast));
    }

    private Duration sinceStart(StageStatus entry) {
      return Times.parse(entry.getStartTime()).map(start -> Duration.between(start, now)).orElse(Duration.ZERO);
    }

    private void condition(String type, String value, String reason, String message) {
      Conditions.set(status.getConditions(), type, value, reason, message, generation(), now);
    }

    private long generation() {
      Long generation = run.getMetadata().getGeneration();
      return generation == null ? 0 : generation;
    }
  }
}
