package dev.pinpipe.operator.spark;

import dev.pinpipe.contracts.DailyJobOptions;
import dev.pinpipe.operator.config.OperatorSettings;
import dev.pinpipe.operator.config.SparkConfRules;
import dev.pinpipe.operator.model.PipelineRun;
import dev.pinpipe.operator.model.ResourceNames;
import dev.pinpipe.operator.model.PipelineRunSpec;
import dev.pinpipe.operator.model.RunStage;
import dev.pinpipe.operator.model.SparkExecutorSettings;
import dev.pinpipe.operator.model.SparkOverrides;
import dev.pinpipe.operator.model.SparkPodSettings;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

import java.time.DateTimeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SparkApplication of one attempt of one stage of a run: the daily job with the run's date
 * and stage, the operator's settings with the run's {@code spec.spark} on top, labelled with the
 * run, stage and attempt and owned by the run. The reconciler creates these; {@code render}
 * prints them.
 */
public final class SparkApplicationFactory {

  public static final String RUN_LABEL = "pinpipe.dev/run";
  public static final String STAGE_LABEL = "pinpipe.dev/stage";
  public static final String ATTEMPT_LABEL = "pinpipe.dev/attempt";
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY = "pinpipe-operator";

  /** The variables S3A's environment provider reads; their values come from the credentials Secret. */
  public static final String ACCESS_KEY_ID_VARIABLE = "AWS_ACCESS_KEY_ID";
  public static final String SECRET_ACCESS_KEY_VARIABLE = "AWS_SECRET_ACCESS_KEY";

  /** The longest name of a SparkApplication: the spark-operator wants a DNS-1035 label (it labels pods and names a Service after it). */
  public static final int MAX_NAME_LENGTH = 63;

  private static final Pattern DNS_1035_LABEL = Pattern.compile("^[a-z]([-a-z0-9]*[a-z0-9])?$");
  private static final Pattern DATE = Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
  private static final Pattern MEMORY = Pattern.compile(SparkPodSettings.MEMORY_PATTERN);

  private final OperatorSettings settings;

  public SparkApplicationFactory(OperatorSettings settings) {
    this.settings = settings;
  }

  /**
   * The name of attempt {@code attempt} of {@code stage} of the run {@code runName}:
   * {@code <run>-<stage>-<attempt>}. Where that is no DNS-1035 label of at most 63 characters (a
   * long run name, one with dots, or one that starts with a digit), the run part is made one
   * (dots to dashes, {@code run-} before a leading digit), cut to fit, and followed by the first 8
   * hex digits of the SHA-256 of the whole run name: still the same name for the same arguments,
   * and distinct runs whose names share the kept part get distinct names.
   */
  public static String name(String runName, RunStage stage, int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempts count from 1, got " + attempt);
    }
    String suffix = "-" + stage.id() + "-" + attempt;
    String preferred = runName + suffix;
    if (preferred.length() <= MAX_NAME_LENGTH && DNS_1035_LABEL.matcher(preferred).matches()) {
      return preferred;
    }
    String base = runName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
      base = "run-" + base;
    }
    return ResourceNames.hashed(base, runName, MAX_NAME_LENGTH - suffix.length()) + suffix;
  }

  /**
   * The {@value #RUN_LABEL} label's value for the run {@code runName}: the name itself, or for a
   * name longer than a label value may be (63), its first 54 characters and 8 hex digits of its hash.
   */
  public static String runLabel(String runName) {
    return ResourceNames.shorten(runName, MAX_NAME_LENGTH);
  }

  /** The labels of {@code name(run, stage, attempt)}, on the SparkApplication and on its driver and executor pods. */
  public static Map<String, String> labels(String runName, RunStage stage, int attempt) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(RUN_LABEL, runLabel(runName));
    labels.put(STAGE_LABEL, stage.id());
    labels.put(ATTEMPT_LABEL, String.valueOf(attempt));
    labels.put(MANAGED_BY_LABEL, MANAGED_BY);
    return labels;
  }

  /**
   * What keeps {@link #create} from building an application for {@code run}, naming the field:
   * what the PipelineRun CRD checks (so a run read from a file, which no API server saw, fails here
   * instead of at the spark-operator) and what it cannot (an impossible date, credentials in sparkConf).
   */
  public static Optional<String> problem(PipelineRun run) {
    if (run.getMetadata() == null || blank(run.getMetadata().getName())) {
      return Optional.of("metadata.name is missing");
    }
    if (blank(run.getMetadata().getNamespace())) {
      return Optional.of("metadata.namespace is missing");
    }
    PipelineRunSpec spec = run.getSpec();
    if (spec == null) {
      return Optional.of("spec is missing");
    }
    if (blank(spec.getDate())) {
      return Optional.of("spec.date is missing");
    }
    if (!calendarDate(spec)) {
      return Optional.of("spec.date '" + spec.getDate() + "' is not a date (YYYY-MM-DD)");
    }
    SparkOverrides spark = spec.effectiveSpark();
    return podProblem("spec.spark.driver", spark.getDriver())
        .or(() -> podProblem("spec.spark.executor", spark.getExecutor()))
        .or(() -> Optional.ofNullable(spark.getExecutor()).map(SparkExecutorSettings::getInstances)
            .filter(instances -> instances < 1).map(instances -> "spec.spark.executor.instances must be at least 1, got " + instances))
        .or(() -> SparkConfRules.problem(sparkConf(spark)).map(problem -> "spec.spark." + problem));
  }

  /** The daily job's options for {@code stage} of {@code run}: what its arguments say. */
  public DailyJobOptions options(PipelineRun run, RunStage stage) {
    PipelineRunSpec spec = run.getSpec();
    OperatorSettings.S3 s3 = settings.s3();
    return new DailyJobOptions(spec.day(), stage.jobStage(), s3.bucket(), s3.endpoint(), s3.pathStyle(),
        spec.effectiveLayout(), settings.topicPrefix(), settings.outputPrefix(), spec.effectiveAllowIncomplete(), Optional.empty());
  }

  /**
   * The SparkApplication of attempt {@code attempt} (from 1) of {@code stage} of {@code run}, in the run's namespace.
   *
   * @throws IllegalArgumentException with {@link #problem}'s message when the run has one
   */
  public SparkApplication create(PipelineRun run, RunStage stage, int attempt) {
    problem(run).ifPresent(problem -> {
      throw new IllegalArgumentException("PipelineRun " + (run.getMetadata() == null ? "" : run.getMetadata().getName()) + ": " + problem);
    });
    String runName = run.getMetadata().getName();
    Map<String, String> labels = labels(runName, stage, attempt);
    SparkApplication application = new SparkApplication();
    application.setMetadata(new ObjectMetaBuilder()
        .withName(name(runName, stage, attempt))
        .withNamespace(run.getMetadata().getNamespace())
        .withLabels(labels)
        .withOwnerReferences(new OwnerReferenceBuilder()
            .withApiVersion(HasMetadata.getApiVersion(PipelineRun.class))
            .withKind(HasMetadata.getKind(PipelineRun.class))
            .withName(runName)
            .withUid(run.getMetadata().getUid())
            .withController(true)
            .withBlockOwnerDeletion(true)
            .build())
        .build());
    application.setSpec(spec(run, stage, labels));
    return application;
  }

  private SparkApplicationSpec spec(PipelineRun run, RunStage stage, Map<String, String> labels) {
    OperatorSettings.Job job = settings.job();
    SparkOverrides overrides = run.getSpec().effectiveSpark();
    SparkApplicationSpec spec = new SparkApplicationSpec();
    spec.setType(SparkApplicationSpec.Type.JAVA);
    spec.setMode(SparkApplicationSpec.Mode.CLUSTER);
    spec.setImage(job.image());
    spec.setImagePullPolicy(job.imagePullPolicy());
    spec.setMainClass(DailyJobOptions.MAIN_CLASS);
    spec.setMainApplicationFile(job.mainApplicationFile());
    spec.setArguments(options(run, stage).toArguments());
    spec.setSparkVersion(job.sparkVersion());
    Map<String, String> sparkConf = new LinkedHashMap<>(job.sparkConf());
    sparkConf.putAll(sparkConf(overrides));
    spec.setSparkConf(sparkConf.isEmpty() ? null : sparkConf);
    spec.setHadoopConf(hadoopConf());
    spec.setRestartPolicy(new SparkApplicationSpec.RestartPolicy(SparkApplicationSpec.RestartPolicyType.NEVER));

    Optional<SparkPodSettings> driverOverrides = Optional.ofNullable(overrides.getDriver());
    SparkApplicationSpec.Driver driver = new SparkApplicationSpec.Driver();
    driver.setCores(driverOverrides.map(SparkPodSettings::getCores).orElse(job.driver().cores()));
    driver.setCoreLimit(String.valueOf(driver.getCores()));
    driver.setMemory(driverOverrides.map(SparkPodSettings::getMemory).orElse(job.driver().memory()));
    driver.setServiceAccount(job.serviceAccount());
    driver.setLabels(new LinkedHashMap<>(labels));
    driver.setEnv(credentials());
    spec.setDriver(driver);

    Optional<SparkExecutorSettings> executorOverrides = Optional.ofNullable(overrides.getExecutor());
    SparkApplicationSpec.Executor executor = new SparkApplicationSpec.Executor();
    executor.setCores(executorOverrides.map(SparkPodSettings::getCores).orElse(job.executor().cores()));
    executor.setInstances(executorOverrides.map(SparkExecutorSettings::getInstances).orElse(job.executor().instances()));
    executor.setMemory(executorOverrides.map(SparkPodSettings::getMemory).orElse(job.executor().memory()));
    executor.setLabels(new LinkedHashMap<>(labels));
    executor.setEnv(credentials());
    spec.setExecutor(executor);
    return spec;
  }

  /**
   * S3A as the job sets it from its arguments ({@code JobSession}), so that anything reading the
   * bucket before the job's session (the driver's class loading, event logs) sees the same store.
   * No credentials: those are {@link #credentials()}.
   */
  private Map<String, String> hadoopConf() {
    OperatorSettings.S3 s3 = settings.s3();
    Map<String, String> hadoop = new LinkedHashMap<>();
    hadoop.put("fs.s3a.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
    hadoop.put("fs.s3a.path.style.access", String.valueOf(s3.pathStyle()));
    s3.endpoint().ifPresent(endpoint -> {
      hadoop.put("fs.s3a.endpoint", endpoint);
      hadoop.put("fs.s3a.connection.ssl.enabled", String.valueOf(endpoint.startsWith("https:")));
    });
    s3.region().ifPresent(region -> hadoop.put("fs.s3a.endpoint.region", region));
    return hadoop;
  }

  /** The access key pair from the configured Secret, as the variables S3A's default providers read; none without a Secret. */
  private List<EnvVar> credentials() {
    OperatorSettings.S3 s3 = settings.s3();
    return s3.credentialsSecret().map(secret -> List.of(
            secretVariable(ACCESS_KEY_ID_VARIABLE, secret, s3.accessKeyIdKey()),
            secretVariable(SECRET_ACCESS_KEY_VARIABLE, secret, s3.secretAccessKeyKey())))
        .orElse(null);
  }

  private static EnvVar secretVariable(String name, String secret, String key) {
    return new EnvVarBuilder().withName(name)
        .withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key).endSecretKeyRef().endValueFrom()
        .build();
  }

  private static Map<String, String> sparkConf(SparkOverrides overrides) {
    return overrides.getSparkConf() == null ? Map.of() : overrides.getSparkConf();
  }

  private static Optional<String> podProblem(String field, SparkPodSettings pod) {
    if (pod == null) {
      return Optional.empty();
    }
    if (pod.getCores() != null && pod.getCores() < 1) {
      return Optional.of(field + ".cores must be at least 1, got " + pod.getCores());
    }
    if (pod.getMemory() != null && !MEMORY.matcher(pod.getMemory()).matches()) {
      return Optional.of(field + ".memory must be Spark memory such as 2g or 512m, got '" + pod.getMemory() + "'");
    }
    return Optional.empty();
  }

  /** Whether the date is YYYY-MM-DD and on the calendar (the CRD's pattern lets 2026-02-30 through). */
  private static boolean calendarDate(PipelineRunSpec spec) {
    try {
      return DATE.matcher(spec.getDate()).matches() && spec.day() != null;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
