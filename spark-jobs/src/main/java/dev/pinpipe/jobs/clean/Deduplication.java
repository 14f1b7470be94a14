package dev.pinpipe.jobs.clean;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Arrays;

import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

/** De-duplication of a cleaned table by its post id {@code ind}. */
public final class Deduplication {

  private static final String ROW = "_row";

  private Deduplication() {
  }

  /**
   * One row per non-null {@code ind}: of the rows sharing an ind, the smallest when compared
   * column by column in the table's order (nulls first), so the result does not depend on the
   * input's order or partitioning. Rows with a null ind are dropped. Columns, their order and
   * types are kept.
   *
   * @throws IllegalArgumentException if {@code table} has no {@code ind} column
   */
  public static Dataset<Row> byInd(Dataset<Row> table) {
    CommonRules.requireColumns(table, "ind");
    Column[] columns = Arrays.stream(table.columns()).map(table::col).toArray(Column[]::new);
    // The whole row, ind included, goes in the struct, so "_row.*" gives back the columns in order.
    return table.where(table.col("ind").isNotNull())
        .groupBy(table.col("ind"))
        .agg(min(struct(columns)).as(ROW))
        .select(ROW + ".*");
  }
}
