package dev.pinpipe.jobs;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JobArgumentsTest {

  private static JobOptions parse(String... args) {
    JobArguments arguments = new JobArguments();
    new CommandLine(arguments).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
    return arguments.toOptions();
  }

  @Test
  void defaultsMatchThePipelines() {
    JobOptions options = parse("--date", "2026-11-24");

    assertThat(options).isEqualTo(new JobOptions(LocalDate.of(2026, 11, 24), JobOptions.Stage.ALL, "pinpipe", Optional.empty(),
        false, JobOptions.Layout.DAILY, "pinpipe", "", false, Optional.empty()));
    assertThat(options.output("delta/pin")).isEqualTo("s3a://pinpipe/delta/pin");
    assertThat(options.topic("geo")).isEqualTo("pinpipe.geo");
  }

  @Test
  void readsEveryOptionAndEndsTheOutputPrefixWithASlash() {
    JobOptions options = parse("--date", "2026-01-02", "--stage", "Reports", "--bucket", "b", "--s3-endpoint", "http://h:9000",
        "--path-style", "--layout", "default", "--topic-prefix", "t", "--output-prefix", "out", "--allow-incomplete",
        "--master", "local[2]");

    assertThat(options).isEqualTo(new JobOptions(LocalDate.of(2026, 1, 2), JobOptions.Stage.REPORTS, "b", Optional.of("http://h:9000"),
        true, JobOptions.Layout.DEFAULT, "t", "out/", true, Optional.of("local[2]")));
    assertThat(options.output("runs/dt=2026-01-02/summary.json")).isEqualTo("s3a://b/out/runs/dt=2026-01-02/summary.json");
  }

  @Test
  void aMissingDateOrAnUnknownStageExitsWithTwoAndSaysWhy() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);

    assertThat(DailyJob.execute(System.out, errors)).isEqualTo(2);
    assertThat(DailyJob.execute(System.out, errors, "--date", "2026-01-02", "--stage", "everything")).isEqualTo(2);

    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Missing required option: '--date=YYYY-MM-DD'")
        .contains("Invalid value for option '--stage'");
  }
}
