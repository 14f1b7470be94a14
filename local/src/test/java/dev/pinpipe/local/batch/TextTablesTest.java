package dev.pinpipe.local.batch;

import dev.pinpipe.contracts.Report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TextTablesTest {

  @Test
  void aReportIsATitleAHeaderOfItsColumnsAndOneLinePerRow() {
    ReportRows report = new ReportRows(Report.CATEGORY_BY_COUNTRY, List.of(
        ReportFixtures.row(Map.of("country", "Albania", "category", "art", "category_count", 12)),
        ReportFixtures.row(Map.of("country", "Côte d'Ivoire", "category", "travel", "category_count", 7))));

    String text = TextTables.render(report, 20);

    List<String> lines = text.lines().toList();
    assertThat(lines.get(0)).isEqualTo("category_by_country: Most popular category per country (2 rows)");
    assertThat(lines).anySatisfy(line -> assertThat(line).matches("\\| country +\\| category +\\| category_count \\|"));
    assertThat(lines).anySatisfy(line -> assertThat(line).matches("\\| Albania +\\| art +\\| +12 \\|"));
    assertThat(lines).anySatisfy(line -> assertThat(line).matches("\\| Côte d'Ivoire +\\| travel +\\| +7 \\|"));
    assertThat(lines.stream().filter(line -> line.startsWith("|"))).hasSize(3);
  }

  @Test
  void wholeMediansPrintWithoutAFractionAndHalvesWithOne() {
    ReportRows report = new ReportRows(Report.MEDIAN_FOLLOWERS_BY_AGE_GROUP, List.of(
        ReportFixtures.row(Map.of("age_group", "18-24", "median_follower_count", 51000.0)),
        ReportFixtures.row(Map.of("age_group", "+50", "median_follower_count", 1500.5))));

    String text = TextTables.render(report, 20);

    assertThat(text).containsPattern("\\| 18-24 +\\| +51000 \\|").containsPattern("\\| \\+50 +\\| +1500.5 \\|");
  }

  @Test
  void longReportsShowTheirFirstRowsAndSayHowManyThereAre() {
    List<com.fasterxml.jackson.databind.node.ObjectNode> rows = java.util.stream.IntStream.range(0, 30)
        .mapToObj(i -> ReportFixtures.row(Map.of("post_year", 2000 + i, "number_users_joined", i))).toList();

    String text = TextTables.render(new ReportRows(Report.USERS_JOINED_BY_YEAR, rows), 20);

    assertThat(text.lines().findFirst()).hasValue("users_joined_by_year: Users joined per year, 2015-2020 (first 20 of 30 rows; all in the HTML report)");
    assertThat(text).contains(" 2019 |").doesNotContain(" 2020 |");
  }

  @Test
  void anEmptyReportStillShowsItsHeaderAndAMissingValueIsBlank() {
    assertThat(TextTables.render(new ReportRows(Report.TOP_COUNTRY, List.of()), 20))
        .startsWith("top_country: The country of the user with most followers (0 rows)").contains("country", "follower_count");
    assertThat(TextTables.render(new ReportRows(Report.TOP_COUNTRY, List.of(ReportFixtures.row(Map.of("country", "Peru")))), 20))
        .containsPattern("\\| Peru +\\| +\\|");
  }

  @Test
  void namesFromTheDataArePrintedAsTheyAre() {
    assertThat(TextTables.render(ReportFixtures.nineReports().get(Report.TOP_USER_BY_COUNTRY.ordinal()), 20))
        .contains(ReportFixtures.HOSTILE_NAME);
  }
}
