package dev.pinpipe.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.LinkedHashMap;
import java.util.Map;

/** A run's Spark settings over the operator's defaults. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SparkOverrides {

  @JsonPropertyDescription("The driver's cores and memory.")
  private SparkPodSettings driver;

  @JsonPropertyDescription("The executors' cores, memory and count.")
  private SparkExecutorSettings executor;

  @JsonPropertyDescription("Extra Spark configuration (spark.* keys), added to the operator's; credentials do not belong here.")
  private Map<String, String> sparkConf;

  public SparkPodSettings getDriver() {
    return driver;
  }

  public void setDriver(SparkPodSettings driver) {
    this.driver = driver;
  }

  public SparkExecutorSettings getExecutor() {
    return executor;
  }

  public void setExecutor(SparkExecutorSettings executor) {
    this.executor = executor;
  }

  public Map<String, String> getSparkConf() {
    return sparkConf;
  }

  public void setSparkConf(Map<String, String> sparkConf) {
    this.sparkConf = sparkConf;
  }

  SparkOverrides copy() {
    SparkOverrides copy = new SparkOverrides();
    copy.driver = driver == null ? null : driver.copy();
    copy.executor = executor == null ? null : executor.copy();
    copy.sparkConf = sparkConf == null ? null : new LinkedHashMap<>(sparkConf);
    return copy;
  }
}
