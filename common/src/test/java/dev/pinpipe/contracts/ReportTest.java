package dev.pinpipe.contracts;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportTest {

  @Test
  void theNineReportsAreInTheDesignsOrder() {
    assertThat(Arrays.stream(Report.values()).map(Report::reportName)).containsExactly(
        "category_by_country", "category_by_year", "top_user_by_country", "top_country",
        "category_by_age_group", "median_followers_by_age_group", "users_joined_by_year",
        "median_followers_by_join_year", "median_followers_by_join_year_and_age_group");
  }

  @Test
  void keyLabelAndValueColumnsAreColumnsOfTheReportAndTheKeysComeFirst() {
    for (Report report : Report.values()) {
      assertThat(report.columns()).as(report.reportName()).startsWith(report.keyColumns().toArray(String[]::new));
      assertThat(report.columns()).as(report.reportName()).containsAll(report.labelColumns()).contains(report.valueColumn());
      assertThat(report.labelColumns()).as(report.reportName()).doesNotContain(report.valueColumn());
      assertThat(report.title()).as(report.reportName()).isNotBlank();
    }
  }

  @Test
  void namesParseBackAndUnknownOnesListTheKnown() {
    for (Report report : Report.values()) {
      assertThat(Report.fromName(report.reportName())).isEqualTo(report);
    }
    assertThatThrownBy(() -> Report.fromName("nope")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("top_country");
  }

  @Test
  void aDaysReportIsAFolderOfJsonLinesUnderReports() {
    assertThat(Report.TOP_COUNTRY.jsonDirectory(LocalDate.of(2026, 3, 1))).isEqualTo("reports/top_country/dt=2026-03-01/");
    assertThat(Report.htmlPageKey(LocalDate.of(2026, 3, 1))).isEqualTo("reports/html/dt=2026-03-01/index.html").startsWith(Report.HTML_PREFIX);
  }
}
