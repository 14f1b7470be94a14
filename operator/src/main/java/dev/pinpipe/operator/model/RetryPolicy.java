package dev.pinpipe.operator.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

import java.time.Duration;

/** Attempts per stage: the original DAG's 2 retries 2 minutes apart are the defaults (3 attempts, 120 s). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetryPolicy {

  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  public static final long DEFAULT_BACKOFF_SECONDS = 120;

  @Min(1)
  @Max(100)
  @JsonPropertyDescription("Attempts per stage, the first included (default 3).")
  private Integer maxAttempts;

  @Min(0)
  @JsonPropertyDescription("Seconds between a failed attempt and the next (default 120).")
  private Long backoffSeconds;

  public Integer getMaxAttempts() {
    return maxAttempts;
  }

  public void setMaxAttempts(Integer maxAttempts) {
    this.maxAttempts = maxAttempts;
  }

  public Long getBackoffSeconds() {
    return backoffSeconds;
  }

  public void setBackoffSeconds(Long backoffSeconds) {
    this.backoffSeconds = backoffSeconds;
  }

  @JsonIgnore
  public int effectiveMaxAttempts() {
    return maxAttempts == null ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
  }

  @JsonIgnore
  public Duration effectiveBackoff() {
    return Duration.ofSeconds(backoffSeconds == null ? DEFAULT_BACKOFF_SECONDS : backoffSeconds);
  }

  RetryPolicy copy() {
    RetryPolicy copy = new RetryPolicy();
    copy.maxAttempts = maxAttempts;
    copy.backoffSeconds = backoffSeconds;
    return copy;
  }
}
