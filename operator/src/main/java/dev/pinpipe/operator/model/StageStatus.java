package dev.pinpipe.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One stage of a run as the operator last saw it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StageStatus {

  @JsonPropertyDescription("The stage: clean or reports.")
  private String name;

  @JsonPropertyDescription("The SparkApplication of the latest attempt, <run>-<stage>-<attempt>.")
  private String application;

  @JsonPropertyDescription("Pending, Running, Retrying, Succeeded or Failed.")
  private StageState state;

  @JsonPropertyDescription("The latest attempt's SparkApplication state (status.applicationState.state).")
  private String applicationState;

  @JsonPropertyDescription("Attempts made so far.")
  private Integer attempts;

  private String startTime;
  private String completionTime;

  @JsonPropertyDescription("When the next attempt is submitted, while Retrying.")
  private String nextAttemptTime;

  @JsonPropertyDescription("The driver's error message of the latest failed attempt, or what the stage waits for.")
  private String message;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getApplication() {
    return application;
  }

  public void setApplication(String application) {
    this.application = application;
  }

  public StageState getState() {
    return state;
  }

  public void setState(StageState state) {
    this.state = state;
  }

  public String getApplicationState() {
    return applicationState;
  }

  public void setApplicationState(String applicationState) {
    this.applicationState = applicationState;
  }

  public Integer getAttempts() {
    return attempts;
  }

  public void setAttempts(Integer attempts) {
    this.attempts = attempts;
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

  public String getNextAttemptTime() {
    return nextAttemptTime;
  }

  public void setNextAttemptTime(String nextAttemptTime) {
    this.nextAttemptTime = nextAttemptTime;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }
}
