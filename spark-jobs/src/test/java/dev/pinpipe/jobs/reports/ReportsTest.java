package dev.pinpipe.jobs.reports;

import dev.pinpipe.contracts.Report;
import dev.pinpipe.jobs.support.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportsTest {

  private static final StructType PIN = schema(
      "ind", DataTypes.IntegerType, "unique_id", DataTypes.StringType, "title", DataTypes.StringType,
      "description", DataTypes.StringType, "follower_count", DataTypes.IntegerType,
      "poster_name", DataTypes.StringType, "tag_list", DataTypes.StringType,
      "is_image_or_video", DataTypes.StringType, "image_src", DataTypes.StringType,
      "save_location", DataTypes.StringType, "category", DataTypes.StringType,
      "downloaded", DataTypes.IntegerType, "dt", DataTypes.DateType);
  private static final StructType GEO = schema(
      "ind", DataTypes.IntegerType, "country", DataTypes.StringType,
      "coordinates", DataTypes.createArrayType(DataTypes.DoubleType), "timestamp", DataTypes.TimestampType,
      "dt", DataTypes.DateType);
  private static final StructType USER = schema(
      "ind", DataTypes.IntegerType, "user_name", DataTypes.StringType, "age", DataTypes.IntegerType,
      "date_joined", DataTypes.TimestampType, "dt", DataTypes.DateType);
  private static final Date DT = Date.valueOf("2024-03-01");

  private static SparkSession spark;
  private static int nextInd = 1;

  @BeforeAll
  static void startSpark() {
    spark = SparkTestSession.start();
    spark.sparkContext().setLogLevel("ERROR");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void postsAreTheRowsPresentInAllThreeTables() {
    Post a = post().category("art").followers(51000).poster("ann").country("Chile")
        .postedAt("2019-04-05T06:07:08Z").user("Ann Lee").age(24).joinedAt("2016-01-02T03:04:05Z");
    Post b = post();
    Post pinAndGeoOnly = post();
    Post geoAndUserOnly = post();
    Post pinAndUserOnly = post();

    Dataset<Row> posts = Posts.join(
        pins(b, a, pinAndGeoOnly, pinAndUserOnly),
        geos(a, pinAndGeoOnly, geoAndUserOnly, b),
        users(geoAndUserOnly, pinAndUserOnly, a, b));

    assertThat(posts.columns()).containsExactly("ind", "category", "follower_count", "poster_name", "country",
        "post_timestamp", "post_year", "user_name", "age", "age_group", "date_joined", "join_year");
    assertThat(collect(posts.orderBy("ind").select("ind"))).containsExactly(row(a.ind), row(b.ind));
    assertThat(collect(posts.where("ind = " + a.ind))).containsExactly(row(a.ind, "art", 51000, "ann", "Chile",
        timestamp("2019-04-05T06:07:08Z"), 2019, "Ann Lee", 24, "18-24", timestamp("2016-01-02T03:04:05Z"), 2016));
  }

  @Test
  void ageGroupsIncludeTheirBoundsAndLeaveMinorsAndUnknownAgesOut() {
    Dataset<Row> posts = posts(
        post().age(17), post().age(18), post().age(24), post().age(25), post().age(35),
        post().age(36), post().age(50), post().age(51), post().age(null));

    assertThat(collect(posts.orderBy("ind").select("age", "age_group"))).containsExactly(
        row(17, null), row(18, "18-24"), row(24, "18-24"), row(25, "25-35"), row(35, "25-35"),
        row(36, "36-50"), row(50, "36-50"), row(51, "+50"), row(null, null));
  }

  @Test
  void joinNamesTheMissingColumns() {
    Dataset<Row> pin = pins(post()).drop("follower_count");

    assertThatThrownBy(() -> Posts.join(pin, geos(post()), users(post())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pin")
        .hasMessageContaining("[follower_count]");
  }

  @Test
  void categoryByCountryKeepsTheMostPopularCategoryTiesByName() {
    Post[] missingFromUser = {post().country("Brazil").category("art"), post().country("Brazil").category("art")};
    Post[] inAll = {
        post().country("Chile").category("travel"), post().country("Chile").category("beauty"),
        post().country("Chile").category("travel"), post().country("Chile").category("beauty"),
        post().country("Albania").category("food"),
        post().country("Albania").category("art"), post().country("Albania").category("art"),
        post().country("Brazil").category("food"),
        post().country("Brazil").category(null), post().country("Brazil").category(null),
        post().country(null).category("tattoos"), post().country(null).category("tattoos"),
    };
    Dataset<Row> posts = Posts.join(pins(concat(inAll, missingFromUser)), geos(concat(inAll, missingFromUser)),
        users(inAll));

    assertThat(collect(Reports.categoryByCountry(posts))).containsExactly(
        row("Albania", "art", 2L),
        row("Brazil", "food", 1L),
        row("Chile", "beauty", 2L));
  }

  @Test
  void categoryByYearCountsEveryCategoryFrom2018To2022() {
    Dataset<Row> posts = posts(
        post().postedAt("2022-12-31T23:59:59Z").category("food"),
        post().postedAt("2017-12-31T23:59:59Z").category("art"),
        post().postedAt("2018-01-01T00:00:00Z").category("art"),
        post().postedAt("2018-06-01T12:00:00Z").category("food"),
        post().postedAt("2018-09-01T12:00:00Z").category("art"),
        post().postedAt("2020-02-02T00:00:00Z").category("beauty"),
        post().postedAt("2020-02-02T00:00:00Z").category(null),
        post().postedAt(null).category("art"),
        post().postedAt("2023-01-01T00:00:00Z").category("food"));

    assertThat(collect(Reports.categoryByYear(posts))).containsExactly(
        row(2018, "art", 2L),
        row(2018, "food", 1L),
        row(2020, "beauty", 1L),
        row(2022, "food", 1L));
  }

  @Test
  void topUserByCountryKeepsTheMostFollowedPosterTiesByName() {
    Dataset<Row> posts = posts(
        post().country("Chile").poster("erin").followers(10),
        post().country("Albania").poster("alice").followers(500),
        post().country("Albania").poster("carol").followers(900),
        post().country("Albania").poster("bob").followers(900),
        post().country("Albania").poster(null).followers(5000),
        post().country("Albania").poster("dave").followers(null),
        post().country(null).poster("zed").followers(99999));

    assertThat(collect(Reports.topUserByCountry(posts))).containsExactly(
        row("Albania", "bob", 900),
        row("Chile", "erin", 10));
  }

  @Test
  void topCountryIsTheCountryOfTheMostFollowedPosterTiesByCountry() {
    Dataset<Row> posts = posts(
        post().country("Chile").poster("x").followers(1000),
        post().country("Brazil").poster("z").followers(999),
        post().country("Albania").poster("y").followers(1000),
        post().country(null).poster("w").followers(5000),
        post().country("Denmark").poster("v").followers(null));

    assertThat(collect(Reports.topCountry(posts))).containsExactly(row("Albania", 1000));
    assertThat(collect(Reports.topCountry(posts.limit(0)))).isEmpty();
  }

  @Test
  void categoryByAgeGroupKeepsTheMostPopularCategoryTiesByName() {
    Dataset<Row> posts = posts(
        post().age(35).category("beauty"), post().age(25).category("travel"),
        post().age(18).category("art"), post().age(24).category("food"), post().age(20).category("food"),
        post().age(36).category("art"), post().age(50).category("art"), post().age(40).category("food"),
        post().age(51).category("tattoos"),
        post().age(17).category("art"), post().age(17).category("art"), post().age(17).category("art"),
        post().age(null).category("art"),
        post().age(30).category(null), post().age(30).category(null));

    assertThat(collect(Reports.categoryByAgeGroup(posts))).containsExactly(
        row("+50", "tattoos", 1L),
        row("18-24", "food", 2L),
        row("25-35", "beauty", 1L),
        row("36-50", "art", 2L));
  }

  @Test
  void medianFollowersByAgeGroupIsExact() {
    Dataset<Row> posts = posts(
        post().age(20).followers(10), post().age(24).followers(21), post().age(18).followers(null),
        post().age(25).followers(5), post().age(30).followers(1), post().age(35).followers(3),
        post().age(36).followers(100), post().age(40).followers(2), post().age(45).followers(1),
        post().age(50).followers(3),
        post().age(51).followers(7),
        post().age(17).followers(1000), post().age(null).followers(1000));

    assertThat(collect(Reports.medianFollowersByAgeGroup(posts))).containsExactly(
        row("+50", 7.0),
        row("18-24", 15.5),
        row("25-35", 3.0),
        row("36-50", 2.5));
  }

  @Test
  void usersJoinedByYearCountsDistinctUsersFrom2015To2020() {
    Dataset<Row> posts = posts(
        post().user("dave").joinedAt("2020-12-31T23:59:59Z"),
        post().user("alice").joinedAt("2015-01-01T00:00:00Z"),
        post().user("alice").joinedAt("2015-01-01T00:00:00Z"),
        post().user("alice").joinedAt("2015-01-01T00:00:00Z"),
        post().user("bob").joinedAt("2015-05-05T10:00:00Z"),
        post().user("bob").joinedAt("2016-05-05T10:00:00Z"),
        post().user(null).joinedAt("2016-07-07T00:00:00Z"),
        post().user("carol").joinedAt("2014-12-31T23:59:59Z"),
        post().user("erin").joinedAt("2021-01-01T00:00:00Z"),
        post().user("frank").joinedAt(null));

    assertThat(collect(Reports.usersJoinedByYear(posts))).containsExactly(
        row(2015, 2L),
        row(2016, 1L),
        row(2020, 1L));
  }

  @Test
  void medianFollowersByJoinYearIsExactFrom2015To2020() {
    Dataset<Row> posts = posts(
        post().joinedAt("2020-12-31T23:59:59Z").followers(5),
        post().joinedAt("2020-03-01T00:00:00Z").followers(1),
        post().joinedAt("2020-04-01T00:00:00Z").followers(3),
        post().joinedAt("2015-01-01T00:00:00Z").followers(10),
        post().joinedAt("2015-08-01T00:00:00Z").followers(21),
        post().joinedAt("2015-09-01T00:00:00Z").followers(null),
        post().joinedAt("2014-12-31T23:59:59Z").followers(1000),
        post().joinedAt("2021-01-01T00:00:00Z").followers(1000),
        post().joinedAt(null).followers(1000));

    assertThat(collect(Reports.medianFollowersByJoinYear(posts))).containsExactly(
        row(2015, 15.5),
        row(2020, 3.0));
  }

  @Test
  void medianFollowersByJoinYearAndAgeGroupIsExactFrom2015To2020() {
    Dataset<Row> posts = posts(
        post().age(30).joinedAt("2016-02-02T00:00:00Z").followers(4),
        post().age(20).joinedAt("2016-02-02T00:00:00Z").followers(10),
        post().age(24).joinedAt("2016-03-03T00:00:00Z").followers(21),
        post().age(18).joinedAt("2015-01-01T00:00:00Z").followers(8),
        post().age(60).joinedAt("2020-01-01T00:00:00Z").followers(9),
        post().age(51).joinedAt("2020-06-01T00:00:00Z").followers(1),
        post().age(70).joinedAt("2020-12-31T23:59:59Z").followers(2),
        post().age(20).joinedAt("2016-04-04T00:00:00Z").followers(null),
        post().age(17).joinedAt("2016-02-02T00:00:00Z").followers(1000),
        post().age(null).joinedAt("2016-02-02T00:00:00Z").followers(1000),
        post().age(20).joinedAt("2014-12-31T23:59:59Z").followers(1000),
        post().age(20).joinedAt("2021-01-01T00:00:00Z").followers(1000));

    assertThat(collect(Reports.medianFollowersByJoinYearAndAgeGroup(posts))).containsExactly(
        row("+50", 2020, 2.0),
        row("18-24", 2015, 8.0),
        row("18-24", 2016, 15.5),
        row("25-35", 2016, 4.0));
  }

  /** The type of each report column, the same in every report that has it. */
  private static final Map<String, DataType> COLUMN_TYPES = Map.of(
      "country", DataTypes.StringType, "category", DataTypes.StringType, "category_count", DataTypes.LongType,
      "post_year", DataTypes.IntegerType, "poster_name", DataTypes.StringType, "follower_count", DataTypes.IntegerType,
      "age_group", DataTypes.StringType, "median_follower_count", DataTypes.DoubleType,
      "number_users_joined", DataTypes.LongType);

  @Test
  void everyReportGivesTheColumnsOfItsContractWithTheirTypes() {
    Dataset<Row> posts = posts(post(), post().age(60).followers(7).country("Albania"));

    for (Report report : Report.values()) {
      Dataset<Row> rows = Reports.compute(report, posts);
      assertThat(rows.schema().fieldNames()).as(report.reportName()).containsExactlyElementsOf(report.columns());
      assertThat(Arrays.stream(rows.schema().fields()).map(StructField::dataType)).as(report.reportName())
          .containsExactlyElementsOf(report.columns().stream().map(COLUMN_TYPES::get).toList());
      assertThat(rows.count()).as(report.reportName()).isPositive();
    }
  }

  // ---- test data ----

  /** A post with defaults that every report keeps; each test changes what it measures. */
  private static final class Post {
    final int ind = nextInd++;
    String category = "art";
    Integer followers = 100;
    String poster = "poster" + ind;
    String country = "Chile";
    String postedAt = "2020-06-01T00:00:00Z";
    String user = "user" + ind;
    Integer age = 30;
    String joinedAt = "2016-06-01T00:00:00Z";

    Post category(String value) {
      category = value;
      return this;
    }

    Post followers(Integer value) {
      followers = value;
      return this;
    }

    Post poster(String value) {
      poster = value;
      return this;
    }

    Post country(String value) {
      country = value;
      return this;
    }

    Post postedAt(String value) {
      postedAt = value;
      return this;
    }

    Post user(String value) {
      user = value;
      return this;
    }

    Post age(Integer value) {
      age = value;
      return this;
    }

    Post joinedAt(String value) {
      joinedAt = value;
      return this;
    }
  }

  private static Post post() {
    return new Post();
  }

  private static Dataset<Row> posts(Post... posts) {
    return Posts.join(pins(posts), geos(posts), users(posts));
  }

  private static Dataset<Row> pins(Post... posts) {
    return SparkTestSession.rows(spark, PIN, Arrays.stream(posts).map(p -> new Object[] {
        p.ind, "uuid-" + p.ind, "title", "description", p.followers, p.poster, "tags", "image", "src",
        "/data/" + p.category, p.category, 1, DT}).toArray(Object[][]::new));
  }

  private static Dataset<Row> geos(Post... posts) {
    return SparkTestSession.rows(spark, GEO, Arrays.stream(posts).map(p -> new Object[] {
        p.ind, p.country, List.of(-12.5, 40.25), timestamp(p.postedAt), DT}).toArray(Object[][]::new));
  }

  private static Dataset<Row> users(Post... posts) {
    return SparkTestSession.rows(spark, USER, Arrays.stream(posts).map(p -> new Object[] {
        p.ind, p.user, p.age, timestamp(p.joinedAt), DT}).toArray(Object[][]::new));
  }

  private static Post[] concat(Post[] first, Post[] second) {
    Post[] all = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }

  // An instant, so the rows do not depend on the JVM's default time zone.
  private static Timestamp timestamp(String instant) {
    return instant == null ? null : Timestamp.from(Instant.parse(instant));
  }

  private static StructType schema(Object... namesAndTypes) {
    StructType schema = new StructType();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      schema = schema.add((String) namesAndTypes[i], (org.apache.spark.sql.types.DataType) namesAndTypes[i + 1], true);
    }
    return schema;
  }

  private static List<List<Object>> collect(Dataset<Row> rows) {
    return rows.collectAsList().stream()
        .map(r -> IntStream.range(0, r.length()).mapToObj(r::get).toList())
        .toList();
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }
}
