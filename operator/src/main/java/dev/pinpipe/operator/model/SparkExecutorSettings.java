package dev.pinpipe.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** The Spark executors' resources and count; unset fields take the operator's defaults. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SparkExecutorSettings extends SparkPodSettings {

  @Min(1)
  @Max(1000)
  @JsonPropertyDescription("Number of executors.")
  private Integer instances;

  public Integer getInstances() {
    return instances;
  }

  public void setInstances(Integer instances) {
    this.instances = instances;
  }

  @Override
  SparkExecutorSettings copy() {
    SparkExecutorSettings copy = new SparkExecutorSettings();
    copyInto(copy);
    copy.instances = instances;
    return copy;
  }
}
