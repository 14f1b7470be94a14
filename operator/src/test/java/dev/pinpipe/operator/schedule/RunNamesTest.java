package dev.pinpipe.operator.schedule;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class RunNamesTest {

  private static final LocalDate DATE = LocalDate.parse("2026-03-01");
  /** A DNS subdomain (what a schedule's name is) and at most 63 characters. */
  private static final String DNS_LABEL_LENGTH_SUBDOMAIN = "^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  @Test
  void shortNamesAreScheduleAndDate() {
    assertThat(RunNames.run("daily", DATE, 1)).isEqualTo("daily-2026-03-01");
    assertThat(RunNames.run("daily", DATE, 2)).isEqualTo("daily-2026-03-01-r2");
    assertThat(RunNames.scheduleLabel("daily")).isEqualTo("daily");
  }

  @Test
  void longScheduleNamesAreCutDeterministicallyWithAHash() {
    String a = "a-very-long-schedule-name-for-the-nightly-pinterest-reports.team-analytics.example-" + "x".repeat(120);
    String b = a.substring(0, a.length() - 1) + "y";

    String runA = RunNames.run(a, DATE, 1);

    assertThat(runA).isEqualTo(RunNames.run(a, DATE, 1)).matches(DNS_LABEL_LENGTH_SUBDOMAIN).endsWith("-2026-03-01")
        .isNotEqualTo(RunNames.run(b, DATE, 1));
    assertThat(RunNames.run(a, DATE, 12)).matches(DNS_LABEL_LENGTH_SUBDOMAIN).endsWith("-2026-03-01-r12");
    assertThat(RunNames.run(a, DATE, 12345)).matches(DNS_LABEL_LENGTH_SUBDOMAIN);
    assertThat(RunNames.scheduleLabel(a)).hasSize(63).matches(DNS_LABEL_LENGTH_SUBDOMAIN).isNotEqualTo(RunNames.scheduleLabel(b));
    // The cut never leaves "-" or "." before the hash.
    assertThat(RunNames.run("abcdefghij.".repeat(10), DATE, 1)).matches(DNS_LABEL_LENGTH_SUBDOMAIN);
  }

  @Test
  void rerunNumbersAreReadBackFromNames() {
    assertThat(RunNames.rerunNumber("daily-2026-03-01")).hasValue(1);
    assertThat(RunNames.rerunNumber("daily-2026-03-01-r7")).hasValue(7);
    assertThat(RunNames.rerunNumber("something-else")).isEmpty();
  }
}
