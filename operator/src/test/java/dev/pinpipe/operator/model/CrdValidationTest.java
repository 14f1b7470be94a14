package dev.pinpipe.operator.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.Program;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the API server accepts as a PipelineRun or PipelineSchedule, before the operator sees it:
 * the generated CRDs' OpenAPI schemas (through {@link CrdSchema}) and their CEL rules
 * ({@code x-kubernetes-validations}, evaluated with CEL-Java as the API server evaluates them with cel-go).
 */
class CrdValidationTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  private static CrdSchema runs;
  private static CrdSchema schedules;

  @BeforeAll
  static void loadSchemas() {
    runs = CrdSchema.of(Crds.generated(Crds.RUNS));
    schedules = CrdSchema.of(Crds.generated(Crds.SCHEDULES));
  }

  @Test
  void aRunWithOnlyADateIsAccepted() {
    assertThat(runs.problems(run("{date: '2026-03-01'}"))).isEmpty();
  }

  @Test
  void aRunWithEverySettingIsAccepted() {
    assertThat(runs.problems(run("""
        date: '2026-02-28'
        stages: [clean, reports]
        layout: default
        allowIncomplete: true
        retry: {maxAttempts: 5, backoffSeconds: 0}
        activeDeadlineSeconds: 7200
        ttlSecondsAfterFinished: 0
        spark:
          driver: {cores: 1, memory: 2g}
          executor: {cores: 4, memory: 8G, instances: 3}
          sparkConf: {spark.sql.shuffle.partitions: '64'}
        """))).isEmpty();
  }

  @Test
  void theStatusTheOperatorWritesIsValid() {
    JsonNode run = new KubernetesSerialization().convertValue(PrinterColumnsTest.runningRun(), JsonNode.class);
    JsonNode schedule = new KubernetesSerialization().convertValue(PrinterColumnsTest.activeSchedule(), JsonNode.class);

    assertThat(runs.problems(run)).isEmpty();
    assertThat(schedules.problems(schedule)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      missing date                 | {layout: daily}                                             | spec.date: Required value
      a month 13                   | {date: '2026-13-01'}                                        | spec.date: Invalid value: "2026-13-01"
      a word for a date            | {date: yesterday}                                           | spec.date: Invalid value: "yesterday"
      a date as a number           | {date: 20260301}                                            | spec.date: Invalid value: 20260301
      an unknown stage             | {date: '2026-03-01', stages: [transform]}                   | spec.stages[0]: Invalid value: "transform"
      an unknown layout            | {date: '2026-03-01', layout: hourly}                        | spec.layout: Invalid value: "hourly"
      no attempt at all            | {date: '2026-03-01', retry: {maxAttempts: 0}}               | spec.retry.maxAttempts: Invalid value: 0
      a negative backoff           | {date: '2026-03-01', retry: {backoffSeconds: -1}}           | spec.retry.backoffSeconds: Invalid value: -1
      no time to run               | {date: '2026-03-01', activeDeadlineSeconds: 0}              | spec.activeDeadlineSeconds: Invalid value: 0
      memory with a space          | {date: '2026-03-01', spark: {driver: {memory: '2 GB'}}}     | spec.spark.driver.memory: Invalid value: "2 GB"
      no executor                  | {date: '2026-03-01', spark: {executor: {instances: 0}}}     | spec.spark.executor.instances: Invalid value: 0
      a misspelt field             | {date: '2026-03-01', retries: {maxAttempts: 2}}             | spec.retries: unknown field
      """)
  void aBadRunIsRejectedNamingTheField(String why, String spec, String expected) {
    assertThat(runs.problems(run(spec))).as(why).singleElement().asString().startsWith(expected + ": ");
  }

  @Test
  void aScheduleWithOnlyACronIsAcceptedAndOneWithEverySettingToo() {
    assertThat(schedules.problems(schedule("{schedule: '@daily'}"))).isEmpty();
    assertThat(schedules.problems(schedule("""
        schedule: '30 2 * * *'
        timeZone: Europe/Berlin
        dateOffsetDays: 1
        runTemplate:
          retry: {maxAttempts: 2}
          spark: {executor: {instances: 2}}
        concurrencyPolicy: Replace
        suspend: false
        startingDeadlineSeconds: 3600
        maxCatchUp: 0
        successfulRunsHistoryLimit: 0
        failedRunsHistoryLimit: 10
        """))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      missing schedule                 | {timeZone: UTC}                                                 | spec.schedule: Required value
      an unknown concurrency policy    | {schedule: '@daily', concurrencyPolicy: Sometimes}             | spec.concurrencyPolicy: Invalid value: "Sometimes"
      a negative success history       | {schedule: '@daily', successfulRunsHistoryLimit: -1}           | spec.successfulRunsHistoryLimit: Invalid value: -1
      a negative failure history       | {schedule: '@daily', failedRunsHistoryLimit: -1}               | spec.failedRunsHistoryLimit: Invalid value: -1
      a catch-up of more than a year   | {schedule: '@daily', maxCatchUp: 400}                          | spec.maxCatchUp: Invalid value: 400
      a bad run template               | {schedule: '@daily', runTemplate: {retry: {maxAttempts: 0}}}   | spec.runTemplate.retry.maxAttempts: Invalid value: 0
      a date in the run template       | {schedule: '@daily', runTemplate: {date: '2026-03-01'}}        | spec.runTemplate.date: unknown field
      """)
  void aBadScheduleIsRejectedNamingTheField(String why, String spec, String expected) {
    assertThat(schedules.problems(schedule(spec))).as(why).singleElement().asString().startsWith(expected + ": ");
  }

  @Test
  void theRulesAreTheSpecsImmutabilityAndTheStagesOrderAndTheirMessagesSayWhatToDo() {
    assertThat(runs.rules()).extracting(CrdSchema.Rule::field).containsExactlyInAnyOrder("spec", "spec.stages");
    assertThat(schedules.rules()).extracting(CrdSchema.Rule::field).containsExactly("spec.runTemplate.stages");
    CrdSchema.Rule immutability = rule(runs, "spec");
    assertThat(immutability.rule()).isEqualTo("self == oldSelf");
    assertThat(apiServerError("daily-2026-03-01", immutability)).isEqualTo("PipelineRun.pinpipe.dev \"daily-2026-03-01\" is invalid: "
        + "spec: Invalid value: \"object\": a PipelineRun's spec cannot change once created: "
        + "create a new PipelineRun (another name) to run with other settings");
    assertThat(rule(runs, "spec.stages").message()).isEqualTo("stages run in the order clean, reports, each at most once");
    assertThat(rule(schedules, "spec.runTemplate.stages").rule()).isEqualTo(rule(runs, "spec.stages").rule());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      [clean]            | true
      [reports]          | true
      [clean, reports]   | true
      [reports, clean]   | false
      [clean, clean]     | false
      [reports, reports] | false
      """)
  void theStagesRuleKeepsTheirOrderAndEachOnce(String stages, boolean allowed) {
    assertThat(evaluate(rule(runs, "spec.stages"), yaml(stages), null)).isEqualTo(allowed);
  }

  @Test
  void anUnchangedSpecPassesTheImmutabilityRuleWhateverItsKeyOrder() {
    String spec = "{date: '2026-03-01', stages: [clean], retry: {maxAttempts: 2, backoffSeconds: 60}, spark: {sparkConf: {a: b}}}";
    String reordered = "{spark: {sparkConf: {a: b}}, retry: {backoffSeconds: 60, maxAttempts: 2}, stages: [clean], date: '2026-03-01'}";

    assertThat(immutabilityRule(spec, spec)).isTrue();
    assertThat(immutabilityRule(spec, reordered)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      another date         | {date: '2026-03-02', retry: {maxAttempts: 2}, stages: [clean, reports]}
      another retry        | {date: '2026-03-01', retry: {maxAttempts: 3}, stages: [clean, reports]}
      a field added        | {date: '2026-03-01', retry: {maxAttempts: 2}, stages: [clean, reports], allowIncomplete: true}
      a field removed      | {date: '2026-03-01', stages: [clean, reports]}
      stages reordered     | {date: '2026-03-01', retry: {maxAttempts: 2}, stages: [reports, clean]}
      """)
  void aChangedSpecFailsTheImmutabilityRule(String why, String changed) {
    String created = "{date: '2026-03-01', retry: {maxAttempts: 2}, stages: [clean, reports]}";

    assertThat(immutabilityRule(created, changed)).as(why).isFalse();
  }

  /** The spec rule of the generated CRD, compiled from its text, for an update from {@code oldSpec} to {@code newSpec}. */
  private static boolean immutabilityRule(String oldSpec, String newSpec) {
    return evaluate(rule(runs, "spec"), yaml(newSpec), yaml(oldSpec));
  }

  private static CrdSchema.Rule rule(CrdSchema schema, String field) {
    return schema.rules().stream().filter(rule -> rule.field().equals(field)).findFirst()
        .orElseThrow(() -> new AssertionError("no rule at " + field + " in " + schema.rules()));
  }

  /** {@code rule} compiled from the CRD's text, evaluated for {@code self} (and {@code oldSelf} on an update, else null). */
  private static boolean evaluate(CrdSchema.Rule rule, JsonNode self, JsonNode oldSelf) {
    CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
        .addVar("self", SimpleType.DYN)
        .addVar("oldSelf", SimpleType.DYN)
        .setResultType(SimpleType.BOOL)
        .build();
    try {
      Program program = CelRuntimeFactory.standardCelRuntimeBuilder().build().createProgram(compiler.compile(rule.rule()).getAst());
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("self", cel(self));
      if (oldSelf != null) {
        variables.put("oldSelf", cel(oldSelf));
      }
      return (Boolean) program.eval(variables);
    } catch (CelValidationException | CelEvaluationException e) {
      throw new AssertionError("the rule " + rule.rule() + " at " + rule.field() + " does not evaluate: " + e.getMessage(), e);
    }
  }

  /** The error kubectl prints when the API server refuses an update for a rule with a message. */
  private static String apiServerError(String name, CrdSchema.Rule rule) {
    return "PipelineRun.pinpipe.dev \"" + name + "\" is invalid: " + rule.field() + ": Invalid value: \"object\": " + rule.message();
  }

  /** A JSON value as CEL holds it: maps, lists, int (long), double, string, bool. */
  private static Object cel(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties().forEach(field -> map.put(field.getKey(), cel(field.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(cel(item)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    throw new IllegalArgumentException("no CEL value for " + node);
  }

  private static JsonNode run(String spec) {
    return document("PipelineRun", "daily-2026-03-01", spec);
  }

  private static JsonNode schedule(String spec) {
    return document("PipelineSchedule", "nightly", spec);
  }

  private static JsonNode document(String kind, String name, String spec) {
    ObjectNode document = YAML.createObjectNode();
    document.put("apiVersion", "pinpipe.dev/v1alpha1");
    document.put("kind", kind);
    document.putObject("metadata").put("name", name).put("namespace", "pinpipe");
    document.set("spec", yaml(spec));
    return document;
  }

  private static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
