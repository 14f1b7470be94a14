package dev.pinpipe.operator.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinpipe.contracts.DailyJobOptions;
import dev.pinpipe.operator.config.OperatorSettings;
import dev.pinpipe.operator.model.PipelineRun;
import dev.pinpipe.operator.model.RunStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every SparkApplication the factory builds is one the spark-operator 2.x CRD accepts, and carries no credential. */
class SparkApplicationShapeTest {

  private static final SparkApplicationSchema SCHEMA = SparkApplicationSchema.load();

  /** Settings with everything that adds to the object set: endpoint, region, the credentials Secret, extra sparkConf. */
  private static final OperatorSettings FULL = OperatorSettings.load(Optional.empty(), Map.of(
      "PINPIPE_OPERATOR_S3_ENDPOINT", "https://minio.storage:9000",
      "PINPIPE_OPERATOR_S3_REGION", "eu-central-1",
      "PINPIPE_OPERATOR_S3_CREDENTIALS_SECRET", "pinpipe-s3-credentials",
      "PINPIPE_OPERATOR_S3_ACCESS_KEY_ID_KEY", "id-of-the-key",
      "PINPIPE_OPERATOR_S3_SECRET_ACCESS_KEY_KEY", "secret-of-the-key",
      "PINPIPE_OPERATOR_OUTPUT_PREFIX", "prod/pinpipe",
      "PINPIPE_OPERATOR_TOPIC_PREFIX", "prod",
      "PINPIPE_OPERATOR_JOB_SPARK_CONF", "spark.sql.shuffle.partitions=8,spark.ui.enabled=false"));

  static Stream<Arguments> applications() {
    List<Arguments> cases = new ArrayList<>();
    for (RunStage stage : RunStage.values()) {
      for (OperatorSettings settings : List.of(OperatorSettings.defaults(), FULL)) {
        cases.add(Arguments.of("defaults", settings, TestRuns.run("daily-2026-03-01", "2026-03-01"), stage, 1));
        cases.add(Arguments.of("every override", settings, TestRuns.withEveryOverride("rerun-2026-03-01", "2026-03-01"), stage, 3));
        cases.add(Arguments.of("long name", settings, TestRuns.run("a".repeat(250), "2024-02-29"), stage, 100));
        cases.add(Arguments.of("name at the limit", settings, TestRuns.run("r".repeat(63 - "-reports-1".length()), "2026-01-31"), stage, 1));
        cases.add(Arguments.of("dotted name", settings, TestRuns.run("team.pinpipe.2026-03-01", "2026-03-01"), stage, 2));
        cases.add(Arguments.of("name from a digit", settings, TestRuns.run("2026-03-01", "2026-03-01"), stage, 1));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}, {3}, attempt {4}")
  @MethodSource("applications")
  void everyApplicationIsValidAgainstTheSparkOperatorCrd(String title, OperatorSettings settings, PipelineRun run, RunStage stage, int attempt) {
    SparkApplication application = new SparkApplicationFactory(settings).create(run, stage, attempt);

    assertThat(SCHEMA.violations(application)).isEmpty();
  }

  @ParameterizedTest(name = "{0}, {3}, attempt {4}")
  @MethodSource("applications")
  void theArgumentsParseBackToTheIntendedOptions(String title, OperatorSettings settings, PipelineRun run, RunStage stage, int attempt) {
    SparkApplicationFactory factory = new SparkApplicationFactory(settings);
    SparkApplicationSpec spec = factory.create(run, stage, attempt).getSpec();

    DailyJobOptions parsed = DailyJobOptions.parse(spec.getArguments().toArray(String[]::new));

    assertThat(parsed).isEqualTo(new DailyJobOptions(run.getSpec().day(), stage.jobStage(), settings.s3().bucket(),
        settings.s3().endpoint(), settings.s3().pathStyle(), run.getSpec().effectiveLayout(), settings.topicPrefix(),
        settings.outputPrefix(), run.getSpec().effectiveAllowIncomplete(), Optional.empty()));
    assertThat(spec.getMainClass()).isEqualTo(DailyJobOptions.MAIN_CLASS);
    assertThat(spec.getArguments()).doesNotContain("--master");
  }

  @ParameterizedTest(name = "{0}, {3}, attempt {4}")
  @MethodSource("applications")
  void noCredentialIsInArgumentsConfigurationOrLabels(String title, OperatorSettings settings, PipelineRun run, RunStage stage, int attempt) {
    JsonNode json = SparkApplicationSchema.json(new SparkApplicationFactory(settings).create(run, stage, attempt));

    String exposed = Stream.of(json.at("/spec/arguments"), json.at("/spec/sparkConf"), json.at("/spec/hadoopConf"),
            json.at("/metadata/labels"), json.at("/spec/driver/labels"), json.at("/spec/executor/labels"))
        .map(JsonNode::toString).reduce("", String::concat);
    assertThat(exposed).doesNotContainIgnoringCase("pinpipe-s3-credentials")
        .doesNotContain("id-of-the-key", "secret-of-the-key", "AWS_")
        .doesNotContainIgnoringCase("access.key").doesNotContainIgnoringCase("secret.key")
        .doesNotContainIgnoringCase("session.token").doesNotContainIgnoringCase("credentials");
  }

  @Test
  void credentialsComeFromTheSecretOnDriverAndExecutor() {
    JsonNode spec = SparkApplicationSchema.json(new SparkApplicationFactory(FULL)
        .create(TestRuns.run("daily-2026-03-01", "2026-03-01"), RunStage.CLEAN, 1)).get("spec");

    for (String pod : List.of("driver", "executor")) {
      JsonNode env = spec.get(pod).get("env");
      assertThat(env).as(pod).hasSize(2);
      assertThat(env.get(0).toString()).as(pod).isEqualTo(
          "{\"name\":\"AWS_ACCESS_KEY_ID\",\"valueFrom\":{\"secretKeyRef\":{\"key\":\"id-of-the-key\",\"name\":\"pinpipe-s3-credentials\"}}}");
      assertThat(env.get(1).toString()).as(pod).isEqualTo(
          "{\"name\":\"AWS_SECRET_ACCESS_KEY\",\"valueFrom\":{\"secretKeyRef\":{\"key\":\"secret-of-the-key\",\"name\":\"pinpipe-s3-credentials\"}}}");
    }
  }

  @Test
  void withoutASecretThereIsNoEnvironment() {
    JsonNode spec = SparkApplicationSchema.json(new SparkApplicationFactory(OperatorSettings.defaults())
        .create(TestRuns.run("daily-2026-03-01", "2026-03-01"), RunStage.CLEAN, 1)).get("spec");

    assertThat(spec.get("driver").has("env")).isFalse();
    assertThat(spec.get("executor").has("env")).isFalse();
  }

  @Test
  void aRunThatPutsCredentialsInSparkConfGetsNoApplication() {
    PipelineRun run = TestRuns.withEveryOverride("daily-2026-03-01", "2026-03-01");
    run.getSpec().getSpark().setSparkConf(Map.of("spark.hadoop.fs.s3a.access.key", "AKIA-SOMETHING"));

    assertThatThrownBy(() -> new SparkApplicationFactory(OperatorSettings.defaults()).create(run, RunStage.CLEAN, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.spark.sparkConf key spark.hadoop.fs.s3a.access.key sets a credential")
        .hasMessageNotContaining("AKIA");
  }

  @Test
  void theCheckerCatchesAWrongType() {
    ObjectNode json = validJson();
    ((ObjectNode) json.at("/spec/driver")).put("cores", "1");
    ((ObjectNode) json.at("/spec/executor")).put("instances", 2.5);
    ((ObjectNode) json.at("/spec/sparkConf")).put("spark.ui.port", 4040);

    assertThat(SCHEMA.violations(json)).containsExactlyInAnyOrder(
        "spec.driver.cores: must be integer, got string \"1\"",
        "spec.executor.instances: must be integer, got number 2.5",
        "spec.sparkConf.spark.ui.port: must be string, got number 4040");
  }

  @Test
  void theCheckerCatchesAnUnknownField() {
    ObjectNode json = validJson();
    ((ObjectNode) json.at("/spec/driver")).put("coreLimits", "1");
    ((ObjectNode) json.get("spec")).put("master", "local[*]");
    ((ObjectNode) json.at("/spec/restartPolicy")).put("retries", 3);

    assertThat(SCHEMA.violations(json)).containsExactlyInAnyOrder(
        "spec.driver.coreLimits: unknown field", "spec.master: unknown field", "spec.restartPolicy.retries: unknown field");
  }

  @Test
  void theCheckerCatchesEnumsRequiredFieldsAndBounds() {
    ObjectNode json = validJson();
    ((ObjectNode) json.get("spec")).put("mode", "local");
    ((ObjectNode) json.get("spec")).put("type", "java");
    ((ObjectNode) json.get("spec")).remove("sparkVersion");
    ((ObjectNode) json.at("/spec/restartPolicy")).put("onFailureRetries", -1);
    ((ObjectNode) json.at("/spec/driver")).putArray("env").addObject().put("value", "x");

    assertThat(SCHEMA.violations(json)).containsExactlyInAnyOrder(
        "spec.mode: \"local\" is not one of [\"cluster\",\"client\"]",
        "spec.type: \"java\" is not one of [\"Java\",\"Python\",\"Scala\",\"R\"]",
        "spec.sparkVersion: required, missing",
        "spec.restartPolicy.onFailureRetries: -1 is below the minimum 0",
        "spec.driver.env[0].name: required, missing");
  }

  @Test
  void theCheckerCatchesWhatTheApiServerChecksOutsideTheSchema() {
    ObjectNode json = validJson();
    json.put("apiVersion", "sparkoperator.k8s.io/v1beta1");
    ((ObjectNode) json.get("metadata")).put("name", "2026-03-01-clean-1");
    ((ObjectNode) json.get("metadata")).remove("namespace");
    ((ObjectNode) json.at("/metadata/labels")).put("pinpipe.dev/run", "x".repeat(64));
    ((ObjectNode) json.at("/spec/executor/labels")).put("pinpipe.dev/run!", "x");

    assertThat(SCHEMA.violations(json)).hasSize(5)
        .contains("spec.executor.labels: invalid label key 'pinpipe.dev/run!'").anySatisfy(violation -> assertThat(violation).startsWith("apiVersion:"))
        .anySatisfy(violation -> assertThat(violation).startsWith("metadata.name:"))
        .anySatisfy(violation -> assertThat(violation).startsWith("metadata.namespace:"))
        .contains("metadata.labels.pinpipe.dev/run: invalid label value \"" + "x".repeat(64) + "\"");
  }

  private static ObjectNode validJson() {
    ObjectNode json = (ObjectNode) SparkApplicationSchema.json(new SparkApplicationFactory(FULL)
        .create(TestRuns.withEveryOverride("daily-2026-03-01", "2026-03-01"), RunStage.CLEAN, 1));
    assertThat(SCHEMA.violations(json)).isEmpty();
    return json;
  }
}
