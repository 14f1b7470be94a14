package dev.pinpipe.operator.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.pinpipe.contracts.RawLayout;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.List;

/**
 * How a run runs, apart from its date: a PipelineRun's spec without {@code date}, and a
 * PipelineSchedule's {@code runTemplate}. Unset fields take the defaults below (the API server
 * applies none: the operator reads them through the {@code effective} accessors).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunSettings {

  public static final List<RunStage> DEFAULT_STAGES = List.of(RunStage.CLEAN, RunStage.REPORTS);

  @Size(min = 1, max = 2)
  @ValidationRule(value = "self.size() < 2 || (self[0] == 'clean' && self[1] == 'reports')",
      message = "stages run in the order clean, reports, each at most once")
  @JsonPropertyDescription("The stages to run, in order (default [clean, reports]).")
  private List<RunStage> stages;

  @JsonPropertyDescription("How the S3 sink partitioned the raw objects: daily (default) or default.")
  private Layout layout;

  @JsonPropertyDescription("Clean a day whose _COMPLETE markers are not all written yet (default false).")
  private Boolean allowIncomplete;

  @JsonPropertyDescription("Attempts per stage and the pause between them.")
  private RetryPolicy retry;

  @Min(1)
  @JsonPropertyDescription("Seconds the whole run may take; past it the running application is deleted and the run fails with reason DeadlineExceeded.")
  private Long activeDeadlineSeconds;

  @Min(0)
  @JsonPropertyDescription("Seconds after the run finished when it is deleted, with its SparkApplications (kept when unset).")
  private Long ttlSecondsAfterFinished;

  @JsonPropertyDescription("Spark resources and configuration for this run, over the operator's defaults.")
  private SparkOverrides spark;

  public List<RunStage> getStages() {
    return stages;
  }

  public void setStages(List<RunStage> stages) {
    this.stages = stages;
  }

  public Layout getLayout() {
    return layout;
  }

  public void setLayout(Layout layout) {
    this.layout = layout;
  }

  public Boolean getAllowIncomplete() {
    return allowIncomplete;
  }

  public void setAllowIncomplete(Boolean allowIncomplete) {
    this.allowIncomplete = allowIncomplete;
  }

  public RetryPolicy getRetry() {
    return retry;
  }

  public void setRetry(RetryPolicy retry) {
    this.retry = retry;
  }

  public Long getActiveDeadlineSeconds() {
    return activeDeadlineSeconds;
  }

  public void setActiveDeadlineSeconds(Long activeDeadlineSeconds) {
    this.activeDeadlineSeconds = activeDeadlineSeconds;
  }

  public Long getTtlSecondsAfterFinished() {
    return ttlSecondsAfterFinished;
  }

  public void setTtlSecondsAfterFinished(Long ttlSecondsAfterFinished) {
    this.ttlSecondsAfterFinished = ttlSecondsAfterFinished;
  }

  public SparkOverrides getSpark() {
    return spark;
  }

  public void setSpark(SparkOverrides spark) {
    this.spark = spark;
  }

  @JsonIgnore
  public List<RunStage> effectiveStages() {
    return stages == null || stages.isEmpty() ? DEFAULT_STAGES : stages;
  }

  @JsonIgnore
  public RawLayout effectiveLayout() {
    return layout == null ? RawLayout.DAILY : layout.rawLayout();
  }

  @JsonIgnore
  public boolean effectiveAllowIncomplete() {
    return Boolean.TRUE.equals(allowIncomplete);
  }

  @JsonIgnore
  public RetryPolicy effectiveRetry() {
    return retry == null ? new RetryPolicy() : retry;
  }

  @JsonIgnore
  public SparkOverrides effectiveSpark() {
    return spark == null ? new SparkOverrides() : spark;
  }

  /** These settings (copied, not shared) with {@code date}: the spec of a run a schedule creates. */
  public PipelineRunSpec withDate(String date) {
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setDate(date);
    spec.setStages(stages == null ? null : List.copyOf(stages));
    spec.setLayout(layout);
    spec.setAllowIncomplete(allowIncomplete);
    spec.setRetry(retry == null ? null : retry.copy());
    spec.setActiveDeadlineSeconds(activeDeadlineSeconds);
    spec.setTtlSecondsAfterFinished(ttlSecondsAfterFinished);
    spec.setSpark(spark == null ? null : spark.copy());
    return spec;
  }
}
