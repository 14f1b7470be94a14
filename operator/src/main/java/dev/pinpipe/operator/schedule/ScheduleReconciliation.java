package dev.pinpipe.operator.schedule;

import dev.pinpipe.operator.metrics.OperatorMetrics;
import dev.pinpipe.operator.model.ConcurrencyPolicy;
import dev.pinpipe.operator.model.PipelineRun;
import dev.pinpipe.operator.model.PipelineSchedule;
import dev.pinpipe.operator.model.PipelineScheduleSpec;
import dev.pinpipe.operator.model.PipelineScheduleStatus;
import dev.pinpipe.operator.model.RunPhase;
import dev.pinpipe.operator.schedule.CronSchedule.Tick;
import dev.pinpipe.operator.status.Conditions;
import dev.pinpipe.operator.status.EventRecorder;
import dev.pinpipe.operator.status.Times;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything a PipelineSchedule does, one reconcile at a time: it reads the schedule and the
 * runs it owns from the API server, creates the runs that are due, deletes what the concurrency
 * policy and the history limits say, and writes the schedule's status. It keeps no state of its
 * own between reconciles: what has been done is in {@code status.lastScheduleTime} and in the
 * runs themselves, so a restarted operator (or a second one after a leader change) carries on
 * where the first stopped without running anything twice.
 *
 * <h2>Ticks and dates</h2>
 * The cron expression ({@code schedule}: 5 fields or {@code @yearly}, {@code @monthly},
 * {@code @weekly}, {@code @daily}, {@code @midnight}, {@code @hourly}) is read in {@code timeZone}
 * on the local wall clock: a DST change neither skips nor doubles a tick (see {@link CronSchedule}).
 * A tick runs the date of its local day minus {@code dateOffsetDays}. Each date runs once: its run
 * is named {@code <schedule>-<date>}, so a later tick of the same day (an hourly expression), a
 * second operator or a repeated reconcile finds the name taken and creates nothing. A create
 * answered 409 AlreadyExists by a run this schedule owns counts as done, not as a failure; one
 * answered so by somebody else's object skips the tick with a Warning Event. Names are kept to 63
 * characters (see {@link RunNames}).
 *
 * <h2>Catch-up</h2>
 * {@code status.lastScheduleTime} is the latest tick dealt with: its run was created or found, or
 * the tick was skipped. Every reconcile takes the ticks after it up to now (after the schedule's
 * creation time when it is new, never from the epoch), one per local day. The newest of them is
 * the current tick (label {@code pinpipe.dev/trigger=tick}); the older ones were missed (the
 * operator was down, the schedule suspended or invalid, or a run waited under Forbid) and run as
 * {@code catch-up}, oldest first. Of the missed ticks at most {@code maxCatchUp} run, the newest
 * ones; {@code maxCatchUp: 0} runs only the current tick, like Airflow's {@code catchup=False}.
 * A tick more than {@code startingDeadlineSeconds} old is skipped. Skipped ticks are reported once
 * in a Warning Event ({@code RunsSkipped}) and stay skipped: lastScheduleTime moves past them.
 * The schedule is read afresh at every reconcile, so a changed {@code schedule}, {@code timeZone}
 * or {@code dateOffsetDays} counts from the next reconcile on (ticks of the new expression since
 * lastScheduleTime are due at once; a date that already has a run is not run again).
 *
 * <h2>Concurrency</h2>
 * A run is active until its {@code status.phase} is Succeeded or Failed (a run without status yet
 * is active; one being deleted is not). {@code concurrencyPolicy} decides about a due tick while
 * a run of this schedule created by a tick is active:
 * <ul>
 *   <li>{@code Forbid} (the default): the tick waits. It is not lost: its run is created at the
 *   first reconcile after the active runs finished (a finishing run triggers one), unless by then
 *   it is older than startingDeadlineSeconds or beyond maxCatchUp. Meanwhile
 *   {@code nextScheduleTime} is the waiting tick, the condition {@code Waiting=True} names the runs
 *   it waits for, and an Event {@code RunWaiting} says so. Catch-up runs likewise come one at a
 *   time, oldest first, each after the previous one finished.</li>
 *   <li>{@code Replace}: the active runs are deleted (Event {@code RunDeleted}), then the due run
 *   is created. Only the newest due tick runs: older due ones would at once be replaced by it, so
 *   they are skipped (Event {@code RunsSkipped}) and maxCatchUp does not apply.</li>
 *   <li>{@code Allow}: due runs are created alongside the active ones, all due ticks at once.</li>
 * </ul>
 *
 * <h2>Manual runs</h2>
 * The annotation {@code pinpipe.dev/run-date: YYYY-MM-DD} on the schedule creates a run of that
 * date at the next reconcile ({@code trigger=manual}), named {@code <schedule>-<date>}, or
 * {@code <schedule>-<date>-r<n>} when the date has runs already (n one above the highest). Then
 * the annotation is removed (a JSON patch that first tests its value). A date that does not parse
 * gives a Warning Event ({@code InvalidRunDate}) and the annotation is removed too. A manual run is
 * what a person asked for now, so the concurrency policy does not apply to it, either way: it is
 * created at once whatever runs are active, and it neither makes a tick wait (Forbid) nor is
 * deleted by one (Replace). It is made even while the schedule is suspended or its expression is
 * invalid (neither is about manual runs). It counts in {@code status.active} and in the history
 * limits like any run. The run carries the schedule's resourceVersion at the request
 * ({@code pinpipe.dev/manual-request}), so an operator that stopped between creating the run and
 * removing the annotation does not create it a second time.
 *
 * <h2>Suspension, history, status</h2>
 * While {@code suspend} is true no tick runs ({@code Ready=False}, reason {@code Suspended}, no
 * nextScheduleTime); ticks missed meanwhile are caught up when it is resumed, as above. After
 * runs finish, at most {@code successfulRunsHistoryLimit} Succeeded and
 * {@code failedRunsHistoryLimit} Failed runs are kept; older ones (by creation time, then name)
 * are deleted with an Event each. Active runs are never deleted for history. The status is
 * written through the status subresource, only when it changed, with the resourceVersion read
 * (one retry on a conflict). An expression or time zone that does not parse sets
 * {@code Ready=False} (reason {@code InvalidSchedule} or {@code InvalidTimeZone}, the parser's
 * message) with a Warning Event and creates no runs; the next reconcile after the fix (the spec
 * change triggers it) recovers.
 *
 * <p>Runs are found by the label {@code pinpipe.dev/schedule} in the schedule's namespace and kept
 * only when an owner reference names the schedule's uid.
 */
public final class ScheduleReconciliation {

  public static final String SCHEDULE_LABEL = "pinpipe.dev/schedule";
  public static final String TRIGGER_LABEL = "pinpipe.dev/trigger";
  public static final String TRIGGER_TICK = "tick";
  public static final String TRIGGER_CATCH_UP = "catch-up";
  public static final String TRIGGER_MANUAL = "manual";
  /** On runs made for a tick: the tick, RFC 3339. */
  public static final String SCHEDULED_TIME_ANNOTATION = "pinpipe.dev/scheduled-time";
  /** On manual runs: the schedule's resourceVersion when it carried the request. */
  public static final String MANUAL_REQUEST_ANNOTATION = "pinpipe.dev/manual-request";

  public static final String READY = "Ready";
  public static final String WAITING = "Waiting";
  public static final String REASON_SCHEDULED = "Scheduled";
  public static final String REASON_SUSPENDED = "Suspended";
  public static final String REASON_INVALID_SCHEDULE = "InvalidSchedule";
  public static final String REASON_INVALID_TIME_ZONE = "InvalidTimeZone";
  public static final String REASON_CONCURRENCY_FORBID = "ConcurrencyForbid";
  public static final String REASON_NOT_WAITING = "NotWaiting";

  public static final String EVENT_RUN_CREATED = "RunCreated";
  public static final String EVENT_RUN_DELETED = "RunDeleted";
  public static final String EVENT_RUN_WAITING = "RunWaiting";
  public static final String EVENT_RUNS_SKIPPED = "RunsSkipped";
  public static final String EVENT_RUN_NAME_TAKEN = "RunNameTaken";
  public static final String EVENT_RUN_CREATE_FAILED = "RunCreateFailed";
  public static final String EVENT_INVALID_RUN_DATE = "InvalidRunDate";
  public static final String EVENT_RESUMED = "Resumed";

  /** After a failed write or create. */
  static final Duration RETRY = Duration.ofSeconds(10);
  /** While a tick waits under Forbid: a finishing run triggers a reconcile too, this is the safety net. */
  static final Duration WAIT_RECHECK = Duration.ofMinutes(1);
  /** When no tick is ahead (suspended, invalid, an expression that never matches again): a spec change triggers a reconcile. */
  static final Duration IDLE_RECHECK = Duration.ofMinutes(10);
  /** The shortest wait returned, so that a tick a few milliseconds ahead does not spin. */
  private static final Duration MIN_WAIT = Duration.ofSeconds(1);
  private static final int MANUAL_NAME_ATTEMPTS = 10;
  private static final int STATUS_ATTEMPTS = 2;

  private static final Logger LOG = LoggerFactory.getLogger(ScheduleReconciliation.class);
  private static final Comparator<PipelineRun> OLDEST_FIRST = Comparator
      .comparing((PipelineRun run) -> Times.parse(run.getMetadata().getCreationTimestamp()).orElse(Instant.EPOCH))
      .thenComparing(run -> run.getMetadata().getName());

  private final KubernetesClient client;
  private final Clock clock;
  private final EventRecorder events;
  private final OperatorMetrics metrics;

  public ScheduleReconciliation(KubernetesClient client, Clock clock, EventRecorder events, OperatorMetrics metrics) {
    this.client = client;
    this.clock = clock;
    this.events = events;
    this.metrics = metrics;
  }

  /**
   * Does everything due for {@code schedule} (read again from the API server; the argument only
   * names it) and returns how long until it must be reconciled again: the next tick, or a short
   * retry. API errors other than those named in the class comment are thrown, for the caller to retry.
   */
  public Duration reconcile(PipelineSchedule schedule) {
    PipelineSchedule current = schedules(schedule.getMetadata().getNamespace())
        .withName(schedule.getMetadata().getName()).get();
    if (current == null) {
      return IDLE_RECHECK; // deleted meanwhile; its runs go with it through their owner references
    }
    Instant now = clock.instant();
    List<PipelineRun> runs = ownedRuns(current);

    Optional<PipelineSchedule> afterManual = runManualRequest(current, runs);
    if (afterManual.isEmpty()) {
      return RETRY; // the annotation could not be removed: that comes first, before anything else is done
    }
    current = afterManual.get();

    PipelineScheduleStatus status = client.getKubernetesSerialization()
        .clone(Objects.requireNonNullElseGet(current.getStatus(), PipelineScheduleStatus::new));
    if (status.getConditions() == null) {
      status.setConditions(new ArrayList<>());
    }
    Duration next = runTicks(current, runs, status, now);
    pruneHistory(current, runs);
    summarize(current, runs, status);
    return writeStatus(current, status) ? next : RETRY;
  }

  // --- manual trigger -----------------------------------------------------------------------

  /** Handles the run-date annotation; the schedule as it is afterwards, or empty when the annotation stays (retry). */
  private Optional<PipelineSchedule> runManualRequest(PipelineSchedule schedule, List<PipelineRun> runs) {
    Map<String, String> annotations = schedule.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(PipelineSchedule.RUN_DATE_ANNOTATION);
    if (value == null) {
      return Optional.of(schedule);
    }
    LocalDate date;
    try {
      date = LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      events.warning(schedule, EVENT_INVALID_RUN_DATE, "annotation " + PipelineSchedule.RUN_DATE_ANNOTATION + ": '" + value
          + "' is not a date YYYY-MM-DD (" + e.getMessage() + "); no run created, annotation removed");
      return removeRunDate(schedule, value);
    }
    String request = schedule.getMetadata().getResourceVersion();
    boolean made = runs.stream().anyMatch(run -> isOf(run, date) && Objects.equals(request, annotation(run, MANUAL_REQUEST_ANNOTATION)));
    if (!made && !createManualRun(schedule, runs, date, request)) {
      return Optional.empty();
    }
    return removeRunDate(schedule, value);
  }

  private boolean createManualRun(PipelineSchedule schedule, List<PipelineRun> runs, LocalDate date, String request) {
    int rerun = runs.stream().filter(run -> isOf(run, date))
        .mapToInt(run -> RunNames.rerunNumber(run.getMetadata().getName()).orElse(1)).max().orElse(0) + 1;
    for (int attempt = 0; attempt < MANUAL_NAME_ATTEMPTS; attempt++, rerun++) {
      String name = RunNames.run(schedule.getMetadata().getName(), date, rerun);
      PipelineRun run = newRun(schedule, name, date, TRIGGER_MANUAL, Map.of(MANUAL_REQUEST_ANNOTATION, request));
      try {
        created(schedule, runs, runs(namespace(schedule)).resource(run).create(), TRIGGER_MANUAL,
            "annotation " + PipelineSchedule.RUN_DATE_ANNOTATION);
        return true;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          createFailed(schedule, name, date, e);
          return false;
        }
        PipelineRun existing = runs(namespace(schedule)).withName(name).get();
        if (existing != null && ownedBy(existing, schedule) && Objects.equals(request, annotation(existing, MANUAL_REQUEST_ANNOTATION))) {
          LOG.info("manual run exists already: schedule={}/{} run={}", namespace(schedule), schedule.getMetadata().getName(), name);
          runs.add(existing);
          return true;
        }
        // Taken by another run of this date or by somebody else's object: the next number.
      }
    }
    events.warning(schedule, EVENT_RUN_CREATE_FAILED, "no free name for a manual run of " + date + " after " + MANUAL_NAME_ATTEMPTS
        + " attempts; annotation kept");
    return false;
  }

  private Optional<PipelineSchedule> removeRunDate(PipelineSchedule schedule, String value) {
    String path = "/metadata/annotations/" + PipelineSchedule.RUN_DATE_ANNOTATION.replace("~", "~0").replace("/", "~1");
    String patch = "[{\"op\":\"test\",\"path\":\"" + path + "\",\"value\":" + client.getKubernetesSerialization().asJson(value)
        + "},{\"op\":\"remove\",\"path\":\"" + path + "\"}]";
    try {
      return Optional.of(schedules(namespace(schedule)).withName(schedule.getMetadata().getName())
          .patch(PatchContext.of(PatchType.JSON), patch));
    } catch (KubernetesClientException e) {
      // 422: the annotation changed since it was read (a new request, handled next time); else a transient failure.
      LOG.info("annotation {} not removed, retrying: schedule={}/{} code={} error={}", PipelineSchedule.RUN_DATE_ANNOTATION,
          namespace(schedule), schedule.getMetadata().getName(), e.getCode(), e.getMessage());
      return Optional.empty();
    }
  }

  // --- ticks --------------------------------------------------------------------------------

  /** Validates, then creates what is due under the policy; sets Ready, Waiting, the schedule times; returns the wait. */
  private Duration runTicks(PipelineSchedule schedule, List<PipelineRun> runs, PipelineScheduleStatus status, Instant now) {
    PipelineScheduleSpec spec = schedule.getSpec();
    long generation = generation(schedule);
    ZoneId zone;
    try {
      zone = CronSchedule.zone(spec.effectiveTimeZone());
    } catch (IllegalArgumentException e) {
      return invalid(schedule, status, REASON_INVALID_TIME_ZONE,
          "time zone '" + spec.effectiveTimeZone() + "' is not valid: " + e.getMessage(), now);
    }
    CronSchedule cron;
    try {
      cron = CronSchedule.parse(spec.getSchedule(), zone);
    } catch (IllegalArgumentException e) {
      return invalid(schedule, status, REASON_INVALID_SCHEDULE, "schedule '" + spec.getSchedule() + "' is not valid: " + e.getMessage(), now);
    }
    if (spec.suspended()) {
      status.setNextScheduleTime(null);
      notWaiting(status, generation, now);
      String message = "suspended: no runs are created; missed ticks are caught up on resume (within maxCatchUp and startingDeadlineSeconds)";
      if (condition(status, READY, false, REASON_SUSPENDED, message, generation, now)) {
        events.normal(schedule, REASON_SUSPENDED, message);
      }
      return IDLE_RECHECK;
    }
    boolean resumed = Conditions.find(status.getConditions(), READY).map(c -> REASON_SUSPENDED.equals(c.getReason())).orElse(false);
    String ready = "ticks at '" + spec.getSchedule() + "' in " + spec.effectiveTimeZone() + ", each for its local date minus "
        + spec.effectiveDateOffsetDays() + " day(s); concurrencyPolicy " + spec.effectiveConcurrencyPolicy().name().charAt(0)
        + spec.effectiveConcurrencyPolicy().name().substring(1).toLowerCase(java.util.Locale.ROOT);
    if (condition(status, READY, true, REASON_SCHEDULED, ready, generation, now)) {
      events.normal(schedule, resumed ? EVENT_RESUMED : REASON_SCHEDULED, (resumed ? "resumed: " : "") + ready);
    }

    Instant since = Times.parse(status.getLastScheduleTime())
        .or(() -> Times.parse(schedule.getMetadata().getCreationTimestamp()))
        .orElse(now);
    TickOutcome outcome = runDueTicks(schedule, cron, runs, status, since, now);

    if (outcome.waiting() != null) {
      status.setNextScheduleTime(Times.format(outcome.waiting().at()));
      if (condition(status, WAITING, true, REASON_CONCURRENCY_FORBID, outcome.waitingMessage(), generation, now)) {
        events.normal(schedule, EVENT_RUN_WAITING, outcome.waitingMessage());
      }
      return outcome.failed() ? RETRY : WAIT_RECHECK;
    }
    notWaiting(status, generation, now);
    Optional<Tick> next = cron.next(now);
    status.setNextScheduleTime(next.map(tick -> Times.format(tick.at())).orElse(null));
    if (outcome.failed()) {
      return RETRY;
    }
    return next.map(tick -> max(MIN_WAIT, Duration.between(now, tick.at()))).orElse(IDLE_RECHECK);
  }

  /** Ready=False for a schedule that does not parse, with a Warning Event when that is news; no ticks. */
  private Duration invalid(PipelineSchedule schedule, PipelineScheduleStatus status, String reason, String message, Instant now) {
    long generation = generation(schedule);
    status.setNextScheduleTime(null);
    notWaiting(status, generation, now);
    if (condition(status, READY, false, reason, message, generation, now)) {
      events.warning(schedule, reason, message + "; no runs are created until it is fixed");
    }
    return IDLE_RECHECK;
  }

  /** What the due ticks came to: a tick left waiting under Forbid (and why), whether a create failed. */
  private record TickOutcome(Tick waiting, String waitingMessage, boolean failed) {
  }

  private TickOutcome runDueTicks(PipelineSchedule schedule, CronSchedule cron, List<PipelineRun> runs,
      PipelineScheduleStatus status, Instant since, Instant now) {
    PipelineScheduleSpec spec = schedule.getSpec();
    ConcurrencyPolicy policy = spec.effectiveConcurrencyPolicy();
    List<Tick> due = cron.latestTickPerDay(since, now);
    Instant watermark = null;

    Long deadline = spec.getStartingDeadlineSeconds();
    Instant cutoff = deadline == null ? null : now.minusSeconds(deadline);
    List<Tick> late = due.stream().filter(tick -> cutoff != null && tick.at().isBefore(cutoff)).toList();
    List<Tick> inTime = due.stream().filter(tick -> cutoff == null || !tick.at().isBefore(cutoff)).toList();
    if (!late.isEmpty()) {
      skipped(schedule, late, "their ticks are more than startingDeadlineSeconds=" + deadline + " old");
      watermark = late.get(late.size() - 1).at();
    }
    int keep = policy == ConcurrencyPolicy.REPLACE ? 1 : spec.effectiveMaxCatchUp() + 1;
    if (inTime.size() > keep) {
      List<Tick> dropped = inTime.subList(0, inTime.size() - keep);
      skipped(schedule, dropped, policy == ConcurrencyPolicy.REPLACE
          ? "concurrencyPolicy Replace runs only the newest due tick"
          : "more than maxCatchUp=" + spec.effectiveMaxCatchUp() + " missed ticks; the newest are run");
      watermark = dropped.get(dropped.size() - 1).at();
      inTime = inTime.subList(inTime.size() - keep, inTime.size());
    }

    TickOutcome outcome = new TickOutcome(null, null, false);
    for (int i = 0; i < inTime.size(); i++) {
      Tick tick = inTime.get(i);
      LocalDate date = tick.localDate().minusDays(spec.effectiveDateOffsetDays());
      String trigger = i == inTime.size() - 1 ? TRIGGER_TICK : TRIGGER_CATCH_UP;
      if (runs.stream().anyMatch(run -> isOf(run, date))) {
        watermark = tick.at();
        status.setLastScheduledDate(date.toString());
        continue;
      }
      List<PipelineRun> blocking = runs.stream().filter(run -> isActive(run) && !TRIGGER_MANUAL.equals(label(run, TRIGGER_LABEL)))
          .sorted(OLDEST_FIRST).toList();
      if (!blocking.isEmpty() && policy == ConcurrencyPolicy.FORBID) {
        outcome = new TickOutcome(tick, "the run for " + date + " (tick " + tick.at().atZone(cron.zone()) + ") waits until "
            + names(blocking) + " finished (concurrencyPolicy Forbid)", false);
        break;
      }
      if (!blocking.isEmpty() && policy == ConcurrencyPolicy.REPLACE) {
        for (PipelineRun run : blocking) {
          delete(schedule, runs, run, "replaced by the run for " + date + " (concurrencyPolicy Replace)");
        }
      }
      Created created = createTickRun(schedule, runs, date, tick, trigger, cron);
      if (created == Created.FAILED) {
        outcome = new TickOutcome(null, null, true);
        break;
      }
      watermark = tick.at();
      if (created != Created.TAKEN) {
        status.setLastScheduledDate(date.toString());
      }
    }
    if (watermark != null) {
      status.setLastScheduleTime(Times.format(watermark));
    }
    return outcome;
  }

  private enum Created { CREATED, EXISTED, TAKEN, FAILED }

  private Created createTickRun(PipelineSchedule schedule, List<PipelineRun> runs, LocalDate date, Tick tick, String trigger,
      CronSchedule cron) {
    String name = RunNames.run(schedule.getMetadata().getName(), date, 1);
    PipelineRun run = newRun(schedule, name, date, trigger, Map.of(SCHEDULED_TIME_ANNOTATION, Times.format(tick.at())));
    try {
      created(schedule, runs, runs(namespace(schedule)).resource(run).create(), trigger,
          "tick " + tick.at().atZone(cron.zone()));
      return Created.CREATED;
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        createFailed(schedule, name, date, e);
        return Created.FAILED;
      }
    }
    PipelineRun existing = runs(namespace(schedule)).withName(name).get();
    if (existing != null && ownedBy(existing, schedule)) {
      // Made by an earlier reconcile or operator that did not get to record it: the date has its run.
      LOG.info("run exists already: schedule={}/{} run={} date={}", namespace(schedule), schedule.getMetadata().getName(), name, date);
      runs.add(existing);
      return Created.EXISTED;
    }
    events.warning(schedule, EVENT_RUN_NAME_TAKEN, "no run created for " + date + ": " + name
        + " exists and does not belong to this schedule; the tick is skipped");
    return Created.TAKEN;
  }

  private void created(PipelineSchedule schedule, List<PipelineRun> runs, PipelineRun run, String trigger, String why) {
    runs.add(run);
    metrics.scheduledRun(trigger);
    String message = "created " + run.getMetadata().getName() + " for " + run.getSpec().getDate() + " (" + trigger + ", " + why + ")";
    LOG.info("schedule={}/{} {}", namespace(schedule), schedule.getMetadata().getName(), message);
    events.normal(schedule, EVENT_RUN_CREATED, message);
  }

  private void createFailed(PipelineSchedule schedule, String name, LocalDate date, KubernetesClientException e) {
    LOG.warn("run not created: schedule={}/{} run={} code={} error={}", namespace(schedule), schedule.getMetadata().getName(), name,
        e.getCode(), e.getMessage());
    events.warning(schedule, EVENT_RUN_CREATE_FAILED, "run " + name + " for " + date + " not created (HTTP " + e.getCode() + "): "
        + e.getMessage() + "; retrying");
  }

  private void skipped(PipelineSchedule schedule, List<Tick> ticks, String why) {
    int offset = schedule.getSpec().effectiveDateOffsetDays();
    LocalDate first = ticks.get(0).localDate().minusDays(offset);
    LocalDate last = ticks.get(ticks.size() - 1).localDate().minusDays(offset);
    String dates = ticks.size() == 1 ? "date " + first : ticks.size() + " dates " + first + " to " + last;
    events.warning(schedule, EVENT_RUNS_SKIPPED, "no run for " + dates + ": " + why);
  }

  // --- history ------------------------------------------------------------------------------

  private void pruneHistory(PipelineSchedule schedule, List<PipelineRun> runs) {
    PipelineScheduleSpec spec = schedule.getSpec();
    prune(schedule, runs, RunPhase.SUCCEEDED, spec.effectiveSuccessfulRunsHistoryLimit(), "successfulRunsHistoryLimit");
    prune(schedule, runs, RunPhase.FAILED, spec.effectiveFailedRunsHistoryLimit(), "failedRunsHistoryLimit");
  }

  private void prune(PipelineSchedule schedule, List<PipelineRun> runs, RunPhase phase, int limit, String field) {
    List<PipelineRun> finished = runs.stream()
        .filter(run -> phase(run) == phase && run.getMetadata().getDeletionTimestamp() == null)
        .sorted(OLDEST_FIRST).toList();
    for (PipelineRun run : finished.subList(0, Math.max(0, finished.size() - limit))) {
      delete(schedule, runs, run, phase.label() + ", beyond " + field + "=" + limit);
    }
  }

  private void delete(PipelineSchedule schedule, List<PipelineRun> runs, PipelineRun run, String why) {
    runs(namespace(schedule)).withName(run.getMetadata().getName())
        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    runs.remove(run);
    String message = "deleted " + run.getMetadata().getName() + " (date " + (run.getSpec() == null ? "?" : run.getSpec().getDate())
        + "): " + why;
    LOG.info("schedule={}/{} {}", namespace(schedule), schedule.getMetadata().getName(), message);
    events.normal(schedule, EVENT_RUN_DELETED, message);
  }

  // --- status -------------------------------------------------------------------------------

  private void summarize(PipelineSchedule schedule, List<PipelineRun> runs, PipelineScheduleStatus status) {
    List<String> active = runs.stream().filter(ScheduleReconciliation::isActive).map(run -> run.getMetadata().getName()).sorted().toList();
    status.setActive(new ArrayList<>(active));
    status.setActiveCount(active.size());
    runs.stream().filter(run -> phase(run) == RunPhase.SUCCEEDED && run.getSpec() != null && run.getSpec().getDate() != null)
        .map(run -> run.getSpec().getDate())
        .filter(date -> status.getLastSuccessfulDate() == null || date.compareTo(status.getLastSuccessfulDate()) > 0)
        .max(Comparator.naturalOrder())
        .ifPresent(status::setLastSuccessfulDate);
    status.setObservedGeneration(schedule.getMetadata().getGeneration());
  }

  /** Writes the status when it changed; false when it could not (a conflict at every attempt: retry soon). */
  private boolean writeStatus(PipelineSchedule read, PipelineScheduleStatus status) {
    if (json(read.getStatus()).equals(json(status))) {
      return true;
    }
    PipelineSchedule target = read;
    for (int attempt = 1; target != null; attempt++) {
      target.setStatus(status);
      try {
        schedules(namespace(read)).resource(target).updateStatus();
        return true;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        if (attempt == STATUS_ATTEMPTS) {
          LOG.info("status not written (conflict), retrying: schedule={}/{}", namespace(read), read.getMetadata().getName());
          return false;
        }
      }
      // Somebody changed the schedule since it was read (an annotation, the spec): what was observed still holds.
      target = schedules(namespace(read)).withName(read.getMetadata().getName()).get();
    }
    return true; // deleted meanwhile
  }

  private void notWaiting(PipelineScheduleStatus status, long generation, Instant now) {
    condition(status, WAITING, false, REASON_NOT_WAITING, "no tick waits for an active run", generation, now);
  }

  /** Sets a condition; whether its status, reason or message changed, so that an Event is due. */
  private static boolean condition(PipelineScheduleStatus status, String type, boolean value, String reason, String message,
      long generation, Instant now) {
    String before = Conditions.find(status.getConditions(), type)
        .map(c -> c.getStatus() + "|" + c.getReason() + "|" + c.getMessage()).orElse(null);
    String state = value ? Conditions.TRUE : Conditions.FALSE;
    Conditions.set(status.getConditions(), type, state, reason, message, generation, now);
    return !(state + "|" + reason + "|" + message).equals(before);
  }

  // --- runs ---------------------------------------------------------------------------------

  private PipelineRun newRun(PipelineSchedule schedule, String name, LocalDate date, String trigger, Map<String, String> annotations) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(namespace(schedule))
        .addToLabels(SCHEDULE_LABEL, RunNames.scheduleLabel(schedule.getMetadata().getName()))
        .addToLabels(TRIGGER_LABEL, trigger)
        .addToAnnotations(annotations)
        .withOwnerReferences(ownerReference(schedule))
        .build());
    run.setSpec(schedule.getSpec().effectiveRunTemplate().withDate(date.toString()));
    run.setStatus(null); // the run reconciler writes it, through the status subresource
    return run;
  }

  private static OwnerReference ownerReference(PipelineSchedule schedule) {
    return new OwnerReferenceBuilder()
        .withApiVersion(HasMetadata.getApiVersion(PipelineSchedule.class))
        .withKind(HasMetadata.getKind(PipelineSchedule.class))
        .withName(schedule.getMetadata().getName())
        .withUid(schedule.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  private List<PipelineRun> ownedRuns(PipelineSchedule schedule) {
    return runs(namespace(schedule))
        .withLabel(SCHEDULE_LABEL, RunNames.scheduleLabel(schedule.getMetadata().getName()))
        .list().getItems().stream()
        .filter(run -> ownedBy(run, schedule))
        .collect(Collectors.toCollection(ArrayList::new));
  }

  static boolean ownedBy(PipelineRun run, PipelineSchedule schedule) {
    List<OwnerReference> owners = run.getMetadata().getOwnerReferences();
    return owners != null && owners.stream().anyMatch(owner -> Objects.equals(owner.getUid(), schedule.getMetadata().getUid()));
  }

  /** Not finished: Pending, Running, or no phase yet; a run being deleted is gone already. */
  static boolean isActive(PipelineRun run) {
    RunPhase phase = phase(run);
    return run.getMetadata().getDeletionTimestamp() == null && (phase == null || !phase.finished());
  }

  private static RunPhase phase(PipelineRun run) {
    return run.getStatus() == null ? null : run.getStatus().getPhase();
  }

  private static boolean isOf(PipelineRun run, LocalDate date) {
    return run.getSpec() != null && date.toString().equals(run.getSpec().getDate());
  }

  private static String label(HasMetadata object, String key) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }

  private static String annotation(HasMetadata object, String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  private static String names(List<PipelineRun> runs) {
    return runs.stream().map(run -> run.getMetadata().getName()).collect(Collectors.joining(", "));
  }

  private static long generation(PipelineSchedule schedule) {
    return Objects.requireNonNullElse(schedule.getMetadata().getGeneration(), 0L);
  }

  private static String namespace(HasMetadata object) {
    return object.getMetadata().getNamespace();
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private String json(Object value) {
    return client.getKubernetesSerialization().asJson(value);
  }

  private NonNamespaceOperation<PipelineSchedule, KubernetesResourceList<PipelineSchedule>, Resource<PipelineSchedule>> schedules(
      String namespace) {
    return client.resources(PipelineSchedule.class).inNamespace(namespace);
  }

  private NonNamespaceOperation<PipelineRun, KubernetesResourceList<PipelineRun>, Resource<PipelineRun>> runs(String namespace) {
    return client.resources(PipelineRun.class).inNamespace(namespace);
  }
}
