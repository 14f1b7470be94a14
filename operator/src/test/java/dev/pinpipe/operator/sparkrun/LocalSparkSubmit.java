package dev.pinpipe.operator.sparkrun;

import dev.pinpipe.contracts.SparkJvmOptions;
import dev.pinpipe.operator.spark.SparkApplication;
import dev.pinpipe.operator.spark.SparkApplicationSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Plays the spark-operator's part for one SparkApplication, on this machine: what its
 * spark-submit would run, with Spark in local mode instead of driver and executor pods. The
 * application's main class and arguments, its sparkConf and hadoopConf (as {@code spark.*} and
 * {@code spark.hadoop.*} system properties, which Spark reads as its configuration), the driver's
 * environment with Secret references resolved from the API, and the jar its
 * {@code mainApplicationFile} names, from this build instead of from the image.
 */
public final class LocalSparkSubmit {

  /** The outcome as the spark-operator would report it in {@code status.applicationState}. */
  public record Outcome(String state, String errorMessage, Path log) {
  }

  private final KubernetesClient client;
  private final Path jobJar;
  private final Path sparkLib;
  private final Path logDir;

  /** @param jobJar the built job jar, which the image holds at the application's {@code mainApplicationFile} */
  public LocalSparkSubmit(KubernetesClient client, Path jobJar, Path sparkLib, Path logDir) {
    this.client = client;
    this.jobJar = jobJar;
    this.sparkLib = sparkLib;
    this.logDir = logDir;
  }

  public Outcome run(SparkApplication application) throws IOException, InterruptedException {
    SparkApplicationSpec spec = application.getSpec();
    String jarName = spec.getMainApplicationFile().substring(spec.getMainApplicationFile().lastIndexOf('/') + 1);
    if (!spec.getMainApplicationFile().startsWith("local:///") || !jarName.equals(jobJar.getFileName().toString())) {
      return new Outcome("SUBMISSION_FAILED", "mainApplicationFile " + spec.getMainApplicationFile() + " is not the job jar in the image", null);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(SparkJvmOptions.JAVA_17);
    command.add("-Xmx" + spec.getDriver().getMemory());
    // A test's driver lives a minute on a dozen records: the quick compiler alone starts it sooner.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Dspark.master=local[2]");
    command.add("-Dspark.app.name=" + application.getMetadata().getName());
    command.add("-Dspark.ui.enabled=false");
    if (spec.getSparkConf() != null) {
      spec.getSparkConf().forEach((key, value) -> command.add("-D" + key + "=" + value));
    }
    if (spec.getHadoopConf() != null) {
      spec.getHadoopConf().forEach((key, value) -> command.add("-Dspark.hadoop." + key + "=" + value));
    }
    command.add("-cp");
    command.add(jobJar + File.pathSeparator + sparkLib.resolve("*"));
    command.add(spec.getMainClass());
    command.addAll(spec.getArguments());

    Path log = logDir.resolve(application.getMetadata().getName() + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("AWS_"));
    for (EnvVar variable : spec.getDriver().getEnv() == null ? List.<EnvVar>of() : spec.getDriver().getEnv()) {
      environment.put(variable.getName(), value(application.getMetadata().getNamespace(), variable));
    }
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      return new Outcome("FAILED", "the driver did not finish within 10 minutes", log);
    }
    if (process.exitValue() == 0) {
      return new Outcome("COMPLETED", null, log);
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    String last = lines.isEmpty() ? "exit code " + process.exitValue() : lines.get(lines.size() - 1);
    return new Outcome("FAILED", last, log);
  }

  /** A variable's value, or the Secret key it references, read from the API as the kubelet would. */
  private String value(String namespace, EnvVar variable) {
    if (variable.getValueFrom() == null) {
      return variable.getValue();
    }
    SecretKeySelector selector = variable.getValueFrom().getSecretKeyRef();
    Secret secret = client.secrets().inNamespace(namespace).withName(selector.getName()).get();
    if (secret == null || secret.getData() == null || !secret.getData().containsKey(selector.getKey())) {
      throw new IllegalStateException("the driver's " + variable.getName() + " references " + selector.getName() + "/" + selector.getKey()
          + ", which does not exist: the pod would not start");
    }
    return new String(Base64.getDecoder().decode(secret.getData().get(selector.getKey())), StandardCharsets.UTF_8);
  }
}
