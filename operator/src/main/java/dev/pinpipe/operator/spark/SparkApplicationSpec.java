package dev.pinpipe.operator.spark;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.EnvVar;

import java.util.List;
import java.util.Map;

/**
 * The SparkApplication's spec ({@code sparkoperator.k8s.io/v1beta2}), the fields pinpipe writes.
 * Names, types and enum values are the spark-operator 2.x CRD's ({@code SparkApplicationShapeTest}
 * checks them against the CRD of v2.5.2); fields the spark-operator adds when it reads an
 * application back are ignored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class SparkApplicationSpec {

  private Type type;
  private Mode mode;
  private String image;
  private String imagePullPolicy;
  private String mainClass;
  private String mainApplicationFile;
  private List<String> arguments;
  private String sparkVersion;
  private Map<String, String> sparkConf;
  private Map<String, String> hadoopConf;
  private RestartPolicy restartPolicy;
  private Driver driver;
  private Executor executor;

  /** {@code spec.type}: the application's language. */
  public enum Type {
    @JsonProperty("Java")
    JAVA,
    @JsonProperty("Python")
    PYTHON,
    @JsonProperty("Scala")
    SCALA,
    @JsonProperty("R")
    R
  }

  /** {@code spec.mode}: where the driver runs. */
  public enum Mode {
    @JsonProperty("cluster")
    CLUSTER,
    @JsonProperty("client")
    CLIENT
  }

  /** {@code spec.restartPolicy.type}. */
  public enum RestartPolicyType {
    @JsonProperty("Never")
    NEVER,
    @JsonProperty("Always")
    ALWAYS,
    @JsonProperty("OnFailure")
    ON_FAILURE
  }

  /** {@code spec.restartPolicy}; pinpipe writes {@code Never} only: retries are the operator's. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class RestartPolicy {

    private RestartPolicyType type;

    public RestartPolicy() {
    }

    public RestartPolicy(RestartPolicyType type) {
      this.type = type;
    }

    public RestartPolicyType getType() {
      return type;
    }

    public void setType(RestartPolicyType type) {
      this.type = type;
    }
  }

  /** What the driver and the executors have in common (the CRD's {@code SparkPodSpec}). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class Pod {

    private Integer cores;
    private String memory;
    private Map<String, String> labels;
    private List<EnvVar> env;

    public Integer getCores() {
      return cores;
    }

    public void setCores(Integer cores) {
      this.cores = cores;
    }

    /** JVM heap, in Spark's notation ({@code 2g}, {@code 512m}). */
    public String getMemory() {
      return memory;
    }

    public void setMemory(String memory) {
      this.memory = memory;
    }

    public Map<String, String> getLabels() {
      return labels;
    }

    public void setLabels(Map<String, String> labels) {
      this.labels = labels;
    }

    public List<EnvVar> getEnv() {
      return env;
    }

    public void setEnv(List<EnvVar> env) {
      this.env = env;
    }
  }

  /** {@code spec.driver}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class Driver extends Pod {

    private String coreLimit;
    private String serviceAccount;

    /** The driver container's CPU limit, a Kubernetes quantity ({@code 1}, {@code 1200m}). */
    public String getCoreLimit() {
      return coreLimit;
    }

    public void setCoreLimit(String coreLimit) {
      this.coreLimit = coreLimit;
    }

    public String getServiceAccount() {
      return serviceAccount;
    }

    public void setServiceAccount(String serviceAccount) {
      this.serviceAccount = serviceAccount;
    }
  }

  /** {@code spec.executor}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class Executor extends Pod {

    private Integer instances;

    public Integer getInstances() {
      return instances;
    }

    public void setInstances(Integer instances) {
      this.instances = instances;
    }
  }

  public Type getType() {
    return type;
  }

  public void setType(Type type) {
    this.type = type;
  }

  public Mode getMode() {
    return mode;
  }

  public void setMode(Mode mode) {
    this.mode = mode;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  /** {@code Always}, {@code IfNotPresent} or {@code Never} (a plain string in the CRD). */
  public String getImagePullPolicy() {
    return imagePullPolicy;
  }

  public void setImagePullPolicy(String imagePullPolicy) {
    this.imagePullPolicy = imagePullPolicy;
  }

  public String getMainClass() {
    return mainClass;
  }

  public void setMainClass(String mainClass) {
    this.mainClass = mainClass;
  }

  /** The job jar as spark-submit takes it: {@code local:///...} for a jar in the image. */
  public String getMainApplicationFile() {
    return mainApplicationFile;
  }

  public void setMainApplicationFile(String mainApplicationFile) {
    this.mainApplicationFile = mainApplicationFile;
  }

  public List<String> getArguments() {
    return arguments;
  }

  public void setArguments(List<String> arguments) {
    this.arguments = arguments;
  }

  public String getSparkVersion() {
    return sparkVersion;
  }

  public void setSparkVersion(String sparkVersion) {
    this.sparkVersion = sparkVersion;
  }

  public Map<String, String> getSparkConf() {
    return sparkConf;
  }

  public void setSparkConf(Map<String, String> sparkConf) {
    this.sparkConf = sparkConf;
  }

  /** Hadoop properties without their {@code spark.hadoop.} prefix (the spark-operator adds it). */
  public Map<String, String> getHadoopConf() {
    return hadoopConf;
  }

  public void setHadoopConf(Map<String, String> hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  public RestartPolicy getRestartPolicy() {
    return restartPolicy;
  }

  public void setRestartPolicy(RestartPolicy restartPolicy) {
    this.restartPolicy = restartPolicy;
  }

  public Driver getDriver() {
    return driver;
  }

  public void setDriver(Driver driver) {
    this.driver = driver;
  }

  public Executor getExecutor() {
    return executor;
  }

  public void setExecutor(Executor executor) {
    this.executor = executor;
  }
}
