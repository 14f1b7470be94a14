package dev.pinpipe.local.batch;

import dev.pinpipe.contracts.DailyJobOptions;
import dev.pinpipe.contracts.RawLayout;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RawDayTest {

  private static DailyJobOptions request(DailyJobOptions.Stage stage, RawLayout layout) {
    return new DailyJobOptions(LocalDate.of(2026, 3, 7), stage, "pinpipe", Optional.empty(), true, layout, "pinpipe", "", false, Optional.empty());
  }

  @Test
  void theDaysRawFoldersAreThoseOfTheThreeTopicsInTheDailyLayout() {
    assertThat(RawDay.prefixes(request(DailyJobOptions.Stage.ALL, RawLayout.DAILY))).containsExactly(
        "topics/pinpipe.pin/year=2026/month=03/day=07/",
        "topics/pinpipe.geo/year=2026/month=03/day=07/",
        "topics/pinpipe.user/year=2026/month=03/day=07/");
  }

  @Test
  void nothingIsCheckedForTheReportsStageOrTheDefaultLayout() {
    assertThat(RawDay.prefixes(request(DailyJobOptions.Stage.REPORTS, RawLayout.DAILY))).isEmpty();
    assertThat(RawDay.prefixes(request(DailyJobOptions.Stage.CLEAN, RawLayout.DEFAULT))).isEmpty();
  }
}
