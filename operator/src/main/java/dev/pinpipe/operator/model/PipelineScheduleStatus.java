package dev.pinpipe.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.ArrayList;
import java.util.List;

/** What the operator reports about a schedule (the status subresource). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PipelineScheduleStatus {

  @JsonPropertyDescription("The newest tick dealt with (its run created or found, or the tick skipped); catch-up starts after it.")
  private String lastScheduleTime;

  @JsonPropertyDescription("The next tick.")
  private String nextScheduleTime;

  @JsonPropertyDescription("The date of the run of the newest tick.")
  private String lastScheduledDate;

  @JsonPropertyDescription("The date of the newest run that succeeded.")
  private String lastSuccessfulDate;

  @JsonPropertyDescription("Names of this schedule's runs that have not finished.")
  private List<String> active = new ArrayList<>();

  @JsonPropertyDescription("How many runs are active.")
  private Integer activeCount;

  @JsonPropertyDescription("Ready: whether the schedule and time zone parse and ticks are being created.")
  private List<Condition> conditions = new ArrayList<>();

  private Long observedGeneration;

  public String getLastScheduleTime() {
    return lastScheduleTime;
  }

  public void setLastScheduleTime(String lastScheduleTime) {
    this.lastScheduleTime = lastScheduleTime;
  }

  public String getNextScheduleTime() {
    return nextScheduleTime;
  }

  public void setNextScheduleTime(String nextScheduleTime) {
    this.nextScheduleTime = nextScheduleTime;
  }

  public String getLastScheduledDate() {
    return lastScheduledDate;
  }

  public void setLastScheduledDate(String lastScheduledDate) {
    this.lastScheduledDate = lastScheduledDate;
  }

  public String getLastSuccessfulDate() {
    return lastSuccessfulDate;
  }

  public void setLastSuccessfulDate(String lastSuccessfulDate) {
    this.lastSuccessfulDate = lastSuccessfulDate;
  }

  public List<String> getActive() {
    return active;
  }

  public void setActive(List<String> active) {
    this.active = active;
  }

  public Integer getActiveCount() {
    return activeCount;
  }

  public void setActiveCount(Integer activeCount) {
    this.activeCount = activeCount;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }
}
