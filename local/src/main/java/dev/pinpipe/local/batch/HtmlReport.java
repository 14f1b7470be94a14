package dev.pinpipe.local.batch;

import dev.pinpipe.contracts.DailyJobOptions;
import dev.pinpipe.contracts.Report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;

/**
 * The day's reports as one self-contained HTML page: per report a bar chart (Chart.js, inlined
 * from its webjar, so the page works offline) and its rows as a table. Every text from the data
 * is escaped: as HTML in the page, as JSON that no {@code </script>} can end in the script.
 */
public final class HtmlReport {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WEBJAR = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";

  private static final String STYLE = """
      body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}
      nav{display:flex;flex-wrap:wrap;gap:.3rem 1rem}
      section{margin:2.5rem 0}
      .chart{position:relative;width:100%}
      table{border-collapse:collapse;margin-top:1rem;font-size:.9rem}
      th,td{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}
      td.number{text-align:right;font-variant-numeric:tabular-nums}
      th{background:#f3f3f3}
      """;

  private static final String CHARTS = """
      const reports = JSON.parse(document.getElementById('report-data').textContent);
      for (const report of reports) {
        new Chart(document.getElementById('chart-' + report.name), {
          type: 'bar',
          data: {labels: report.labels, datasets: [{label: report.valueColumn, data: report.values, backgroundColor: '#e60023'}]},
          options: {indexAxis: report.horizontal ? 'y' : 'x', maintainAspectRatio: false, animation: false,
            plugins: {legend: {display: false}}}
        });
      }
      """;

  private HtmlReport() {
  }

  /** The page's key in S3, under the job's output prefix: {@code reports/html/dt=D/index.html}. */
  public static String key(DailyJobOptions options) {
    return options.outputKey(Report.htmlPageKey(options.date()));
  }

  public static String render(LocalDate date, List<ReportRows> reports) {
    StringBuilder html = new StringBuilder(300_000);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>pinpipe reports, dt=").append(date).append("</title>\n")
        .append("<style>\n").append(STYLE).append("</style>\n")
        .append("<script>\n").append(chartJs()).append("\n</script>\n")
        .append("</head>\n<body>\n")
        .append("<h1>pinpipe daily reports, dt=").append(date).append("</h1>\n<nav>");
    for (ReportRows report : reports) {
      String name = report.report().reportName();
      html.append("<a href=\"#").append(name).append("\">").append(name).append("</a>");
    }
    html.append("</nav>\n");
    for (ReportRows report : reports) {
      section(html, report);
    }
    html.append("<script id=\"report-data\" type=\"application/json\">").append(scriptSafe(chartData(reports))).append("</script>\n")
        .append("<script>\n").append(CHARTS).append("</script>\n")
        .append("</body>\n</html>\n");
    return html.toString();
  }

  private static void section(StringBuilder html, ReportRows report) {
    Report meta = report.report();
    int bars = report.rows().size();
    int height = horizontal(report) ? Math.max(240, 22 * bars + 60) : 320;
    html.append("<section id=\"").append(meta.reportName()).append("\">\n")
        .append("<h2>").append(meta.reportName()).append("</h2>\n")
        .append("<p>").append(escape(meta.title())).append(" (").append(bars).append(bars == 1 ? " row" : " rows").append(")</p>\n")
        .append("<div class=\"chart\" style=\"height:").append(height).append("px\"><canvas id=\"chart-")
        .append(meta.reportName()).append("\"></canvas></div>\n")
        .append("<table>\n<thead><tr>");
    for (String column : meta.columns()) {
      html.append("<th>").append(escape(column)).append("</th>");
    }
    html.append("</tr></thead>\n<tbody>\n");
    for (ObjectNode row : report.rows()) {
      html.append("<tr>");
      for (String column : meta.columns()) {
        boolean number = ReportRows.number(row, column).isPresent();
        html.append(number ? "<td class=\"number\">" : "<td>").append(escape(ReportRows.text(row, column))).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</tbody>\n</table>\n</section>\n");
  }

  /** Many bars read better lying down. */
  private static boolean horizontal(ReportRows report) {
    return report.rows().size() > 12;
  }

  /** {@code [{name, valueColumn, horizontal, labels: [..], values: [..]}]}, one per report. */
  private static String chartData(List<ReportRows> reports) {
    ArrayNode charts = JSON.createArrayNode();
    for (ReportRows report : reports) {
      ObjectNode chart = charts.addObject()
          .put("name", report.report().reportName())
          .put("valueColumn", report.report().valueColumn())
          .put("horizontal", horizontal(report));
      ArrayNode labels = chart.putArray("labels");
      ArrayNode values = chart.putArray("values");
      for (ObjectNode row : report.rows()) {
        labels.add(report.label(row));
        ReportRows.number(row, report.report().valueColumn()).ifPresentOrElse(values::add, values::addNull);
      }
    }
    try {
      return JSON.writeValueAsString(charts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Text for HTML content and attribute values. */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /**
   * JSON text that can sit inside a script element: {@code <}, {@code >} and {@code &} (which can
   * only occur inside JSON strings) as unicode escapes, so no {@code </script>} or {@code <!--}
   * ends or changes the element, and the line separators JavaScript once refused likewise.
   */
  static String scriptSafe(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
  }

  /** Chart.js's UMD bundle from its webjar on the class path. */
  static String chartJs() {
    return ChartJs.SOURCE;
  }

  /** Loaded once, when the first page is rendered. */
  private static final class ChartJs {
    static final String SOURCE = load();

    private static String load() {
      ClassLoader loader = HtmlReport.class.getClassLoader();
      try (InputStream properties = loader.getResourceAsStream(WEBJAR)) {
        if (properties == null) {
          throw new IllegalStateException("Chart.js is not on the class path (" + WEBJAR + "): rebuild pinpipe");
        }
        Properties webjar = new Properties();
        webjar.load(properties);
        String path = "META-INF/resources/webjars/chart.js/" + webjar.getProperty("version") + "/dist/chart.umd.min.js";
        try (InputStream script = loader.getResourceAsStream(path)) {
          if (script == null) {
            throw new IllegalStateException("Chart.js's webjar has no " + path);
          }
          String source = new String(script.readAllBytes(), StandardCharsets.UTF_8);
          if (source.toLowerCase(java.util.Locale.ROOT).contains("</script")) {
            throw new IllegalStateException(path + " contains </script and cannot be inlined");
          }
          return source;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read Chart.js from its webjar: " + e.getMessage(), e);
      }
    }
  }
}
