package dev.pinpipe.local.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;

import java.util.List;
import java.util.Locale;

/** A report as a text table for the console: title, header of its columns, numbers right-aligned. */
public final class TextTables {

  private TextTables() {
  }

  /**
   * @param maxRows rows shown; the title says how many there are in all
   */
  public static String render(ReportRows report, int maxRows) {
    List<ObjectNode> rows = report.rows();
    int shown = Math.min(rows.size(), maxRows);
    String title = report.report().reportName() + ": " + report.report().title()
        + (shown < rows.size() ? String.format(Locale.ROOT, " (first %,d of %,d rows; all in the HTML report)", shown, rows.size())
        : String.format(Locale.ROOT, " (%,d %s)", rows.size(), rows.size() == 1 ? "row" : "rows"));
    List<String> columns = report.report().columns();
    Column[] header = columns.stream()
        .map(column -> new Column().header(column).headerAlign(HorizontalAlign.LEFT)
            .dataAlign(numeric(rows, column) ? HorizontalAlign.RIGHT : HorizontalAlign.LEFT))
        .toArray(Column[]::new);
    Object[][] cells = rows.subList(0, shown).stream()
        .map(row -> columns.stream().map(column -> ReportRows.text(row, column)).toArray())
        .toArray(Object[][]::new);
    String table = AsciiTable.builder().border(AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS).lineSeparator("\n")
        .data(header, cells).asString();
    return title + "\n" + table + "\n";
  }

  /** Every value present in the column is a number (and there is one). */
  private static boolean numeric(List<ObjectNode> rows, String column) {
    boolean any = false;
    for (ObjectNode row : rows) {
      JsonNode value = row.get(column);
      if (value != null && !value.isNull()) {
        if (!value.isNumber()) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }
}
