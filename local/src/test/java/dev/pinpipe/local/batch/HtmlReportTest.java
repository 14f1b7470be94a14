package dev.pinpipe.local.batch;

import dev.pinpipe.contracts.Report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

  private static final LocalDate DAY = LocalDate.of(2024, 3, 1);

  private final List<ReportRows> reports = ReportFixtures.nineReports();
  private final String html = HtmlReport.render(DAY, reports);

  @Test
  void thePageIsWellFormedHtmlWithNoParseErrors() {
    Parser parser = Parser.htmlParser().setTrackErrors(100);
    Document page = Jsoup.parse(html, "", parser);

    assertThat(parser.getErrors()).isEmpty();
    assertThat(html).startsWith("<!DOCTYPE html>");
    assertThat(page.title()).isEqualTo("pinpipe reports, dt=2024-03-01");
    assertThat(page.selectFirst("meta[charset]").attr("charset")).isEqualTo("utf-8");
  }

  @Test
  void eachReportHasOneSectionWithItsChartAndItsRowsInTheDesignsOrder() {
    Document page = Jsoup.parse(html);

    List<String> names = Arrays.stream(Report.values()).map(Report::reportName).toList();
    assertThat(page.select("section").eachAttr("id")).containsExactlyElementsOf(names);
    assertThat(page.select("canvas").eachAttr("id")).containsExactlyElementsOf(names.stream().map(name -> "chart-" + name).toList());
    assertThat(page.select("nav a").eachAttr("href")).containsExactlyElementsOf(names.stream().map(name -> "#" + name).toList());
    for (Report report : Report.values()) {
      Element section = page.getElementById(report.reportName());
      assertThat(section.select("canvas")).hasSize(1);
      assertThat(section.select("thead th").eachText()).containsExactlyElementsOf(report.columns());
      assertThat(section.select("tbody tr")).hasSize(3);
    }
    assertThat(page.getElementById("median_followers_by_age_group").select("tbody tr").first().select("td").eachText())
        .containsExactly("+50", "1500.5");
  }

  @Test
  void textFromTheDataIsEscapedAndReadsBackUnchanged() {
    Document page = Jsoup.parse(html);

    Element topUsers = page.getElementById("top_user_by_country");
    assertThat(topUsers.select("tbody tr").first().select("td").eachText())
        .containsExactly("Côte d'Ivoire", ReportFixtures.HOSTILE_NAME, "1000");
    assertThat(html).doesNotContain("<script>alert(1)", "<b>Zoë</b>");
    assertThat(page.select("b")).isEmpty();
    // the inlined Chart.js, the data, the code that draws: no script element more
    assertThat(page.select("script")).hasSize(3);
  }

  @Test
  void theChartDataIsJsonThatNoNameCanBreakOutOf() throws Exception {
    Document page = Jsoup.parse(html);
    String data = page.getElementById("report-data").data();

    assertThat(data).doesNotContain("<", ">", "&");
    JsonNode charts = new ObjectMapper().readTree(data);
    assertThat(charts).hasSize(9);
    JsonNode topUsers = charts.get(Report.TOP_USER_BY_COUNTRY.ordinal());
    assertThat(topUsers.get("name").asText()).isEqualTo("top_user_by_country");
    assertThat(topUsers.get("labels").get(0).asText()).isEqualTo("Côte d'Ivoire · " + ReportFixtures.HOSTILE_NAME);
    assertThat(topUsers.get("values").get(0).asDouble()).isEqualTo(1000);
    assertThat(charts.get(Report.MEDIAN_FOLLOWERS_BY_AGE_GROUP.ordinal()).get("values").get(0).asDouble()).isEqualTo(1500.5);
  }

  @Test
  void chartJsIsInlinedSoThePageWorksOffline() {
    Document page = Jsoup.parse(html);

    assertThat(page.select("script[src], link[href]")).isEmpty();
    assertThat(page.select("script").first().data()).contains("Chart.js v4");
    assertThat(html).doesNotContain("http://", "https://cdn");
  }

  @Test
  void scriptSafeJsonEscapesWhatCouldEndAScript() {
    assertThat(HtmlReport.scriptSafe("{\"a\":\"</script><!-- & \u2028\"}"))
        .isEqualTo("{\"a\":\"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\"}");
    assertThat(HtmlReport.escape("<a href=\"x\">'&'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  }
}
