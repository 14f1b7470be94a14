package dev.pinpipe.local.batch;

import java.util.List;

/**
 * The nine reports of the daily job (DESIGN.md, "Spark daily job"), in the design's order: their
 * columns, and what their chart shows (bars labelled by {@code labelColumns}, as high as
 * {@code valueColumn}).
 */
public enum Report {
  CATEGORY_BY_COUNTRY("category_by_country", "Most popular category per country",
      List.of("country", "category", "category_count"), List.of("country", "category"), "category_count"),
  CATEGORY_BY_YEAR("category_by_year", "Posts per category per year, 2018-2022",
      List.of("post_year", "category", "category_count"), List.of("post_year", "category"), "category_count"),
  TOP_USER_BY_COUNTRY("top_user_by_country", "User with most followers per country",
      List.of("country", "poster_name", "follower_count"), List.of("country", "poster_name"), "follower_count"),
  TOP_COUNTRY("top_country", "The country of the user with most followers",
      List.of("country", "follower_count"), List.of("country"), "follower_count"),
  CATEGORY_BY_AGE_GROUP("category_by_age_group", "Most popular category per age group",
      List.of("age_group", "category", "category_count"), List.of("age_group", "category"), "category_count"),
  MEDIAN_FOLLOWERS_BY_AGE_GROUP("median_followers_by_age_group", "Median follower count per age group",
      List.of("age_group", "median_follower_count"), List.of("age_group"), "median_follower_count"),
  USERS_JOINED_BY_YEAR("users_joined_by_year", "Users joined per year, 2015-2020",
      List.of("post_year", "number_users_joined"), List.of("post_year"), "number_users_joined"),
  MEDIAN_FOLLOWERS_BY_JOIN_YEAR("median_followers_by_join_year", "Median follower count by the year users joined, 2015-2020",
      List.of("post_year", "median_follower_count"), List.of("post_year"), "median_follower_count"),
  MEDIAN_FOLLOWERS_BY_JOIN_YEAR_AND_AGE_GROUP("median_followers_by_join_year_and_age_group",
      "Median follower count by age group and the year users joined",
      List.of("age_group", "post_year", "median_follower_count"), List.of("age_group", "post_year"), "median_follower_count");

  private final String reportName;
  private final String meaning;
  private final List<String> columns;
  private final List<String> labelColumns;
  private final String valueColumn;

  Report(String reportName, String meaning, List<String> columns, List<String> labelColumns, String valueColumn) {
    this.reportName = reportName;
    this.meaning = meaning;
    this.columns = columns;
    this.labelColumns = labelColumns;
    this.valueColumn = valueColumn;
  }

  /** The name the job writes it under: {@code reports/<name>/dt=D/}. */
  public String reportName() {
    return reportName;
  }

  public String meaning() {
    return meaning;
  }

  public List<String> columns() {
    return columns;
  }

  public List<String> labelColumns() {
    return labelColumns;
  }

  public String valueColumn() {
    return valueColumn;
  }
}
