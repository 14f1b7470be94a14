package dev.pinpipe.operator.spark;

import dev.pinpipe.contracts.DailyJobOptions;
import dev.pinpipe.contracts.RawLayout;
import dev.pinpipe.operator.config.OperatorSettings;
import dev.pinpipe.operator.model.PipelineRun;
import dev.pinpipe.operator.model.RunStage;
import dev.pinpipe.operator.model.SparkPodSettings;
import io.fabric8.kubernetes.api.model.OwnerReference;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SparkApplicationFactoryTest {

  private final SparkApplicationFactory factory = new SparkApplicationFactory(OperatorSettings.defaults());

  @Test
  void aShortRunNameGivesRunStageAttempt() {
    assertThat(SparkApplicationFactory.name("daily-2026-03-01", RunStage.CLEAN, 1)).isEqualTo("daily-2026-03-01-clean-1");
    assertThat(SparkApplicationFactory.name("daily-2026-03-01", RunStage.REPORTS, 12)).isEqualTo("daily-2026-03-01-reports-12");
  }

  @Test
  void aLongRunNameIsCutAndHashedToAStableLabel() {
    String longName = "nightly-" + "x".repeat(200) + "-2026-03-01";
    String name = SparkApplicationFactory.name(longName, RunStage.REPORTS, 3);

    assertThat(name).hasSizeLessThanOrEqualTo(63).matches("^[a-z]([-a-z0-9]*[a-z0-9])?$").endsWith("-reports-3").startsWith("nightly-xxx");
    assertThat(SparkApplicationFactory.name(longName, RunStage.REPORTS, 3)).as("deterministic").isEqualTo(name);
    assertThat(SparkApplicationFactory.name(longName.replace("03-01", "03-02"), RunStage.REPORTS, 3))
        .as("names that differ past the cut stay apart").isNotEqualTo(name);
  }

  @Test
  void runNamesThatAreNoDnsLabelBecomeOne() {
    assertThat(SparkApplicationFactory.name("team.pinpipe.daily", RunStage.CLEAN, 1))
        .matches("^team-pinpipe-daily-[0-9a-f]{8}-clean-1$");
    assertThat(SparkApplicationFactory.name("2026-03-01", RunStage.CLEAN, 1))
        .matches("^run-2026-03-01-[0-9a-f]{8}-clean-1$");
    String atTheLimit = "r".repeat(63 - "-reports-1".length());
    assertThat(SparkApplicationFactory.name(atTheLimit, RunStage.REPORTS, 1)).isEqualTo(atTheLimit + "-reports-1");
    assertThat(SparkApplicationFactory.name(atTheLimit + "r", RunStage.REPORTS, 1)).hasSize(63).matches(".*-[0-9a-f]{8}-reports-1$");
  }

  @Test
  void attemptsCountFromOne() {
    assertThatThrownBy(() -> SparkApplicationFactory.name("run", RunStage.CLEAN, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theRunLabelFitsALabelValue() {
    assertThat(SparkApplicationFactory.runLabel("daily-2026-03-01")).isEqualTo("daily-2026-03-01");
    String longName = "a".repeat(100);
    assertThat(SparkApplicationFactory.runLabel(longName)).hasSize(63).startsWith("a".repeat(54) + "-")
        .isEqualTo(SparkApplicationFactory.runLabel(longName));
  }

  @Test
  void theApplicationIsLabelledAndOwnedByTheRun() {
    SparkApplication application = factory.create(TestRuns.run("daily-2026-03-01", "2026-03-01"), RunStage.REPORTS, 2);

    assertThat(application.getMetadata().getName()).isEqualTo("daily-2026-03-01-reports-2");
    assertThat(application.getMetadata().getNamespace()).isEqualTo("pipelines");
    Map<String, String> labels = Map.of("pinpipe.dev/run", "daily-2026-03-01", "pinpipe.dev/stage", "reports",
        "pinpipe.dev/attempt", "2", "app.kubernetes.io/managed-by", "pinpipe-operator");
    assertThat(application.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(labels);
    assertThat(application.getSpec().getDriver().getLabels()).containsExactlyInAnyOrderEntriesOf(labels);
    assertThat(application.getSpec().getExecutor().getLabels()).containsExactlyInAnyOrderEntriesOf(labels);
    OwnerReference owner = application.getMetadata().getOwnerReferences().get(0);
    assertThat(owner.getApiVersion()).isEqualTo("pinpipe.dev/v1alpha1");
    assertThat(owner.getKind()).isEqualTo("PipelineRun");
    assertThat(owner.getName()).isEqualTo("daily-2026-03-01");
    assertThat(owner.getUid()).isEqualTo("6f1c1a52-16");
    assertThat(owner.getController()).isTrue();
    assertThat(owner.getBlockOwnerDeletion()).isTrue();
  }

  @Test
  void theDefaultsComeFromTheSettings() {
    SparkApplicationSpec spec = factory.create(TestRuns.run("daily-2026-03-01", "2026-03-01"), RunStage.CLEAN, 1).getSpec();

    assertThat(spec.getType()).isEqualTo(SparkApplicationSpec.Type.JAVA);
    assertThat(spec.getMode()).isEqualTo(SparkApplicationSpec.Mode.CLUSTER);
    assertThat(spec.getImage()).isEqualTo("pinpipe-spark:0.1.0");
    assertThat(spec.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(spec.getMainApplicationFile()).isEqualTo("local:///opt/spark/jars/pinpipe-spark-jobs.jar");
    assertThat(spec.getSparkVersion()).isEqualTo("3.5.5");
    assertThat(spec.getRestartPolicy().getType()).isEqualTo(SparkApplicationSpec.RestartPolicyType.NEVER);
    assertThat(spec.getSparkConf()).isNull();
    assertThat(spec.getHadoopConf()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "fs.s3a.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem", "fs.s3a.path.style.access", "false"));
    assertThat(spec.getDriver().getCores()).isEqualTo(1);
    assertThat(spec.getDriver().getCoreLimit()).isEqualTo("1");
    assertThat(spec.getDriver().getMemory()).isEqualTo("2g");
    assertThat(spec.getDriver().getServiceAccount()).isEqualTo("pinpipe-spark");
    assertThat(spec.getExecutor().getCores()).isEqualTo(1);
    assertThat(spec.getExecutor().getMemory()).isEqualTo("2g");
    assertThat(spec.getExecutor().getInstances()).isEqualTo(2);
    assertThat(spec.getArguments()).containsExactly("--date", "2026-03-01", "--stage", "clean", "--bucket", "pinpipe",
        "--layout", "daily", "--topic-prefix", "pinpipe");
  }

  @Test
  void theRunsSparkSettingsWinOverTheOperators() {
    OperatorSettings settings = OperatorSettings.load(Optional.empty(), Map.of(
        "PINPIPE_OPERATOR_JOB_SPARK_CONF", "spark.sql.shuffle.partitions=8,spark.ui.enabled=false",
        "PINPIPE_OPERATOR_S3_ENDPOINT", "http://minio:9000",
        "PINPIPE_OPERATOR_S3_REGION", "eu-central-1"));
    PipelineRun run = TestRuns.withEveryOverride("rerun-2026-03-01", "2026-03-01");

    SparkApplicationSpec spec = new SparkApplicationFactory(settings).create(run, RunStage.CLEAN, 1).getSpec();

    assertThat(spec.getSparkConf()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "spark.sql.shuffle.partitions", "48", "spark.ui.enabled", "false", "spark.eventLog.enabled", "true"));
    assertThat(spec.getDriver().getCores()).isEqualTo(2);
    assertThat(spec.getDriver().getCoreLimit()).isEqualTo("2");
    assertThat(spec.getDriver().getMemory()).isEqualTo("3g");
    assertThat(spec.getExecutor().getCores()).isEqualTo(4);
    assertThat(spec.getExecutor().getMemory()).isEqualTo("8g");
    assertThat(spec.getExecutor().getInstances()).isEqualTo(6);
    assertThat(spec.getHadoopConf()).containsEntry("fs.s3a.endpoint", "http://minio:9000")
        .containsEntry("fs.s3a.connection.ssl.enabled", "false")
        .containsEntry("fs.s3a.path.style.access", "true")
        .containsEntry("fs.s3a.endpoint.region", "eu-central-1");
  }

  @Test
  void aPartialOverrideKeepsTheOtherDefaults() {
    PipelineRun run = TestRuns.withEveryOverride("rerun-2026-03-01", "2026-03-01");
    run.getSpec().getSpark().getDriver().setCores(null);
    run.getSpec().getSpark().getExecutor().setInstances(null);

    SparkApplicationSpec spec = factory.create(run, RunStage.CLEAN, 1).getSpec();

    assertThat(spec.getDriver().getCores()).isEqualTo(1);
    assertThat(spec.getDriver().getMemory()).isEqualTo("3g");
    assertThat(spec.getExecutor().getInstances()).isEqualTo(2);
  }

  @Test
  void theJobOptionsFollowTheRun() {
    DailyJobOptions options = factory.options(TestRuns.withEveryOverride("rerun-2026-03-01", "2026-03-01"), RunStage.REPORTS);

    assertThat(options.layout()).isEqualTo(RawLayout.DEFAULT);
    assertThat(options.allowIncomplete()).isTrue();
    assertThat(options.stage()).isEqualTo(DailyJobOptions.Stage.REPORTS);
    assertThat(options.master()).isEmpty();
  }

  @Test
  void aRunWithoutWhatItNeedsIsNamedWithTheField() {
    PipelineRun noDate = TestRuns.run("daily", null);
    PipelineRun impossible = TestRuns.run("daily", "2026-02-30");
    PipelineRun noNamespace = TestRuns.run("daily", "2026-03-01");
    noNamespace.getMetadata().setNamespace(null);
    PipelineRun badMemory = TestRuns.withEveryOverride("daily", "2026-03-01");
    SparkPodSettings driver = badMemory.getSpec().getSpark().getDriver();
    driver.setMemory("2 GB");

    assertThat(SparkApplicationFactory.problem(noDate)).contains("spec.date is missing");
    assertThat(SparkApplicationFactory.problem(impossible)).contains("spec.date '2026-02-30' is not a date (YYYY-MM-DD)");
    assertThat(SparkApplicationFactory.problem(noNamespace)).contains("metadata.namespace is missing");
    assertThat(SparkApplicationFactory.problem(badMemory)).contains("spec.spark.driver.memory must be Spark memory such as 2g or 512m, got '2 GB'");
    assertThat(SparkApplicationFactory.problem(TestRuns.run("daily", "2026-03-01"))).isEmpty();
    assertThatThrownBy(() -> factory.create(impossible, RunStage.CLEAN, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PipelineRun daily: spec.date '2026-02-30' is not a date (YYYY-MM-DD)");
  }
}
