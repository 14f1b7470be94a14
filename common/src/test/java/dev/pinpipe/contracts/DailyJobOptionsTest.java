package dev.pinpipe.contracts;

import dev.pinpipe.contracts.DailyJobOptions.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DailyJobOptionsTest {

  private static final LocalDate DAY = LocalDate.of(2026, 1, 2);

  /** Every stage, layout and output prefix, with and without each optional argument. */
  static List<DailyJobOptions> everyCombination() {
    List<DailyJobOptions> all = new ArrayList<>();
    for (Stage stage : Stage.values()) {
      for (RawLayout layout : RawLayout.values()) {
        for (String outputPrefix : List.of("", "out", "out/", "a/b")) {
          for (int flags = 0; flags < 16; flags++) {
            all.add(new DailyJobOptions(DAY, stage, "b", (flags & 1) != 0 ? Optional.of("http://h:9000") : Optional.empty(),
                (flags & 2) != 0, layout, "t", outputPrefix, (flags & 4) != 0,
                (flags & 8) != 0 ? Optional.of("local[2]") : Optional.empty()));
          }
        }
      }
    }
    return all;
  }

  @ParameterizedTest
  @MethodSource("everyCombination")
  void theArgumentsParseBackToTheSameOptions(DailyJobOptions options) {
    assertThat(DailyJobOptions.parse(options.toArguments().toArray(String[]::new))).isEqualTo(options);
  }

  @Test
  void theArgumentsNameEveryOptionAndTheOptionalOnesOnlyWhenSet() {
    DailyJobOptions options = new DailyJobOptions(LocalDate.of(2024, 3, 1), Stage.REPORTS, "my-bucket",
        Optional.of("http://127.0.0.1:9000"), true, RawLayout.DAILY, "pp", "out", true, Optional.of("local[*]"));

    assertThat(options.toArguments()).containsExactly(
        "--master", "local[*]", "--date", "2024-03-01", "--stage", "reports", "--bucket", "my-bucket",
        "--s3-endpoint", "http://127.0.0.1:9000", "--path-style", "--layout", "daily", "--topic-prefix", "pp",
        "--output-prefix", "out/", "--allow-incomplete");
    assertThat(new DailyJobOptions(DAY, Stage.ALL, "b", Optional.empty(), false, RawLayout.DEFAULT, "pinpipe", "", false,
        Optional.empty()).toArguments()).containsExactly(
        "--date", "2026-01-02", "--stage", "all", "--bucket", "b", "--layout", "default", "--topic-prefix", "pinpipe");
  }

  @Test
  void defaultsMatchThePipelines() {
    DailyJobOptions options = DailyJobOptions.parse("--date", "2026-11-24");

    assertThat(options).isEqualTo(new DailyJobOptions(LocalDate.of(2026, 11, 24), Stage.ALL, "pinpipe", Optional.empty(),
        false, RawLayout.DAILY, "pinpipe", "", false, Optional.empty()));
    assertThat(options.outputKey("delta/pin")).isEqualTo("delta/pin");
    assertThat(options.topics().topic(RecordKind.GEO)).isEqualTo("pinpipe.geo");
  }

  @Test
  void readsEveryOptionInAnyCaseAndEndsTheOutputPrefixWithASlash() {
    DailyJobOptions options = DailyJobOptions.parse("--date", "2026-01-02", "--stage", "Reports", "--bucket", "b",
        "--s3-endpoint", "http://h:9000", "--path-style", "--layout", "DEFAULT", "--topic-prefix", "t", "--output-prefix", "out",
        "--allow-incomplete", "--master", "local[2]");

    assertThat(options).isEqualTo(new DailyJobOptions(DAY, Stage.REPORTS, "b", Optional.of("http://h:9000"),
        true, RawLayout.DEFAULT, "t", "out/", true, Optional.of("local[2]")));
    assertThat(options.outputKey(RunSummary.key(DAY))).isEqualTo("out/runs/dt=2026-01-02/summary.json");
  }

  @Test
  void aMissingDateOrAnUnknownStageSaysWhich() {
    assertThatThrownBy(DailyJobOptions::parse).isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("Missing required option: '--date=YYYY-MM-DD'");
    assertThatThrownBy(() -> DailyJobOptions.parse("--date", "2026-01-02", "--stage", "everything"))
        .hasMessageContaining("Invalid value for option '--stage'");
  }

  @Test
  void stagesSayWhichPartsRun() {
    assertThat(Stage.ALL.runsClean()).isTrue();
    assertThat(Stage.ALL.runsReports()).isTrue();
    assertThat(Stage.CLEAN.runsReports()).isFalse();
    assertThat(Stage.REPORTS.runsClean()).isFalse();
  }
}
