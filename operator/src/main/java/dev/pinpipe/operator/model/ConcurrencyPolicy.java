package dev.pinpipe.operator.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a schedule does at a tick while an earlier run of it is still active. */
public enum ConcurrencyPolicy {
  /** Start the new run alongside. */
  @JsonProperty("Allow")
  ALLOW,
  /** Wait: the tick's run is created once no run of the schedule is active (the default). */
  @JsonProperty("Forbid")
  FORBID,
  /** Delete the active runs, then start the new one. */
  @JsonProperty("Replace")
  REPLACE
}
