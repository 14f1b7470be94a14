package dev.pinpipe.jobs.reports;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** The nine reports in DESIGN.md's order: table name, key (sort) columns, output schema and function. */
public enum Report {
  CATEGORY_BY_COUNTRY("category_by_country", Reports::categoryByCountry, List.of("country"),
      schema("country", DataTypes.StringType, "category", DataTypes.StringType, "category_count", DataTypes.LongType)),
  CATEGORY_BY_YEAR("category_by_year", Reports::categoryByYear, List.of("post_year", "category"),
      schema("post_year", DataTypes.IntegerType, "category", DataTypes.StringType, "category_count", DataTypes.LongType)),
  TOP_USER_BY_COUNTRY("top_user_by_country", Reports::topUserByCountry, List.of("country"),
      schema("country", DataTypes.StringType, "poster_name", DataTypes.StringType, "follower_count", DataTypes.IntegerType)),
  TOP_COUNTRY("top_country", Reports::topCountry, List.of("country"),
      schema("country", DataTypes.StringType, "follower_count", DataTypes.IntegerType)),
  CATEGORY_BY_AGE_GROUP("category_by_age_group", Reports::categoryByAgeGroup, List.of("age_group"),
      schema("age_group", DataTypes.StringType, "category", DataTypes.StringType, "category_count", DataTypes.LongType)),
  MEDIAN_FOLLOWERS_BY_AGE_GROUP("median_followers_by_age_group", Reports::medianFollowersByAgeGroup,
      List.of("age_group"),
      schema("age_group", DataTypes.StringType, "median_follower_count", DataTypes.DoubleType)),
  USERS_JOINED_BY_YEAR("users_joined_by_year", Reports::usersJoinedByYear, List.of("post_year"),
      schema("post_year", DataTypes.IntegerType, "number_users_joined", DataTypes.LongType)),
  MEDIAN_FOLLOWERS_BY_JOIN_YEAR("median_followers_by_join_year", Reports::medianFollowersByJoinYear,
      List.of("post_year"),
      schema("post_year", DataTypes.IntegerType, "median_follower_count", DataTypes.DoubleType)),
  MEDIAN_FOLLOWERS_BY_JOIN_YEAR_AND_AGE_GROUP("median_followers_by_join_year_and_age_group",
      Reports::medianFollowersByJoinYearAndAgeGroup, List.of("age_group", "post_year"),
      schema("age_group", DataTypes.StringType, "post_year", DataTypes.IntegerType,
          "median_follower_count", DataTypes.DoubleType));

  private final String reportName;
  private final UnaryOperator<Dataset<Row>> function;
  private final List<String> keyColumns;
  private final StructType schema;

  Report(String reportName, UnaryOperator<Dataset<Row>> function, List<String> keyColumns, StructType schema) {
    this.reportName = reportName;
    this.function = function;
    this.keyColumns = keyColumns;
    this.schema = schema;
  }

  /** The snake_case name: the table under {@code delta/reports/} and the folder under {@code reports/}. */
  public String reportName() {
    return reportName;
  }

  /** The columns the rows are sorted by (for {@link #TOP_COUNTRY}, its single row's country). */
  public List<String> keyColumns() {
    return keyColumns;
  }

  /** The output columns and types, all nullable; {@link #apply} yields these names and types in this order. */
  public StructType schema() {
    return schema;
  }

  /** This report over {@code posts} (the output of {@link Posts#join}). */
  public Dataset<Row> apply(Dataset<Row> posts) {
    return function.apply(posts);
  }

  /** Every report over {@code posts}, by report name, in this enum's order. */
  public static Map<String, Dataset<Row>> all(Dataset<Row> posts) {
    Map<String, Dataset<Row>> reports = new LinkedHashMap<>();
    for (Report report : values()) {
      reports.put(report.reportName, report.apply(posts));
    }
    return Collections.unmodifiableMap(reports);
  }

  /** The report named {@code reportName} (snake_case). */
  public static Report fromName(String reportName) {
    return Arrays.stream(values())
        .filter(report -> report.reportName.equals(reportName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown report " + reportName + "; known: "
            + Arrays.stream(values()).map(Report::reportName).collect(Collectors.joining(", "))));
  }

  private static StructType schema(Object... namesAndTypes) {
    StructField[] fields = new StructField[namesAndTypes.length / 2];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = DataTypes.createStructField((String) namesAndTypes[2 * i], (DataType) namesAndTypes[2 * i + 1], true);
    }
    return DataTypes.createStructType(fields);
  }
}
