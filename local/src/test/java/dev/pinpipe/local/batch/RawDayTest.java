package dev.pinpipe.local.batch;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RawDayTest {

  private static JobRequest request(JobRequest.Stage stage, String layout) {
    return new JobRequest(LocalDate.of(2026, 3, 7), stage, "pinpipe", Optional.empty(), true, layout, "pinpipe", "", false);
  }

  @Test
  void theDaysRawFoldersAreThoseOfTheThreeTopicsInTheDailyLayout() {
    assertThat(RawDay.prefixes(request(JobRequest.Stage.ALL, "daily"))).containsExactly(
        "topics/pinpipe.pin/year=2026/month=03/day=07/",
        "topics/pinpipe.geo/year=2026/month=03/day=07/",
        "topics/pinpipe.user/year=2026/month=03/day=07/");
  }

  @Test
  void nothingIsCheckedForTheReportsStageOrTheDefaultLayout() {
    assertThat(RawDay.prefixes(request(JobRequest.Stage.REPORTS, "daily"))).isEmpty();
    assertThat(RawDay.prefixes(request(JobRequest.Stage.CLEAN, "default"))).isEmpty();
  }
}
