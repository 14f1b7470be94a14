package dev.pinpipe.operator.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a run is: Pending (nothing submitted yet), Running, then Succeeded or Failed for good. */
public enum RunPhase {
  @JsonProperty("Pending")
  PENDING,
  @JsonProperty("Running")
  RUNNING,
  @JsonProperty("Succeeded")
  SUCCEEDED,
  @JsonProperty("Failed")
  FAILED;

  public boolean finished() {
    return this == SUCCEEDED || this == FAILED;
  }

  /** As in the resource: {@code Pending}, {@code Running}, ... */
  public String label() {
    return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
  }
}
