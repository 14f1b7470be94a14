package dev.pinpipe.jobs.clean;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;
import scala.collection.Seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What the tests compare: collected rows as plain Java lists, and a schema as "name type" strings. */
final class Collected {

  private Collected() {
  }

  /** The rows of {@code data}, each a list of its values, arrays as Java lists. */
  static List<List<Object>> rows(Dataset<Row> data) {
    return data.collectAsList().stream().map(Collected::values).toList();
  }

  /** {@code values} as a row, nulls allowed. */
  static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  /** "name type" for each column of {@code data}, in order, e.g. "coordinates array<double>". */
  static List<String> schema(Dataset<Row> data) {
    return Arrays.stream(data.schema().fields()).map(f -> f.name() + " " + f.dataType().simpleString()).toList();
  }

  private static List<Object> values(Row row) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < row.length(); i++) {
      Object value = row.get(i);
      values.add(value instanceof Seq<?> seq ? new ArrayList<>(JavaConverters.seqAsJavaList(seq)) : value);
    }
    return values;
  }
}
