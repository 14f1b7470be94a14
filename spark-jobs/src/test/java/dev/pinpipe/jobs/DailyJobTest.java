package dev.pinpipe.jobs;

import dev.pinpipe.contracts.DailyJobOptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The job's command line; DailyJobOptionsTest (common) covers every option. */
class DailyJobTest {

  @Test
  void theContractsMainClassIsTheJob() {
    assertThat(DailyJobOptions.MAIN_CLASS).isEqualTo(DailyJob.class.getName());
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
