package dev.pinpipe.operator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pinpipe.operator.config.OperatorSettings;
import dev.pinpipe.operator.model.PipelineRun;
import dev.pinpipe.operator.model.RunStage;
import dev.pinpipe.operator.spark.SparkApplication;
import dev.pinpipe.operator.spark.SparkApplicationFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code pinpipe operator render}: the SparkApplications the operator would create for
 * PipelineRuns read from a file, without a cluster, through the reconciler's own
 * {@link SparkApplicationFactory}.
 */
@Command(
    name = "render",
    description = {
        "Prints, as multi-document YAML, the SparkApplications the operator would create for the PipelineRuns in FILE:"
            + " one per stage of each run (attempt 1 unless --attempt says otherwise), from the operator's settings"
            + " (--config and PINPIPE_OPERATOR_* variables) with each run's spec.spark on top.",
        "A run without metadata.namespace is rendered in namespace 'default'. A run that was never applied has no uid:"
            + " its owner reference then names the run but has no uid (the operator's always carries the live run's).",
        "Output is deterministic and never contains credentials: those reach the job from the configured Secret.",
        "Exit code 2, with one line naming the document and the field, when FILE holds anything but valid PipelineRuns."},
    exitCodeOnInvalidInput = RenderCommand.BAD_INPUT)
public final class RenderCommand implements Callable<Integer> {

  /** The exit code for input that is no valid PipelineRun (picocli's for a bad command line too). */
  public static final int BAD_INPUT = 2;
  static final String DEFAULT_NAMESPACE = "default";

  private static final String PREFIX = "pinpipe operator render: ";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Spec
  CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
      description = "YAML with one or more PipelineRun documents separated by ---; - reads standard input.")
  String file;

  @Option(names = "--config", paramLabel = "FILE", description = "The operator's settings file; PINPIPE_OPERATOR_* variables still apply on top.")
  Path config;

  @Option(names = "--attempt", paramLabel = "N", defaultValue = "1", description = "The attempt to render (default: ${DEFAULT-VALUE}).")
  int attempt;

  private final Map<String, String> env;
  private final InputStream stdin;

  /** Settings from this process's environment, {@code -} from its standard input. */
  public RenderCommand() {
    this(System.getenv(), System.in);
  }

  /** Settings from {@code env}, {@code -} from {@code stdin}. */
  public RenderCommand(Map<String, String> env, InputStream stdin) {
    this.env = Map.copyOf(env);
    this.stdin = stdin;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      if (attempt < 1) {
        throw new BadInput("--attempt must be at least 1, got " + attempt);
      }
      SparkApplicationFactory factory = new SparkApplicationFactory(settings());
      List<SparkApplication> applications = new ArrayList<>();
      for (PipelineRun run : runs()) {
        for (RunStage stage : run.getSpec().effectiveStages()) {
          applications.add(factory.create(run, stage, attempt));
        }
      }
      out.print(applications.stream().map(RenderCommand::yaml).collect(Collectors.joining()));
      out.flush();
      return 0;
    } catch (BadInput | IllegalArgumentException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(PREFIX + e.getMessage());
      err.flush();
      return BAD_INPUT;
    }
  }

  private OperatorSettings settings() {
    if (config != null && !Files.isRegularFile(config)) {
      throw new BadInput("--config " + config + ": no such file");
    }
    return OperatorSettings.load(Optional.ofNullable(config), env);
  }

  /** Every document of the file as a PipelineRun the factory accepts, or the first problem, named by document and field. */
  private List<PipelineRun> runs() {
    String text = read();
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    ObjectMapper strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    List<PipelineRun> runs = new ArrayList<>();
    int document = 0;
    try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(text)) {
      while (documents.hasNextValue()) {
        document++;
        JsonNode node = documents.nextValue();
        if (node == null || node.isNull() || node.isMissingNode()) {
          continue;
        }
        runs.add(run(node, "document " + document, strict));
      }
    } catch (JsonProcessingException e) {
      throw new BadInput(source() + ": document " + Math.max(document, 1) + " is not YAML: " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new BadInput(source() + ": " + e.getMessage());
    }
    if (runs.isEmpty()) {
      throw new BadInput(source() + ": no PipelineRun in it");
    }
    return runs;
  }

  private PipelineRun run(JsonNode node, String document, ObjectMapper strict) {
    String where = source() + ": " + document;
    if (!node.isObject()) {
      throw new BadInput(where + ": not a mapping; a PipelineRun is expected");
    }
    String kind = HasMetadata.getKind(PipelineRun.class);
    String apiVersion = HasMetadata.getApiVersion(PipelineRun.class);
    if (!kind.equals(node.path("kind").asText())) {
      throw new BadInput(where + ": kind is " + describe(node.get("kind")) + ", expected " + kind);
    }
    String name = node.path("metadata").path("name").asText("");
    if (!name.isEmpty()) {
      where = where + " (" + kind + " " + name + ")";
    }
    if (!apiVersion.equals(node.path("apiVersion").asText())) {
      throw new BadInput(where + ": apiVersion is " + describe(node.get("apiVersion")) + ", expected " + apiVersion);
    }
    PipelineRun run;
    try {
      run = strict.treeToValue(node, PipelineRun.class);
    } catch (JsonMappingException e) {
      throw new BadInput(where + ": " + mappingProblem(e));
    } catch (JsonProcessingException e) {
      throw new BadInput(where + ": " + firstLine(e.getOriginalMessage()));
    }
    if (run.getMetadata() != null && (run.getMetadata().getNamespace() == null || run.getMetadata().getNamespace().isBlank())) {
      run.getMetadata().setNamespace(DEFAULT_NAMESPACE);
    }
    String problemAt = where;
    SparkApplicationFactory.problem(run).ifPresent(problem -> {
      throw new BadInput(problemAt + ": " + problem);
    });
    return run;
  }

  /** The field at fault and what is wrong with it, in one line. */
  private static String mappingProblem(JsonMappingException e) {
    String field = e.getPath().stream()
        .map(reference -> reference.getFieldName() != null ? "." + reference.getFieldName() : "[" + reference.getIndex() + "]")
        .collect(Collectors.joining()).replaceFirst("^\\.", "");
    if (e instanceof UnrecognizedPropertyException) {
      return field + ": unknown field";
    }
    if (e instanceof InvalidFormatException invalid) {
      Class<?> type = invalid.getTargetType();
      return field + ": '" + invalid.getValue() + "' is not " + expected(invalid.getTargetType());
    }
    return field + ": " + firstLine(e.getOriginalMessage());
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "valid here";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants()).map(constant -> SERIALIZATION.asJson(constant).replace("\"", "")).toList();
    }
    if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
      return "a whole number";
    }
    return type == Boolean.class || type == boolean.class ? "true or false" : "a " + type.getSimpleName();
  }

  private String read() {
    try {
      if (file.equals("-")) {
        return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
      }
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new BadInput(source() + ": cannot read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
  }

  private String source() {
    return file.equals("-") ? "standard input" : file;
  }

  private static String yaml(SparkApplication application) {
    String yaml = SERIALIZATION.asYaml(application);
    return yaml.startsWith("---") ? yaml : "---\n" + yaml;
  }

  private static String describe(JsonNode value) {
    return value == null || value.isNull() ? "missing" : "'" + value.asText() + "'";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).trim();
  }

  /** Input that is no valid PipelineRun: its message is the one line the user sees. */
  private static final class BadInput extends RuntimeException {
    BadInput(String message) {
      super(message, null, false, false);
    }
  }
}
