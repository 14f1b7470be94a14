package dev.pinpipe.operator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pinpipe.operator.config.OperatorSettings;
import dev.pinpipe.operator.model.ConcurrencyPolicy;
import dev.pinpipe.operator.model.PipelineRun;
import dev.pinpipe.operator.model.PipelineSchedule;
import dev.pinpipe.operator.model.RunStage;
import dev.pinpipe.operator.spark.SparkApplication;
import dev.pinpipe.operator.spark.SparkApplicationFactory;
import dev.pinpipe.operator.spark.SparkApplicationSchema;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RenderCommandTest {

  private static final Path EXAMPLE_RUN = Path.of("examples/pipelinerun.yaml");
  private static final Path EXAMPLE_SCHEDULE = Path.of("examples/pipelineschedule.yaml");
  private static final SparkApplicationSchema SCHEMA = SparkApplicationSchema.load();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @TempDir
  Path dir;

  @Test
  void theExampleRunRendersWhatTheFactoryCreatesForEachStage() throws IOException {
    Result result = render("", Map.of(), "-f", EXAMPLE_RUN.toString());

    assertThat(result.code).as(result.err).isZero();
    assertThat(result.err).isEmpty();
    List<JsonNode> documents = documents(result.out);
    assertThat(documents).hasSize(2);
    PipelineRun run = SERIALIZATION.unmarshal(Files.readString(EXAMPLE_RUN), PipelineRun.class);
    SparkApplicationFactory factory = new SparkApplicationFactory(OperatorSettings.defaults());
    for (int i = 0; i < 2; i++) {
      RunStage stage = RunStage.values()[i];
      assertThat(SCHEMA.violations(documents.get(i))).isEmpty();
      SparkApplication parsed = SERIALIZATION.convertValue(documents.get(i), SparkApplication.class);
      assertThat(SparkApplicationSchema.json(parsed)).isEqualTo(SparkApplicationSchema.json(factory.create(run, stage, 1)));
    }
    assertThat(documents).extracting(document -> document.at("/metadata/name").asText())
        .containsExactly("daily-2026-03-01-clean-1", "daily-2026-03-01-reports-1");
    assertThat(documents.get(0).at("/spec/executor/instances").asInt()).isEqualTo(3);
  }

  @Test
  void runsFromStandardInputOrKubectlOutputTakeTheDefaultNamespaceAndTheAttemptAsked() {
    String yaml = """
        apiVersion: pinpipe.dev/v1alpha1
        kind: PipelineRun
        metadata:
          name: first
        spec:
          date: 2026-03-01
          stages: [reports]
        ---
        apiVersion: pinpipe.dev/v1alpha1
        kind: PipelineRun
        metadata:
          name: second
          namespace: team-a
          uid: 0b1c2d3e
          creationTimestamp: "2024-03-01T00:30:00Z"
          generation: 1
        spec:
          date: "2024-02-29"
        status:
          phase: Running
          stage: clean
          attempts: 1
        """;

    Result result = render(yaml, Map.of(), "-f", "-", "--attempt", "3");

    assertThat(result.code).as(result.err).isZero();
    List<JsonNode> documents = documents(result.out);
    assertThat(documents).extracting(document -> document.at("/metadata/namespace").asText() + "/" + document.at("/metadata/name").asText())
        .containsExactly("default/first-reports-3", "team-a/second-clean-3", "team-a/second-reports-3");
    assertThat(documents).allSatisfy(document -> assertThat(SCHEMA.violations(document)).isEmpty());
    JsonNode owner = documents.get(0).at("/metadata/ownerReferences/0");
    assertThat(owner.get("name").asText()).isEqualTo("first");
    assertThat(owner.has("uid")).as("a run never applied has no uid").isFalse();
    assertThat(documents.get(1).at("/metadata/ownerReferences/0/uid").asText()).isEqualTo("0b1c2d3e");
    assertThat(documents.get(0).at("/metadata/labels/pinpipe.dev~1attempt").asText()).isEqualTo("3");
  }

  @Test
  void theSettingsComeFromTheConfigFileWithTheEnvironmentOnTop() throws IOException {
    Path config = Files.writeString(dir.resolve("operator.yaml"), """
        job:
          image: registry.example.com/pinpipe-spark:1.0.0
          executor: {instances: 7}
        s3: {bucket: lake, credentials-secret: s3-keys}
        """);

    Result result = render("", Map.of("PINPIPE_OPERATOR_JOB_EXECUTOR_INSTANCES", "9"),
        "-f", EXAMPLE_RUN.toString(), "--config", config.toString());

    assertThat(result.code).as(result.err).isZero();
    JsonNode clean = documents(result.out).get(0);
    assertThat(clean.at("/spec/image").asText()).isEqualTo("registry.example.com/pinpipe-spark:1.0.0");
    assertThat(clean.at("/spec/executor/instances").asInt()).as("the run's 3 wins over both").isEqualTo(3);
    assertThat(clean.at("/spec/driver/env/0/valueFrom/secretKeyRef/name").asText()).isEqualTo("s3-keys");
    assertThat(clean.at("/spec/arguments").toString()).contains("\"--bucket\",\"lake\"");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      not YAML          | 'spec: [unclosed'                                                               | standard input: document 1 is not YAML:
      a list            | '- a'                                                                           | standard input: document 1: not a mapping; a PipelineRun is expected
      wrong kind        | 'apiVersion: pinpipe.dev/v1alpha1\nkind: PipelineSchedule\nmetadata: {name: x}' | standard input: document 1: kind is 'PipelineSchedule', expected PipelineRun
      no kind           | 'apiVersion: v1\nmetadata: {name: x}'                                           | standard input: document 1: kind is missing, expected PipelineRun
      wrong version     | 'apiVersion: pinpipe.dev/v1\nkind: PipelineRun\nmetadata: {name: x}'            | standard input: document 1 (PipelineRun x): apiVersion is 'pinpipe.dev/v1', expected pinpipe.dev/v1alpha1
      no name           | 'apiVersion: pinpipe.dev/v1alpha1\nkind: PipelineRun\nspec: {date: 2026-03-01}' | standard input: document 1: metadata.name is missing
      no spec           | 'apiVersion: pinpipe.dev/v1alpha1\nkind: PipelineRun\nmetadata: {name: x}'      | standard input: document 1 (PipelineRun x): spec is missing
      no date           | 'apiVersion: pinpipe.dev/v1alpha1\nkind: PipelineRun\nmetadata: {name: x}\nspec: {layout: daily}' | standard input: document 1 (PipelineRun x): spec.date is missing
      impossible date   | 'apiVersion: pinpipe.dev/v1alpha1\nkind: PipelineRun\nmetadata: {name: x}\nspec: {date: 2026-02-30}' | standard input: document 1 (PipelineRun x): spec.date '2026-02-30' is not a date (YYYY-MM-DD)
      date as a number  | 'apiVersion: pinpipe.dev/v1alpha1\nkind: PipelineRun\nmetadata: {name: x}\nspec: {date: 20260301}' | standard input: document 1 (PipelineRun x): spec.date '20260301' is not a date (YYYY-MM-DD)
      unknown field     | 'apiVersion: pinpipe.dev/v1alpha1\nkind: PipelineRun\nmetadata: {name: x}\nspec: {date: 2026-03-01, spark: {driver: {cpu: 2}}}' | standard input: document 1 (PipelineRun x): spec.spark.driver.cpu: unknown field
      unknown stage     | 'apiVersion: pinpipe.dev/v1alpha1\nkind: PipelineRun\nmetadata: {name: x}\nspec: {date: 2026-03-01, stages: [clean, report]}' | standard input: document 1 (PipelineRun x): spec.stages[1]: 'report' is not one of [clean, reports]
      cores as text     | 'apiVersion: pinpipe.dev/v1alpha1\nkind: PipelineRun\nmetadata: {name: x}\nspec: {date: 2026-03-01, spark: {executor: {cores: two}}}' | standard input: document 1 (PipelineRun x): spec.spark.executor.cores: 'two' is not a whole number
      second document   | 'apiVersion: pinpipe.dev/v1alpha1\nkind: PipelineRun\nmetadata: {name: x}\nspec: {date: 2026-03-01}\n---\nkind: Secret' | standard input: document 2: kind is 'Secret', expected PipelineRun
      credentials       | 'apiVersion: pinpipe.dev/v1alpha1\nkind: PipelineRun\nmetadata: {name: x}\nspec: {date: 2026-03-01, spark: {sparkConf: {spark.hadoop.fs.s3a.secret.key: hunter2}}}' | standard input: document 1 (PipelineRun x): spec.spark.sparkConf key spark.hadoop.fs.s3a.secret.key sets a credential
      nothing           | '---'                                                                           | standard input: no PipelineRun in it
      """)
  void badInputIsExitCodeTwoAndOneLineNamingDocumentAndField(String title, String yaml, String expected) {
    Result result = render(yaml.replace("\\n", "\n"), Map.of(), "-f", "-");

    assertThat(result.code).isEqualTo(2);
    assertThat(result.out).isEmpty();
    assertThat(result.err).startsWith("pinpipe operator render: " + expected).endsWith("\n")
        .doesNotContain("Exception", "\tat ", "hunter2");
    assertThat(result.err.strip()).doesNotContain("\n");
  }

  @Test
  void aMissingFileAConfigErrorOrAnAttemptBelowOneIsExitCodeTwo() throws IOException {
    Path config = Files.writeString(dir.resolve("bad.yaml"), "job: {imgae: x}\n");

    assertThat(render("", Map.of(), "-f", dir.resolve("none.yaml").toString()).err)
        .startsWith("pinpipe operator render: " + dir.resolve("none.yaml") + ": cannot read (NoSuchFileException");
    Result badConfig = render("", Map.of(), "-f", EXAMPLE_RUN.toString(), "--config", config.toString());
    assertThat(badConfig.code).isEqualTo(2);
    assertThat(badConfig.err).isEqualTo("pinpipe operator render: unknown operator setting job.imgae in config file " + config
        + "; did you mean job.image?\n");
    Result badEnv = render("", Map.of("PINPIPE_OPERATOR_HTTP_PORT", "0"), "-f", EXAMPLE_RUN.toString());
    assertThat(badEnv.code).isEqualTo(2);
    assertThat(render("", Map.of(), "-f", EXAMPLE_RUN.toString(), "--attempt", "0").err)
        .isEqualTo("pinpipe operator render: --attempt must be at least 1, got 0\n");
    assertThat(render("", Map.of(), "-f", EXAMPLE_RUN.toString(), "--attempt", "one").code).isEqualTo(2);
    assertThat(render("", Map.of(), "--attempt", "1").code).as("-f is required").isEqualTo(2);
  }

  @Test
  void theExampleScheduleIsAValidPipelineSchedule() throws IOException {
    PipelineSchedule schedule = new ObjectMapper(new YAMLFactory()).readValue(EXAMPLE_SCHEDULE.toFile(), PipelineSchedule.class);

    assertThat(schedule.getSpec().getSchedule()).isEqualTo("30 0 * * *");
    assertThat(schedule.getSpec().effectiveTimeZone()).isEqualTo("Europe/Berlin");
    assertThat(schedule.getSpec().effectiveConcurrencyPolicy()).isEqualTo(ConcurrencyPolicy.FORBID);
    assertThat(schedule.getSpec().effectiveRunTemplate().effectiveStages()).containsExactly(RunStage.CLEAN, RunStage.REPORTS);
  }

  private static List<JsonNode> documents(String yaml) {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> iterator = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).readValues(yaml)) {
      while (iterator.hasNextValue()) {
        documents.add(iterator.nextValue());
      }
    } catch (IOException e) {
      throw new AssertionError("render printed no YAML: " + yaml, e);
    }
    return documents;
  }

  private static Result render(String stdin, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new RenderCommand(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int code = command.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private record Result(int code, String out, String err) {
  }
}
