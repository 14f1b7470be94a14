package dev.pinpipe.local.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BatchCommandTest {

  @Test
  void helpListsTheJobsOptions() {
    PinpipeCommandAccess.Result help = PinpipeCommandAccess.run("batch", "--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--date", "--stage", "--allow-incomplete", "--output-prefix", "--s3-endpoint", "--data-dir");
    assertThat(PinpipeCommandAccess.run("--help").out()).contains("batch");
  }

  @Test
  void anUnknownStageIsRefusedWithTheStagesThereAre() {
    PinpipeCommandAccess.Result result = PinpipeCommandAccess.run("batch", "--stage", "publish");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("unknown stage 'publish'").contains("clean, reports or all");
  }

  @Test
  void aDateThatIsNotADayIsAUsageError() {
    PinpipeCommandAccess.Result result = PinpipeCommandAccess.run("batch", "--date", "2024-13-01");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--date");
  }
}
