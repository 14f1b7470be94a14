package dev.pinpipe.operator.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The columns {@code kubectl get} shows for one of our resources, checked with the real kubectl:
 * each printer column's JSONPath of the resource's CRD is evaluated by
 * {@code kubectl annotate --local -f FILE ... -o jsonpath={PATH}} (offline: no cluster, no
 * kubeconfig; the annotation it adds is harmless), the same client-go JSONPath engine the API
 * server uses for printer columns.
 */
public final class PrinterColumns {

  private static final long KUBECTL_TIMEOUT_SECONDS = 30;
  /** RFC 3339 date-time, as the API server writes and kubectl's {@code date} columns read them. */
  private static final Pattern RFC_3339 =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})");
  /** Between the columns' values in one kubectl run: text no value of ours contains. */
  private static final String SEPARATOR = "<<pinpipe column>>";

  private PrinterColumns() {
  }

  /**
   * What is wrong with {@code resource}'s printer columns: one line per column of {@code crdFile}'s
   * version of it whose JSONPath does not resolve, resolves to nothing, or to a value that is not of
   * the column's declared type (integer: a long; number: a decimal; boolean: true or false; date:
   * RFC 3339; string: not empty). Empty when every column shows a value.
   *
   * @throws IllegalArgumentException when {@code crdFile} defines another kind or lacks the resource's version
   * @throws AssertionError when kubectl is not installed
   */
  public static List<String> columnProblems(HasMetadata resource, Path crdFile) {
    List<CustomResourceColumnDefinition> columns = versionOf(resource, Crds.load(crdFile)).getAdditionalPrinterColumns();
    Path kubectl = kubectl();
    String name = resource.getKind() + " " + resource.getMetadata().getName();
    Path file = null;
    try {
      file = Files.createTempFile("pinpipe-columns-", ".yaml");
      Files.writeString(file, new KubernetesSerialization().asYaml(resource));
      List<String> values = allValues(kubectl, file, columns);
      List<String> problems = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        CustomResourceColumnDefinition column = columns.get(i);
        problemOf(kubectl, file, column, values.get(i)).ifPresent(problem -> problems.add(name + ": column \""
            + column.getName() + "\" (" + column.getJsonPath() + ", " + column.getType() + "): " + problem));
      }
      return problems;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(file);
    }
  }

  private static CustomResourceDefinitionVersion versionOf(HasMetadata resource, CustomResourceDefinition crd) {
    String group = crd.getSpec().getGroup();
    if (!crd.getSpec().getNames().getKind().equals(resource.getKind()) || !resource.getApiVersion().startsWith(group + "/")) {
      throw new IllegalArgumentException("the CRD defines " + group + " " + crd.getSpec().getNames().getKind()
          + ", not " + resource.getApiVersion() + " " + resource.getKind());
    }
    String versionName = resource.getApiVersion().substring(group.length() + 1);
    return crd.getSpec().getVersions().stream()
        .filter(version -> version.getName().equals(versionName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("the CRD " + crd.getMetadata().getName() + " has no version " + versionName));
  }

  /**
   * Every column's value in one kubectl run (a missing field prints as nothing), or all nulls when
   * that run fails, so that each column is then evaluated alone and the failing one named.
   */
  private static List<String> allValues(Path kubectl, Path file, List<CustomResourceColumnDefinition> columns) throws IOException {
    String template = columns.stream().map(column -> "{" + column.getJsonPath() + "}")
        .collect(Collectors.joining("{\"" + SEPARATOR + "\"}"));
    Kubectl run = Kubectl.run(kubectl, file, template, true);
    String[] values = run.exitCode() == 0 ? run.output().split(Pattern.quote(SEPARATOR), -1) : new String[0];
    List<String> result = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      result.add(values.length == columns.size() ? values[i] : null);
    }
    return result;
  }

  /** What is wrong with one column's value; an empty or unknown value is evaluated again alone, missing fields being errors. */
  private static Optional<String> problemOf(Path kubectl, Path file, CustomResourceColumnDefinition column, String value)
      throws IOException {
    if (value != null && !value.isEmpty()) {
      return typeProblem(column.getType(), value);
    }
    Kubectl alone = Kubectl.run(kubectl, file, "{" + column.getJsonPath() + "}", false);
    if (alone.exitCode() != 0) {
      return Optional.of("kubectl failed (exit " + alone.exitCode() + "): " + alone.error());
    }
    return typeProblem(column.getType(), alone.output());
  }

  /** One {@code kubectl annotate --local -o jsonpath=TEMPLATE} run: its exit code, output and first line of error. */
  private record Kubectl(int exitCode, String output, String error) {

    static Kubectl run(Path kubectl, Path file, String template, boolean allowMissing) throws IOException {
      Path out = Files.createTempFile("pinpipe-kubectl-", ".out");
      Path err = Files.createTempFile("pinpipe-kubectl-", ".err");
      try {
        Process process = new ProcessBuilder(kubectl.toString(), "annotate", "--local", "-f", file.toString(),
            "pinpipe.dev/printer-columns=checked", "--allow-missing-template-keys=" + allowMissing, "-o", "jsonpath=" + template)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
        if (!process.waitFor(KUBECTL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          return new Kubectl(-1, "", "kubectl did not answer in " + KUBECTL_TIMEOUT_SECONDS + " s");
        }
        String error = Files.readString(err, StandardCharsets.UTF_8).lines().findFirst().orElse("(no message)");
        return new Kubectl(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), error);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while kubectl ran", e);
      } finally {
        deleteQuietly(out);
        deleteQuietly(err);
      }
    }
  }

  /** Whether {@code value} reads as the column type says (kubectl shows what does not as {@code <invalid>} or raw). */
  static Optional<String> typeProblem(String type, String value) {
    if (value.isEmpty()) {
      return Optional.of("empty");
    }
    return switch (type) {
      case "integer" -> parses(() -> Long.parseLong(value)) ? Optional.empty() : Optional.of("not an integer: [" + value + "]");
      case "number" -> parses(() -> Double.parseDouble(value)) ? Optional.empty() : Optional.of("not a number: [" + value + "]");
      case "boolean" -> value.equals("true") || value.equals("false") ? Optional.empty()
          : Optional.of("not true or false: [" + value + "]");
      case "date" -> RFC_3339.matcher(value).matches() && parses(() -> OffsetDateTime.parse(value.toUpperCase(Locale.ROOT)))
          ? Optional.empty() : Optional.of("not an RFC 3339 date-time: [" + value + "]");
      case "string" -> Optional.empty();
      default -> Optional.of("unknown column type " + type);
    };
  }

  private static boolean parses(Runnable parse) {
    try {
      parse.run();
      return true;
    } catch (NumberFormatException | DateTimeParseException e) {
      return false;
    }
  }

  /** kubectl on the PATH (or Debian's /usr/bin/kubectl); a missing kubectl fails the test, it does not skip it. */
  static Path kubectl() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.concat(Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "kubectl")),
            Stream.of(Path.of("/usr/bin/kubectl")))
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(() -> new AssertionError("kubectl is not installed (not on PATH " + path + ", nor /usr/bin/kubectl): "
            + "the printer columns are checked with the real kubectl, offline. Install it, e.g. apt-get install kubectl "
            + "or apt-get install kubernetes-client on Debian"));
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a temporary file left behind is harmless
      }
    }
  }
}
