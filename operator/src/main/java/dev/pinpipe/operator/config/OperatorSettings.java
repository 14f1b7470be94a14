package dev.pinpipe.operator.config;

import dev.pinpipe.contracts.Topics;
import dev.pinpipe.operator.model.SparkPodSettings;
import io.fabric8.kubernetes.client.utils.KubernetesResourceUtil;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The operator's settings, from an optional YAML file of nested mappings and the environment
 * ({@code PINPIPE_OPERATOR_<KEY>}, the key's dots and dashes as underscores: {@code job.image} is
 * {@code PINPIPE_OPERATOR_JOB_IMAGE}); the environment wins. Every setting has a default; an
 * unknown key or variable is an error naming it and the nearest known one. Lists are YAML
 * sequences, or comma-separated in the environment; maps ({@code job.spark-conf}) are YAML
 * mappings, or comma-separated {@code name=value} pairs in the environment.
 *
 * @param namespaces     {@code namespaces}: the namespaces whose runs and schedules are watched; empty for all
 * @param leaderElection {@code leader-election.*}: one active replica at a time
 * @param httpPort       {@code http-port}: {@code /healthz}, {@code /readyz} and {@code /metrics}
 * @param job            {@code job.*}: the SparkApplications of the daily job
 * @param s3             {@code s3.*}: where the job reads and writes, and the Secret of its credentials
 * @param topicPrefix    {@code topic-prefix}: the Kafka topic prefix, which names the raw folders
 * @param outputPrefix   {@code output-prefix}: key prefix of the job's outputs; empty for the bucket root
 * @param readSummary    {@code read-summary}: read the job's {@code runs/dt=D/summary.json} into the run's status
 */
public record OperatorSettings(
    List<String> namespaces,
    LeaderElection leaderElection,
    int httpPort,
    Job job,
    S3 s3,
    String topicPrefix,
    String outputPrefix,
    boolean readSummary) {

  public static final String DEFAULT_LEASE_NAME = "pinpipe-operator";
  public static final String DEFAULT_MAIN_APPLICATION_FILE = "local:///opt/spark/jars/pinpipe-spark-jobs.jar";
  public static final String DEFAULT_SPARK_VERSION = "3.5.5";
  public static final String DEFAULT_SERVICE_ACCOUNT = "pinpipe-spark";
  public static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");

  private static final Pattern URI_WITH_SCHEME = Pattern.compile("^[a-z][a-z0-9+.-]*://\\S+$");
  private static final Pattern SPARK_VERSION = Pattern.compile("^[0-9]+\\.[0-9]+(\\.[0-9]+)?$");
  private static final Pattern BUCKET = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");
  private static final Pattern SECRET_KEY = Pattern.compile("^[-._a-zA-Z0-9]{1,253}$");
  private static final Pattern TOPIC_PREFIX = Pattern.compile("^[a-zA-Z0-9._-]{1,200}$");

  public OperatorSettings {
    namespaces = List.copyOf(namespaces);
  }

  /**
   * Leader election.
   *
   * @param enabled        {@code leader-election.enabled}: only the replica holding the lease reconciles
   * @param leaseName      {@code leader-election.lease-name}: the coordination.k8s.io Lease
   * @param leaseNamespace {@code leader-election.lease-namespace}: the Lease's namespace; empty for the operator's own
   */
  public record LeaderElection(boolean enabled, String leaseName, Optional<String> leaseNamespace) {
  }

  /**
   * The daily job's SparkApplications.
   *
   * @param image               {@code job.image}: the Spark image with the job jar
   * @param imagePullPolicy     {@code job.image-pull-policy}: Always, IfNotPresent or Never
   * @param mainApplicationFile {@code job.main-application-file}: the job jar, {@code local:///...} inside the image
   * @param sparkVersion        {@code job.spark-version}: the image's Spark version
   * @param serviceAccount      {@code job.service-account}: the driver's ServiceAccount (it creates the executors)
   * @param driver              {@code job.driver.*}
   * @param executor            {@code job.executor.*}
   * @param sparkConf           {@code job.spark-conf}: extra {@code spark.*} settings; a run's own win over them
   */
  public record Job(
      String image,
      String imagePullPolicy,
      String mainApplicationFile,
      String sparkVersion,
      String serviceAccount,
      Driver driver,
      Executor executor,
      Map<String, String> sparkConf) {

    public Job {
      sparkConf = Map.copyOf(sparkConf);
    }
  }

  /**
   * The driver's defaults.
   *
   * @param cores  {@code job.driver.cores}
   * @param memory {@code job.driver.memory}: JVM heap, Spark's notation ({@code 2g})
   */
  public record Driver(int cores, String memory) {
  }

  /**
   * The executors' defaults.
   *
   * @param cores     {@code job.executor.cores}
   * @param memory    {@code job.executor.memory}
   * @param instances {@code job.executor.instances}
   */
  public record Executor(int cores, String memory, int instances) {
  }

  /**
   * Object storage.
   *
   * @param bucket             {@code s3.bucket}
   * @param endpoint           {@code s3.endpoint}: an S3-compatible endpoint (MinIO); empty for AWS S3
   * @param pathStyle          {@code s3.path-style}: path-style requests (default: true for an endpoint outside amazonaws.com)
   * @param region             {@code s3.region}: the signing region, when S3A cannot tell it from the endpoint
   * @param credentialsSecret  {@code s3.credentials-secret}: the Secret, in the run's namespace, with the access key pair;
   *                           empty to leave credentials to S3A's other providers (web identity, instance profile)
   * @param accessKeyIdKey     {@code s3.access-key-id-key}: the Secret's key holding the access key id
   * @param secretAccessKeyKey {@code s3.secret-access-key-key}: the Secret's key holding the secret access key
   */
  public record S3(
      String bucket,
      Optional<String> endpoint,
      boolean pathStyle,
      Optional<String> region,
      Optional<String> credentialsSecret,
      String accessKeyIdKey,
      String secretAccessKeyKey) {
  }

  /** Every setting at its default. */
  public static OperatorSettings defaults() {
    return load(Optional.empty(), Map.of());
  }

  /**
   * {@code file} (when given) with {@code env} on top.
   *
   * @throws IllegalArgumentException saying, in one line, which key or variable is unknown or holds a bad value
   */
  public static OperatorSettings load(Optional<Path> file, Map<String, String> env) {
    SettingsSource source = SettingsSource.load(file, env);
    OperatorSettings settings = from(source);
    source.rejectUnread();
    return settings;
  }

  /** Every key, in the file's dotted notation. */
  public static Set<String> keys() {
    SettingsSource source = SettingsSource.load(Optional.empty(), Map.of());
    from(source);
    return source.keys();
  }

  /** The environment variable that sets {@code key}. */
  public static String envName(String key) {
    return SettingsSource.envName(key);
  }

  /** The default image: {@code pinpipe-spark:<this build's version>}, or {@code pinpipe-spark:0.1.0} outside a packaged jar. */
  public static String defaultImage() {
    Properties pom = new Properties();
    try (InputStream in = OperatorSettings.class.getResourceAsStream("/META-INF/maven/dev.pinpipe/pinpipe-operator/pom.properties")) {
      if (in != null) {
        pom.load(in);
      }
    } catch (IOException e) {
      // no version to be had: the fallback below
    }
    return "pinpipe-spark:" + pom.getProperty("version", "0.1.0");
  }

  private static OperatorSettings from(SettingsSource source) {
    List<String> namespaces = source.list("namespaces");
    namespaces.stream().filter(namespace -> !KubernetesResourceUtil.isValidName(namespace)).findFirst()
        .ifPresent(namespace -> {
          throw source.invalid("namespaces", "holds '" + namespace + "', not a namespace name");
        });
    LeaderElection leaderElection = new LeaderElection(
        source.bool("leader-election.enabled", true),
        subdomain(source, "leader-election.lease-name", DEFAULT_LEASE_NAME),
        source.optional("leader-election.lease-namespace").map(namespace -> {
          if (!KubernetesResourceUtil.isValidName(namespace)) {
            throw source.invalid("leader-election.lease-namespace", "must be a namespace name, got '" + namespace + "'");
          }
          return namespace;
        }));
    int httpPort = source.integer("http-port", 8080, 1, 65_535);
    Job job = job(source);
    S3 s3 = s3(source);
    String topicPrefix = matching(source, "topic-prefix", Topics.DEFAULT_PREFIX, TOPIC_PREFIX, "a Kafka topic prefix");
    String outputPrefix = source.string("output-prefix", "");
    if (outputPrefix.startsWith("/")) {
      throw source.invalid("output-prefix", "must be relative to the bucket (no leading /), got '" + outputPrefix + "'");
    }
    return new OperatorSettings(namespaces, leaderElection, httpPort, job, s3, topicPrefix, outputPrefix,
        source.bool("read-summary", true));
  }

  private static Job job(SettingsSource source) {
    String pullPolicy = source.string("job.image-pull-policy", "IfNotPresent");
    if (!PULL_POLICIES.contains(pullPolicy)) {
      throw source.invalid("job.image-pull-policy", "must be one of " + String.join(", ", PULL_POLICIES) + ", got '" + pullPolicy + "'");
    }
    Map<String, String> sparkConf = source.map("job.spark-conf");
    SparkConfRules.problem(sparkConf).ifPresent(problem -> {
      throw source.invalid("job.spark-conf", "is refused: " + problem);
    });
    return new Job(
        source.string("job.image", defaultImage()),
        pullPolicy,
        matching(source, "job.main-application-file", DEFAULT_MAIN_APPLICATION_FILE, URI_WITH_SCHEME,
            "a URI such as local:///opt/spark/jars/job.jar"),
        matching(source, "job.spark-version", DEFAULT_SPARK_VERSION, SPARK_VERSION, "a version such as 3.5.5"),
        subdomain(source, "job.service-account", DEFAULT_SERVICE_ACCOUNT),
        new Driver(source.integer("job.driver.cores", 1, 1, 1024), memory(source, "job.driver.memory")),
        new Executor(source.integer("job.executor.cores", 1, 1, 1024), memory(source, "job.executor.memory"),
            source.integer("job.executor.instances", 2, 1, 10_000)),
        sparkConf);
  }

  private static S3 s3(SettingsSource source) {
    Optional<String> endpoint = source.optional("s3.endpoint");
    endpoint.filter(url -> !url.startsWith("http://") && !url.startsWith("https://")).ifPresent(url -> {
      throw source.invalid("s3.endpoint", "must be an http:// or https:// URL, got '" + url + "'");
    });
    Optional<String> secret = source.optional("s3.credentials-secret");
    secret.filter(name -> !KubernetesResourceUtil.isValidSubdomainName(name)).ifPresent(name -> {
      throw source.invalid("s3.credentials-secret", "must be a Secret name, got '" + name + "'");
    });
    return new S3(
        matching(source, "s3.bucket", "pinpipe", BUCKET, "an S3 bucket name"),
        endpoint,
        // S3-compatible endpoints (MinIO) rarely have virtual-host DNS; AWS itself prefers virtual-host style.
        source.bool("s3.path-style", endpoint.isPresent() && !endpoint.get().contains("amazonaws.com")),
        source.optional("s3.region"),
        secret,
        matching(source, "s3.access-key-id-key", "access-key-id", SECRET_KEY, "a Secret key"),
        matching(source, "s3.secret-access-key-key", "secret-access-key", SECRET_KEY, "a Secret key"));
  }

  private static String memory(SettingsSource source, String key) {
    return matching(source, key, "2g", Pattern.compile(SparkPodSettings.MEMORY_PATTERN), "Spark memory such as 2g or 512m");
  }

  private static String subdomain(SettingsSource source, String key, String defaultValue) {
    String value = source.string(key, defaultValue);
    if (!KubernetesResourceUtil.isValidSubdomainName(value)) {
      throw source.invalid(key, "must be a Kubernetes name (lower case letters, digits, '-' and '.'), got '" + value + "'");
    }
    return value;
  }

  private static String matching(SettingsSource source, String key, String defaultValue, Pattern pattern, String what) {
    String value = source.string(key, defaultValue);
    if (!pattern.matcher(value).matches()) {
      throw source.invalid(key, "must be " + what + ", got '" + value + "'");
    }
    return value;
  }
}
