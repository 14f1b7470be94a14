package dev.pinpipe.jobs.clean;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;

/**
 * The rules every raw table shares: input validation, "" to null, and the parsing of numbers and
 * timestamps that arrive as text. Every parse guards its input with a strict pattern first, so a
 * malformed value becomes null whatever the session's ANSI and time-parser settings, instead of
 * failing the whole job.
 */
public final class CommonRules {

  /** Plain decimal text: optional minus, up to 18 integer digits, up to 12 decimals. */
  static final String DECIMAL_PATTERN = "-?\\d{1,18}(\\.\\d{1,12})?";
  /**
   * Exact decimal type for {@link #DECIMAL_PATTERN}. 30 digits leave room to multiply by a
   * decimal(7,0) within Spark's 38-digit limit, so the product is exact (never rounded).
   */
  static final DecimalType DECIMAL = DataTypes.createDecimalType(30, 12);

  private static final String TIMESTAMP_PATTERN = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}";
  private static final String DOUBLE_PATTERN = "[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?";

  private CommonRules() {
  }

  /**
   * Validates that {@code input} has every field of {@code required} and keeps only those, in the
   * order of {@code required}; extra columns (such as {@code _corrupt_record}) are dropped.
   *
   * @throws IllegalArgumentException naming the missing fields, if any
   */
  public static Dataset<Row> selectRequired(Dataset<Row> input, StructType required) {
    requireColumns(input, required.fieldNames());
    return input.select(Arrays.stream(required.fieldNames()).map(input::col).toArray(Column[]::new));
  }

  /**
   * Fails fast unless {@code input} has every column in {@code names}.
   *
   * @throws IllegalArgumentException naming the missing columns, if any
   */
  public static void requireColumns(Dataset<Row> input, String... names) {
    List<String> present = Arrays.asList(input.columns());
    List<String> missing = Arrays.stream(names).filter(name -> !present.contains(name)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("input is missing required columns " + missing
          + "; it has " + Arrays.toString(input.columns()));
    }
  }

  /** Every empty string ("") in any string column becomes null; other values and columns are unchanged. */
  public static Dataset<Row> emptyStringsToNull(Dataset<Row> input) {
    Column[] columns = Arrays.stream(input.schema().fields())
        .map(field -> field.dataType().equals(DataTypes.StringType)
            ? nullIfEmpty(input.col(field.name())).as(field.name())
            : input.col(field.name()))
        .toArray(Column[]::new);
    return input.select(columns);
  }

  /** {@code text}, or null where it is "". */
  static Column nullIfEmpty(Column text) {
    return when(text.notEqual(""), text);
  }

  /**
   * {@code text} (surrounding blanks ignored) as an exact decimal where it is plain decimal
   * notation ({@link #DECIMAL_PATTERN}), else null.
   */
  static Column toDecimal(Column text) {
    Column trimmed = trim(text);
    return when(trimmed.rlike("^" + DECIMAL_PATTERN + "$"), trimmed.cast(DECIMAL));
  }

  /** {@code decimal} as an int where it is a whole number within the int range ("7.0" counts), else null. */
  static Column wholeToInt(Column decimal) {
    return when(decimal.equalTo(floor(decimal))
        .and(decimal.between(Integer.MIN_VALUE, Integer.MAX_VALUE)), decimal.cast(DataTypes.IntegerType));
  }

  /** {@code text} as an int where it is a whole number within the int range ("7", "-1", "7.0"), else null. */
  static Column toInt(Column text) {
    return wholeToInt(toDecimal(text));
  }

  /**
   * {@code text} as a finite double where it is decimal or scientific notation ("40.1", "4.01e1"),
   * else null (also "NaN", "Infinity", "1e999").
   */
  static Column toDouble(Column text) {
    Column trimmed = trim(text);
    Column parsed = when(trimmed.rlike("^" + DOUBLE_PATTERN + "$"), trimmed.cast(DataTypes.DoubleType));
    // A huge exponent ("1e999") parses as infinity.
    return when(parsed.between(-Double.MAX_VALUE, Double.MAX_VALUE), parsed);
  }

  /**
   * {@code text} in the form {@code yyyy-MM-dd HH:mm:ss}, read as UTC, as a timestamp; null where
   * it does not have that form or is not a real date and time ("2020-13-45 99:00:00").
   */
  static Column toTimestamp(Column text) {
    Column trimmed = trim(text);
    // The strict pattern keeps values like "2020-1-5 1:2:3" or trailing text away from the parser:
    // Spark's default time-parser policy throws on them (the legacy parser would accept them)
    // instead of giving null. The explicit offset makes it UTC whatever the session time zone.
    return when(trimmed.rlike("^" + TIMESTAMP_PATTERN + "$"),
        try_to_timestamp(concat(trimmed, lit("Z")), lit("yyyy-MM-dd HH:mm:ssXXX")));
  }
}
