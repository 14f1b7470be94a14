package dev.pinpipe.operator.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where one stage is: waiting its turn, running an attempt, waiting out the backoff before the next, or done. */
public enum StageState {
  @JsonProperty("Pending")
  PENDING,
  @JsonProperty("Running")
  RUNNING,
  @JsonProperty("Retrying")
  RETRYING,
  @JsonProperty("Succeeded")
  SUCCEEDED,
  @JsonProperty("Failed")
  FAILED
}
