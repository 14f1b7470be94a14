package dev.pinpipe.contracts;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The nine reports of the daily job (DESIGN.md, "Spark daily job"), in the design's order: what
 * the job writes and what readers show. A report's rows are sorted by its {@code keyColumns}; a
 * chart of it has a bar per row, labelled by its {@code labelColumns}, as high as its
 * {@code valueColumn}.
 */
public enum Report {
  CATEGORY_BY_COUNTRY("category_by_country", "Most popular category per country",
      List.of("country", "category", "category_count"), List.of("country"),
      List.of("country", "category"), "category_count"),
  CATEGORY_BY_YEAR("category_by_year", "Posts per category per year, 2018-2022",
      List.of("post_year", "category", "category_count"), List.of("post_year", "category"),
      List.of("post_year", "category"), "category_count"),
  TOP_USER_BY_COUNTRY("top_user_by_country", "User with most followers per country",
      List.of("country", "poster_name", "follower_count"), List.of("country"),
      List.of("country", "poster_name"), "follower_count"),
  TOP_COUNTRY("top_country", "The country of the user with most followers",
      List.of("country", "follower_count"), List.of("country"),
      List.of("country"), "follower_count"),
  CATEGORY_BY_AGE_GROUP("category_by_age_group", "Most popular category per age group",
      List.of("age_group", "category", "category_count"), List.of("age_group"),
      List.of("age_group", "category"), "category_count"),
  MEDIAN_FOLLOWERS_BY_AGE_GROUP("median_followers_by_age_group", "Median follower count per age group",
      List.of("age_group", "median_follower_count"), List.of("age_group"),
      List.of("age_group"), "median_follower_count"),
  USERS_JOINED_BY_YEAR("users_joined_by_year", "Users joined per year, 2015-2020",
      List.of("post_year", "number_users_joined"), List.of("post_year"),
      List.of("post_year"), "number_users_joined"),
  MEDIAN_FOLLOWERS_BY_JOIN_YEAR("median_followers_by_join_year", "Median follower count by the year users joined, 2015-2020",
      List.of("post_year", "median_follower_count"), List.of("post_year"),
      List.of("post_year"), "median_follower_count"),
  MEDIAN_FOLLOWERS_BY_JOIN_YEAR_AND_AGE_GROUP("median_followers_by_join_year_and_age_group",
      "Median follower count by age group and the year users joined",
      List.of("age_group", "post_year", "median_follower_count"), List.of("age_group", "post_year"),
      List.of("age_group", "post_year"), "median_follower_count");

  private final String reportName;
  private final String title;
  private final List<String> columns;
  private final List<String> keyColumns;
  private final List<String> labelColumns;
  private final String valueColumn;

  Report(String reportName, String title, List<String> columns, List<String> keyColumns, List<String> labelColumns,
         String valueColumn) {
    this.reportName = reportName;
    this.title = title;
    this.columns = columns;
    this.keyColumns = keyColumns;
    this.labelColumns = labelColumns;
    this.valueColumn = valueColumn;
  }

  /** The snake_case name: the table under {@code delta/reports/} and the folder under {@code reports/}. */
  public String reportName() {
    return reportName;
  }

  /** What it shows, in a few words, for a heading. */
  public String title() {
    return title;
  }

  /** The columns of its rows, in order. */
  public List<String> columns() {
    return columns;
  }

  /** The columns the rows are sorted by, one row per value (for {@link #TOP_COUNTRY}, its single row's country). */
  public List<String> keyColumns() {
    return keyColumns;
  }

  public List<String> labelColumns() {
    return labelColumns;
  }

  public String valueColumn() {
    return valueColumn;
  }

  /** Where the HTML pages of all reports go, one per day, under the job's output prefix. */
  public static final String HTML_PREFIX = "reports/html/";

  /** {@code reports/html/dt=D/index.html}, under the job's output prefix: the page the harness writes after a run, the service serves. */
  public static String htmlPageKey(LocalDate day) {
    return HTML_PREFIX + "dt=" + day + "/index.html";
  }

  /** {@code reports/<name>/dt=D/}, under the job's output prefix: the report of {@code day} as JSON lines. */
  public String jsonDirectory(LocalDate day) {
    return "reports/" + reportName + "/dt=" + day + "/";
  }

  /** The report named {@code reportName} (snake_case). */
  public static Report fromName(String reportName) {
    return Arrays.stream(values())
        .filter(report -> report.reportName.equals(reportName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown report " + reportName + "; known: "
            + Arrays.stream(values()).map(Report::reportName).collect(Collectors.joining(", "))));
  }
}
