package dev.pinpipe.jobs.reports;

import dev.pinpipe.contracts.Report;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.row_number;

/**
 * The nine reports of DESIGN.md, each a pure function of the {@link Posts} giving the
 * {@link Report#columns()} of its {@link Report}. Rows whose measured value or grouping key is
 * null are left out of a report; rows come sorted by the report's key columns.
 */
public final class Reports {

  private static final int FIRST_POST_YEAR = 2018;
  private static final int LAST_POST_YEAR = 2022;
  private static final int FIRST_JOIN_YEAR = 2015;
  private static final int LAST_JOIN_YEAR = 2020;

  private Reports() {
  }

  /** {@code report} over {@code posts} (the output of {@link Posts#join}). */
  public static Dataset<Row> compute(Report report, Dataset<Row> posts) {
    return switch (report) {
      case CATEGORY_BY_COUNTRY -> categoryByCountry(posts);
      case CATEGORY_BY_YEAR -> categoryByYear(posts);
      case TOP_USER_BY_COUNTRY -> topUserByCountry(posts);
      case TOP_COUNTRY -> topCountry(posts);
      case CATEGORY_BY_AGE_GROUP -> categoryByAgeGroup(posts);
      case MEDIAN_FOLLOWERS_BY_AGE_GROUP -> medianFollowersByAgeGroup(posts);
      case USERS_JOINED_BY_YEAR -> usersJoinedByYear(posts);
      case MEDIAN_FOLLOWERS_BY_JOIN_YEAR -> medianFollowersByJoinYear(posts);
      case MEDIAN_FOLLOWERS_BY_JOIN_YEAR_AND_AGE_GROUP -> medianFollowersByJoinYearAndAgeGroup(posts);
    };
  }

  /** country, category, category_count: the most popular category per country. */
  public static Dataset<Row> categoryByCountry(Dataset<Row> posts) {
    return mostPopularCategory(posts, "country");
  }

  /** post_year, category, category_count: posts per category per year of the post, 2018–2022. */
  public static Dataset<Row> categoryByYear(Dataset<Row> posts) {
    return posts
        .where(col("category").isNotNull().and(col("post_year").between(FIRST_POST_YEAR, LAST_POST_YEAR)))
        .groupBy("post_year", "category")
        .agg(count(lit(1)).as("category_count"))
        .orderBy("post_year", "category");
  }

  /** country, poster_name, follower_count: the user with most followers per country. */
  public static Dataset<Row> topUserByCountry(Dataset<Row> posts) {
    Dataset<Row> users = posts
        .where(col("country").isNotNull().and(col("poster_name").isNotNull()).and(col("follower_count").isNotNull()))
        .select("country", "poster_name", "follower_count");
    return firstPerGroup(users, "country", col("follower_count").desc(), col("poster_name").asc())
        .orderBy("country");
  }

  /** country, follower_count: the country of the user with most followers; one row (none without data). */
  public static Dataset<Row> topCountry(Dataset<Row> posts) {
    return topUserByCountry(posts)
        .orderBy(col("follower_count").desc(), col("country").asc())
        .limit(1)
        .select("country", "follower_count");
  }

  /** age_group, category, category_count: the most popular category per age group. */
  public static Dataset<Row> categoryByAgeGroup(Dataset<Row> posts) {
    return mostPopularCategory(posts, "age_group");
  }

  /** age_group, median_follower_count. */
  public static Dataset<Row> medianFollowersByAgeGroup(Dataset<Row> posts) {
    return posts
        .where(col("age_group").isNotNull().and(col("follower_count").isNotNull()))
        .groupBy("age_group")
        .agg(median(col("follower_count")))
        .orderBy("age_group");
  }

  /** post_year, number_users_joined: distinct users (user_name, date_joined) per year joined, 2015–2020. */
  public static Dataset<Row> usersJoinedByYear(Dataset<Row> posts) {
    return joinedInRange(posts)
        .where(col("user_name").isNotNull())
        .select(col("join_year").as("post_year"), col("user_name"), col("date_joined"))
        .distinct()
        .groupBy("post_year")
        .agg(count(lit(1)).as("number_users_joined"))
        .orderBy("post_year");
  }

  /** post_year (the year joined), median_follower_count, users joined 2015–2020. */
  public static Dataset<Row> medianFollowersByJoinYear(Dataset<Row> posts) {
    return joinedInRange(posts)
        .where(col("follower_count").isNotNull())
        .groupBy(col("join_year").as("post_year"))
        .agg(median(col("follower_count")))
        .orderBy("post_year");
  }

  /** age_group, post_year (the year joined), median_follower_count, users joined 2015–2020. */
  public static Dataset<Row> medianFollowersByJoinYearAndAgeGroup(Dataset<Row> posts) {
    return joinedInRange(posts)
        .where(col("age_group").isNotNull().and(col("follower_count").isNotNull()))
        .groupBy(col("age_group"), col("join_year").as("post_year"))
        .agg(median(col("follower_count")))
        .orderBy("age_group", "post_year");
  }

  private static Dataset<Row> mostPopularCategory(Dataset<Row> posts, String group) {
    Dataset<Row> counts = posts
        .where(col(group).isNotNull().and(col("category").isNotNull()))
        .groupBy(group, "category")
        .agg(count(lit(1)).as("category_count"));
    return firstPerGroup(counts, group, col("category_count").desc(), col("category").asc())
        .orderBy(group);
  }

  /**
   * The first row of each {@code group} in {@code order}. The order must break every tie between
   * rows that differ, so that the pick is deterministic.
   */
  private static Dataset<Row> firstPerGroup(Dataset<Row> rows, String group, Column... order) {
    return rows
        .withColumn("_rank", row_number().over(Window.partitionBy(group).orderBy(order)))
        .where(col("_rank").equalTo(1))
        .drop("_rank");
  }

  private static Dataset<Row> joinedInRange(Dataset<Row> posts) {
    return posts.where(col("join_year").between(FIRST_JOIN_YEAR, LAST_JOIN_YEAR));
  }

  // percentile is exact (the mean of the two middle values for an even count); percentile_approx is not.
  private static Column median(Column followers) {
    return percentile(followers, lit(0.5)).as("median_follower_count");
  }
}
