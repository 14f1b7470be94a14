package dev.pinpipe.operator.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pinpipe.contracts.DailyJobOptions;

import java.util.Locale;

/** A stage of a run, as the daily job's {@code --stage} names it. */
public enum RunStage {
  @JsonProperty("clean")
  CLEAN(DailyJobOptions.Stage.CLEAN),
  @JsonProperty("reports")
  REPORTS(DailyJobOptions.Stage.REPORTS);

  private final DailyJobOptions.Stage jobStage;

  RunStage(DailyJobOptions.Stage jobStage) {
    this.jobStage = jobStage;
  }

  public DailyJobOptions.Stage jobStage() {
    return jobStage;
  }

  /** {@code clean} or {@code reports}: in status, labels and SparkApplication names. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
