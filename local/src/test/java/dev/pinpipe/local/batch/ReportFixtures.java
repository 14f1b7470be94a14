package dev.pinpipe.local.batch;

import dev.pinpipe.contracts.Report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Report rows as the job writes them, with the names users really pick. */
final class ReportFixtures {

  static final String HOSTILE_NAME = "O'Brien \"Bo\" </script><script>alert(1)</script> & <b>Zoë</b> 📌";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportFixtures() {
  }

  static ObjectNode row(Map<String, Object> values) {
    return JSON.valueToTree(values);
  }

  /** All nine reports, a few rows each; top_user_by_country holds the hostile name. */
  static List<ReportRows> nineReports() {
    List<ReportRows> reports = new ArrayList<>();
    for (Report report : Report.values()) {
      List<ObjectNode> rows = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ObjectNode row = JSON.createObjectNode();
        for (String column : report.columns()) {
          switch (column) {
            case "poster_name" -> row.put(column, i == 0 ? HOSTILE_NAME : "poster " + i);
            case "country" -> row.put(column, i == 0 ? "Côte d'Ivoire" : "Country " + i);
            case "category" -> row.put(column, "travel");
            case "age_group" -> row.put(column, i == 0 ? "+50" : "18-24");
            case "post_year" -> row.put(column, 2018 + i);
            case "median_follower_count" -> row.put(column, 1500.5 * (i + 1));
            default -> row.put(column, 1000L * (i + 1));
          }
        }
        rows.add(row);
      }
      reports.add(new ReportRows(report, rows));
    }
    return reports;
  }
}
