package dev.pinpipe.management;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LatestReportTest {

  @Test
  void theNewestDaysPageIsTheGreatestDateAmongThePages() {
    assertThat(LatestReport.newestKey(List.of(
        "reports/html/dt=2026-11-24/index.html",
        "reports/html/dt=2026-12-01/index.html",
        "reports/html/dt=2026-12-02/chart.js",
        "reports/html/dt=2026-12-03/nested/index.html",
        "reports/html/dt=2026-11-30/index.html")))
        .contains("reports/html/dt=2026-12-01/index.html");
  }

  @Test
  void noPageIsNone() {
    assertThat(LatestReport.newestKey(List.of())).isEmpty();
    assertThat(LatestReport.newestKey(List.of("reports/html/dt=2026-12-02/summary.json"))).isEmpty();
  }
}
