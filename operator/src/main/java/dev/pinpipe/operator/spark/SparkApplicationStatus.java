package dev.pinpipe.operator.spark;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Optional;

/** What the spark-operator reports; pinpipe reads only the application's state and its error message. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SparkApplicationStatus {

  private ApplicationState applicationState;
  private String terminationTime;

  public ApplicationState getApplicationState() {
    return applicationState;
  }

  public void setApplicationState(ApplicationState applicationState) {
    this.applicationState = applicationState;
  }

  public String getTerminationTime() {
    return terminationTime;
  }

  public void setTerminationTime(String terminationTime) {
    this.terminationTime = terminationTime;
  }

  /** The state ({@code SUBMITTED}, {@code RUNNING}, {@code COMPLETED}, {@code FAILED}, ...), empty before the spark-operator saw the application. */
  @JsonIgnore
  public Optional<String> state() {
    return Optional.ofNullable(applicationState).map(ApplicationState::getState).filter(state -> !state.isEmpty());
  }

  @JsonIgnore
  public Optional<String> errorMessage() {
    return Optional.ofNullable(applicationState).map(ApplicationState::getErrorMessage).filter(message -> !message.isBlank());
  }

  /** {@code status.applicationState}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ApplicationState {

    private String state;
    private String errorMessage;

    public ApplicationState() {
    }

    public ApplicationState(String state, String errorMessage) {
      this.state = state;
      this.errorMessage = errorMessage;
    }

    public String getState() {
      return state;
    }

    public void setState(String state) {
      this.state = state;
    }

    public String getErrorMessage() {
      return errorMessage;
    }

    public void setErrorMessage(String errorMessage) {
      this.errorMessage = errorMessage;
    }
  }
}
