package dev.pinpipe.local.batch;

import dev.pinpipe.contracts.Report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.OptionalDouble;

/** One report's rows for a day, as the job wrote them (sorted); a null column is missing from its row. */
public record ReportRows(Report report, List<ObjectNode> rows) {

  /** The cell as text: whole numbers without a fraction, missing and null as "". */
  public static String text(ObjectNode row, String column) {
    JsonNode value = row.get(column);
    if (value == null || value.isNull()) {
      return "";
    }
    if (value.isNumber()) {
      double number = value.asDouble();
      return value.isIntegralNumber() || number == Math.rint(number) && Math.abs(number) < 1e15
          ? Long.toString(value.asLong())
          : value.asText();
    }
    return value.asText();
  }

  /** The cell as a number, when it is one. */
  public static OptionalDouble number(ObjectNode row, String column) {
    JsonNode value = row.get(column);
    return value != null && value.isNumber() ? OptionalDouble.of(value.asDouble()) : OptionalDouble.empty();
  }

  /** The bar label of a row: its label columns joined. */
  public String label(ObjectNode row) {
    return String.join(" · ", report.labelColumns().stream().map(column -> text(row, column)).toList());
  }
}
