package dev.pinpipe.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.ArrayList;
import java.util.List;

/** What the operator reports about a run (the status subresource). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PipelineRunStatus {

  @JsonPropertyDescription("Pending, Running, Succeeded or Failed.")
  private RunPhase phase;

  @JsonPropertyDescription("The stage running now, or the last one that ran.")
  private String stage;

  @JsonPropertyDescription("Attempts of the current stage.")
  private Integer attempts;

  @JsonPropertyDescription("One entry per stage, in order.")
  private List<StageStatus> stages = new ArrayList<>();

  private String startTime;
  private String completionTime;

  @JsonPropertyDescription("Why the run is where it is, in one line.")
  private String message;

  @JsonPropertyDescription("Running and Succeeded, as Kubernetes conditions.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The spec generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("What the job reported (runs/dt=D/summary.json), once it is readable.")
  private RunSummaryStatus summary;

  public RunPhase getPhase() {
    return phase;
  }

  public void setPhase(RunPhase phase) {
    this.phase = phase;
  }

  public String getStage() {
    return stage;
  }

  public void setStage(String stage) {
    this.stage = stage;
  }

  public Integer getAttempts() {
    return attempts;
  }

  public void setAttempts(Integer attempts) {
    this.attempts = attempts;
  }

  public List<StageStatus> getStages() {
    return stages;
  }

  public void setStages(List<StageStatus> stages) {
    this.stages = stages;
  }

  public String getStartTime() {
    return startTime;
  }

  public void setStartTime(String startTime) {
    this.startTime = startTime;
  }

  public String getCompletionTime() {
    return completionTime;
  }

  public void setCompletionTime(String completionTime) {
    this.completionTime = completionTime;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
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

  public RunSummaryStatus getSummary() {
    return summary;
  }

  public void setSummary(RunSummaryStatus summary) {
    this.summary = summary;
  }
}
