package dev.pinpipe.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** The Spark driver's resources; unset fields take the operator's defaults. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SparkPodSettings {

  /** Spark's memory strings: a number with an optional unit, as {@code spark.driver.memory} takes them. */
  public static final String MEMORY_PATTERN = "^[1-9][0-9]*([kKmMgGtT][bB]?)?$";

  @Min(1)
  @Max(256)
  @JsonPropertyDescription("CPU cores (a whole number, as the spark-operator wants).")
  private Integer cores;

  @Pattern(MEMORY_PATTERN)
  @JsonPropertyDescription("Heap memory in Spark's notation, e.g. 2g, 512m or 4gb.")
  private String memory;

  public Integer getCores() {
    return cores;
  }

  public void setCores(Integer cores) {
    this.cores = cores;
  }

  public String getMemory() {
    return memory;
  }

  public void setMemory(String memory) {
    this.memory = memory;
  }

  void copyInto(SparkPodSettings copy) {
    copy.cores = cores;
    copy.memory = memory;
  }

  SparkPodSettings copy() {
    SparkPodSettings copy = new SparkPodSettings();
    copyInto(copy);
    return copy;
  }
}
