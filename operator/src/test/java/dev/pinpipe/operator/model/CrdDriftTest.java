package dev.pinpipe.operator.model;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The chart installs the CRDs in helm/pinpipe/crds/: they must be exactly what the model generates. */
class CrdDriftTest {

  @Test
  void theChartsCrdsAreByteForByteTheOnesGeneratedFromTheModel() throws IOException {
    List<String> generated = ymlFiles(Crds.generatedDir());
    assertThat(generated).as("CRDs generated into %s", Crds.generatedDir()).containsExactlyInAnyOrderElementsOf(Crds.FILES);

    List<String> problems = new ArrayList<>();
    for (String file : generated) {
      Path committed = Crds.committedDir().resolve(file);
      if (!Files.isRegularFile(committed)) {
        problems.add("helm/pinpipe/crds/" + file + " is missing (the build generates it)");
        continue;
      }
      byte[] want = Files.readAllBytes(Crds.generated(file));
      byte[] have = Files.readAllBytes(committed);
      if (!Arrays.equals(want, have)) {
        problems.add("helm/pinpipe/crds/" + file + " differs from operator/target/crds/" + file
            + " (generated from the model by this build): " + firstDifference(have, want));
      }
    }
    if (Files.isDirectory(Crds.committedDir())) {
      for (String file : ymlFiles(Crds.committedDir())) {
        if (!generated.contains(file)) {
          problems.add("helm/pinpipe/crds/" + file + " is no longer generated from the model: delete it");
        }
      }
    }
    if (!problems.isEmpty()) {
      fail(String.join("\n", problems) + "\nRefresh the chart's CRDs from the repository root with:\n  " + Crds.REFRESH);
    }
  }

  @Test
  void pipelineRunIsANamespacedKindWithStatusShortNamePrunAndItsColumns() {
    CustomResourceDefinitionVersion version = assertKind(Crds.load(Crds.committed(Crds.RUNS)),
        "PipelineRun", "pipelineruns", "prun");
    assertThat(columns(version)).containsExactlyInAnyOrder(
        "Date string .spec.date",
        "Phase string .status.phase",
        "Stage string .status.stage",
        "Attempts integer .status.attempts",
        "Age date .metadata.creationTimestamp");
  }

  @Test
  void pipelineScheduleIsANamespacedKindWithStatusShortNamePschedAndItsColumns() {
    CustomResourceDefinitionVersion version = assertKind(Crds.load(Crds.committed(Crds.SCHEDULES)),
        "PipelineSchedule", "pipelineschedules", "psched");
    assertThat(columns(version)).containsExactlyInAnyOrder(
        "Schedule string .spec.schedule",
        "TimeZone string .spec.timeZone",
        "Suspended boolean .spec.suspend",
        "Last Run date .status.lastScheduleTime",
        "Next Run date .status.nextScheduleTime",
        "Active integer .status.activeCount",
        "Age date .metadata.creationTimestamp");
  }

  /** Asserts what every pinpipe kind has in common; returns its one version. */
  private static CustomResourceDefinitionVersion assertKind(CustomResourceDefinition crd, String kind, String plural,
      String shortName) {
    assertThat(crd.getMetadata().getName()).isEqualTo(plural + ".pinpipe.dev");
    assertThat(crd.getSpec().getGroup()).isEqualTo("pinpipe.dev");
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getNames().getKind()).isEqualTo(kind);
    assertThat(crd.getSpec().getNames().getPlural()).isEqualTo(plural);
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly(shortName);
    assertThat(crd.getSpec().getNames().getCategories()).containsExactly("pinpipe");
    assertThat(crd.getSpec().getVersions()).hasSize(1);
    CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
    assertThat(version.getName()).isEqualTo("v1alpha1");
    assertThat(version.getServed()).isTrue();
    assertThat(version.getStorage()).isTrue();
    assertThat(version.getSubresources()).as("subresources").isNotNull();
    assertThat(version.getSubresources().getStatus()).as("the status subresource").isNotNull();
    assertThat(version.getSchema().getOpenAPIV3Schema().getProperties()).containsKeys("spec", "status");
    return version;
  }

  private static List<String> columns(CustomResourceDefinitionVersion version) {
    return version.getAdditionalPrinterColumns().stream()
        .map(column -> column.getName() + " " + column.getType() + " " + column.getJsonPath())
        .toList();
  }

  private static List<String> ymlFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".yml")).sorted().toList();
    }
  }

  private static String firstDifference(byte[] committed, byte[] generated) {
    String[] have = new String(committed, StandardCharsets.UTF_8).split("\n", -1);
    String[] want = new String(generated, StandardCharsets.UTF_8).split("\n", -1);
    for (int i = 0; i < Math.max(have.length, want.length); i++) {
      String line = i < have.length ? have[i] : "<end of file>";
      String expected = i < want.length ? want[i] : "<end of file>";
      if (!line.equals(expected)) {
        return "first at line " + (i + 1) + ": committed [" + visible(line) + "], generated [" + visible(expected) + "]";
      }
    }
    return "the same lines, other bytes (encoding)";
  }

  private static String visible(String line) {
    return line.replace("\r", "\\r").replace("\t", "\\t");
  }
}
