package dev.pinpipe.operator.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A PipelineSchedule's spec. Unset fields take the defaults below, through the {@code effective} accessors. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PipelineScheduleSpec {

  public static final String DEFAULT_TIME_ZONE = "UTC";
  public static final int DEFAULT_DATE_OFFSET_DAYS = 1;
  public static final int DEFAULT_MAX_CATCH_UP = 7;
  public static final int DEFAULT_HISTORY_LIMIT = 3;

  @Required
  @Size(min = 1)
  @JsonPropertyDescription("When runs start: a 5-field cron expression (minute hour day-of-month month day-of-week) or @daily, @hourly, @weekly, @monthly, @yearly.")
  private String schedule;

  @Default("UTC")
  @JsonPropertyDescription("The IANA time zone the schedule is read in, e.g. Europe/Berlin (default UTC).")
  private String timeZone;

  @Min(0)
  @Max(366)
  @JsonPropertyDescription("A tick runs for its local date minus this many days (default 1: yesterday, the last complete day).")
  private Integer dateOffsetDays;

  @JsonPropertyDescription("The spec of the runs it creates, without date.")
  private RunSettings runTemplate;

  @Default("Forbid")
  @JsonPropertyDescription("At a tick while a run of this schedule is active: Allow (run both), Forbid (wait, the default) or Replace (delete the active run).")
  private ConcurrencyPolicy concurrencyPolicy;

  @Default("false")
  @JsonPropertyDescription("No runs are created while true; ticks missed meanwhile are caught up when it is set back (within maxCatchUp).")
  private Boolean suspend;

  @Min(0)
  @JsonPropertyDescription("A tick later than this many seconds is skipped instead of run (unset: any delay is caught up, within maxCatchUp).")
  private Long startingDeadlineSeconds;

  @Min(0)
  @Max(366)
  @JsonPropertyDescription("Most runs created for missed ticks, the newest kept, run oldest first (default 7).")
  private Integer maxCatchUp;

  @Min(0)
  @Max(1000)
  @JsonPropertyDescription("Succeeded runs kept (default 3); older ones are deleted.")
  private Integer successfulRunsHistoryLimit;

  @Min(0)
  @Max(1000)
  @JsonPropertyDescription("Failed runs kept (default 3); older ones are deleted.")
  private Integer failedRunsHistoryLimit;

  public String getSchedule() {
    return schedule;
  }

  public void setSchedule(String schedule) {
    this.schedule = schedule;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  public Integer getDateOffsetDays() {
    return dateOffsetDays;
  }

  public void setDateOffsetDays(Integer dateOffsetDays) {
    this.dateOffsetDays = dateOffsetDays;
  }

  public RunSettings getRunTemplate() {
    return runTemplate;
  }

  public void setRunTemplate(RunSettings runTemplate) {
    this.runTemplate = runTemplate;
  }

  public ConcurrencyPolicy getConcurrencyPolicy() {
    return concurrencyPolicy;
  }

  public void setConcurrencyPolicy(ConcurrencyPolicy concurrencyPolicy) {
    this.concurrencyPolicy = concurrencyPolicy;
  }

  public Boolean getSuspend() {
    return suspend;
  }

  public void setSuspend(Boolean suspend) {
    this.suspend = suspend;
  }

  public Long getStartingDeadlineSeconds() {
    return startingDeadlineSeconds;
  }

  public void setStartingDeadlineSeconds(Long startingDeadlineSeconds) {
    this.startingDeadlineSeconds = startingDeadlineSeconds;
  }

  public Integer getMaxCatchUp() {
    return maxCatchUp;
  }

  public void setMaxCatchUp(Integer maxCatchUp) {
    this.maxCatchUp = maxCatchUp;
  }

  public Integer getSuccessfulRunsHistoryLimit() {
    return successfulRunsHistoryLimit;
  }

  public void setSuccessfulRunsHistoryLimit(Integer successfulRunsHistoryLimit) {
    this.successfulRunsHistoryLimit = successfulRunsHistoryLimit;
  }

  public Integer getFailedRunsHistoryLimit() {
    return failedRunsHistoryLimit;
  }

  public void setFailedRunsHistoryLimit(Integer failedRunsHistoryLimit) {
    this.failedRunsHistoryLimit = failedRunsHistoryLimit;
  }

  @JsonIgnore
  public String effectiveTimeZone() {
    return timeZone == null || timeZone.isBlank() ? DEFAULT_TIME_ZONE : timeZone;
  }

  @JsonIgnore
  public int effectiveDateOffsetDays() {
    return dateOffsetDays == null ? DEFAULT_DATE_OFFSET_DAYS : dateOffsetDays;
  }

  @JsonIgnore
  public RunSettings effectiveRunTemplate() {
    return runTemplate == null ? new RunSettings() : runTemplate;
  }

  @JsonIgnore
  public ConcurrencyPolicy effectiveConcurrencyPolicy() {
    return concurrencyPolicy == null ? ConcurrencyPolicy.FORBID : concurrencyPolicy;
  }

  @JsonIgnore
  public boolean suspended() {
    return Boolean.TRUE.equals(suspend);
  }

  @JsonIgnore
  public int effectiveMaxCatchUp() {
    return maxCatchUp == null ? DEFAULT_MAX_CATCH_UP : maxCatchUp;
  }

  @JsonIgnore
  public int effectiveSuccessfulRunsHistoryLimit() {
    return successfulRunsHistoryLimit == null ? DEFAULT_HISTORY_LIMIT : successfulRunsHistoryLimit;
  }

  @JsonIgnore
  public int effectiveFailedRunsHistoryLimit() {
    return failedRunsHistoryLimit == null ? DEFAULT_HISTORY_LIMIT : failedRunsHistoryLimit;
  }
}
