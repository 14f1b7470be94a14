package dev.pinpipe.jobs.clean;

import dev.pinpipe.jobs.RawSchemas;
import dev.pinpipe.jobs.support.SparkTestSession;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static dev.pinpipe.jobs.clean.Collected.row;
import static dev.pinpipe.jobs.clean.Collected.rows;
import static dev.pinpipe.jobs.clean.Collected.schema;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PinCleaningTest {

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkTestSession.start();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  /**
   * A raw pin in {@link RawSchemas#PIN} order: index, unique_id, title, description, poster_name,
   * follower_count, tag_list, is_image_or_video, image_src, downloaded, save_location, category.
   */
  private static Object[] raw(String... values) {
    return values;
  }

  private static Dataset<Row> pins(Object[]... rows) {
    return SparkTestSession.rows(spark, RawSchemas.PIN, rows);
  }

  @Test
  void cleanGivesThePinColumnsInOrderWithTheirTypes() {
    Dataset<Row> cleaned = PinCleaning.clean(pins());

    assertThat(schema(cleaned)).containsExactly("ind int", "unique_id string", "title string", "description string",
        "follower_count int", "poster_name string", "tag_list string", "is_image_or_video string", "image_src string",
        "save_location string", "category string", "downloaded int");
  }

  @Test
  void cleanKeepsAGoodPinAndCleansEveryDirtyValue() {
    Dataset<Row> raw = pins(
        raw("7", "u-7", "Summer look", "Linen shirts", "Style Co", "51k", "shirt,linen", "image",
            "https://img/7.jpg", "1", "Local save in /data/mens-fashion", "mens-fashion"),
        raw("8", "u-8", "No Title Data Available", "No description available Story format", "User Info Error",
            "User Info Error", "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e", "video", "Image src error.", "0",
            "Local save in /data/travel", "travel"),
        raw("9.0", "", "", "", "", "", "", "", "", "", "", ""),
        raw(null, null, null, null, null, null, null, null, null, null, null, null));

    assertThat(rows(PinCleaning.clean(raw))).containsExactly(
        row(7, "u-7", "Summer look", "Linen shirts", 51000, "Style Co", "shirt,linen", "image", "https://img/7.jpg",
            "/data/mens-fashion", "mens-fashion", 1),
        row(8, "u-8", null, null, null, null, null, "video", null, "/data/travel", "travel", 0),
        row(9, null, null, null, null, null, null, null, null, null, null, null),
        row(null, null, null, null, null, null, null, null, null, null, null, null));
  }

  @Test
  void cleanTakesTheRawColumnsInAnyOrderAndDropsExtraOnes() {
    Dataset<Row> raw = pins(raw("7", "u-7", "t", "d", "p", "1.2M", "a,b", "image", "src", "1",
        "Local save in /data/art", "art"));
    List<Column> reordered = new ArrayList<>();
    reordered.add(lit("extra").as("extra"));
    for (int i = RawSchemas.PIN.fieldNames().length - 1; i >= 0; i--) {
      reordered.add(col(RawSchemas.PIN.fieldNames()[i]));
    }
    reordered.add(lit(null).cast(DataTypes.StringType).as(RawSchemas.CORRUPT_RECORD));

    Dataset<Row> cleaned = PinCleaning.clean(raw.select(reordered.toArray(Column[]::new)));

    assertThat(cleaned.columns()).doesNotContain("extra", RawSchemas.CORRUPT_RECORD);
    assertThat(rows(cleaned)).containsExactly(
        row(7, "u-7", "t", "d", 1200000, "p", "a,b", "image", "src", "/data/art", "art", 1));
  }

  @Test
  void cleanFailsFastNamingTheMissingColumns() {
    Dataset<Row> raw = pins().drop("follower_count", "category");

    assertThatThrownBy(() -> PinCleaning.clean(raw))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[follower_count, category]");
  }

  @Test
  void dirtyValuesToNullRemovesOnlyTheExactPlaceholders() {
    StructType schema = new StructType().add("title", "string").add("description", "string")
        .add("poster_name", "string").add("follower_count", "string").add("image_src", "string")
        .add("tag_list", "string");
    Dataset<Row> input = SparkTestSession.rows(spark, schema,
        new Object[] {"No Title Data Available", "No description available Story format", "User Info Error",
            "User Info Error", "Image src error.", "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e"},
        new Object[] {"no title data available", "No description available", "user info error", "12k",
            "Image src error", "No Tags Available"},
        new Object[] {"Title", "No description available yet", "Poster", "User Info Error ", "https://i/1.jpg", "a,b"},
        new Object[] {"T", "Text: No description available", "P", "830", "s", "t"},
        new Object[] {null, null, null, null, null, null});

    assertThat(rows(PinCleaning.dirtyValuesToNull(input))).containsExactly(
        row(null, null, null, null, null, null),
        row("no title data available", null, "user info error", "12k", "Image src error", "No Tags Available"),
        row("Title", null, "Poster", "User Info Error ", "https://i/1.jpg", "a,b"),
        row("T", "Text: No description available", "P", "830", "s", "t"),
        row(null, null, null, null, null, null));
  }

  @Test
  void followerCountToIntScalesKAndMExactlyAndNullsAnythingElse() {
    Map<String, Integer> cases = new LinkedHashMap<>();
    cases.put("51k", 51_000);
    cases.put("1M", 1_000_000);
    cases.put("1.5k", 1_500);
    cases.put("1.2M", 1_200_000);
    cases.put("12k", 12_000);
    cases.put("0", 0);
    cases.put("830", 830);
    cases.put("12K", 12_000);
    cases.put("1m", 1_000_000);
    cases.put("0.5k", 500);
    cases.put("1.000001M", 1_000_001);
    cases.put("007", 7);
    cases.put(" 12k ", 12_000);
    cases.put("2147483647", Integer.MAX_VALUE);
    cases.put("2147.483647M", Integer.MAX_VALUE);
    cases.put("1.0", 1);
    cases.put("1.2345k", null);
    cases.put("1.0000001M", null);
    cases.put("1.5", null);
    cases.put("2147483648", null);
    cases.put("3000M", null);
    cases.put("-5", null);
    cases.put("+5", null);
    cases.put("abc", null);
    cases.put("User Info Error", null);
    cases.put("", null);
    cases.put("k", null);
    cases.put("1.k", null);
    cases.put(".5k", null);
    cases.put("1,000", null);
    cases.put("1.5B", null);
    cases.put("12 k", null);
    cases.put("1e3", null);
    cases.put("1.1234567890123M", null);
    cases.put(null, null);

    assertThat(cleanedByCase(PinCleaning::followerCountToInt, "follower_count", cases.keySet()))
        .containsExactlyEntriesOf(cases);
  }

  @Test
  void indexAndDownloadedToIntKeepWholeNumbersOnly() {
    Map<String, Integer> cases = new LinkedHashMap<>();
    cases.put("7", 7);
    cases.put("0", 0);
    cases.put("1", 1);
    cases.put("-1", -1);
    cases.put("7.0", 7);
    cases.put(" 3 ", 3);
    cases.put("2147483647", Integer.MAX_VALUE);
    cases.put("-2147483648", Integer.MIN_VALUE);
    cases.put("7.5", null);
    cases.put("2147483648", null);
    cases.put("1e3", null);
    cases.put("abc", null);
    cases.put("", null);
    cases.put("1k", null);
    cases.put(null, null);

    assertThat(cleanedByCase(PinCleaning::indexAndDownloadedToInt, "index", cases.keySet(), "index", "downloaded"))
        .containsExactlyEntriesOf(cases);
    assertThat(cleanedByCase(PinCleaning::indexAndDownloadedToInt, "downloaded", cases.keySet(), "index", "downloaded"))
        .containsExactlyEntriesOf(cases);
  }

  @Test
  void saveLocationToPathKeepsThePathOnly() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("Local save in /data/mens-fashion", "/data/mens-fashion");
    cases.put("Local save in /data/home-decor/", "/data/home-decor/");
    cases.put("/data/art", "/data/art");
    cases.put("Local save in /data", "/data");
    cases.put("Saved at /data/travel", "/data/travel");
    cases.put("Local save in /tmp/x", "/tmp/x");
    cases.put("Local save in /database/x", "/database/x");
    cases.put("Local save in somewhere", "somewhere");
    cases.put("Local save in ", null);
    cases.put("Local save in    ", null);
    cases.put("", null);
    cases.put("elsewhere", "elsewhere");
    cases.put(null, null);

    assertThat(cleanedByCase(PinCleaning::saveLocationToPath, "save_location", cases.keySet()))
        .containsExactlyEntriesOf(cases);
  }

  @Test
  void indexToIndRenamesTheColumnInPlace() {
    Dataset<Row> input = SparkTestSession.rows(spark,
        new StructType().add("a", "string").add("index", "int").add("b", "string"), new Object[] {"x", 7, "y"});

    Dataset<Row> renamed = PinCleaning.indexToInd(input);

    assertThat(schema(renamed)).containsExactly("a string", "ind int", "b string");
    assertThat(rows(renamed)).containsExactly(row("x", 7, "y"));
  }

  /**
   * Runs {@code rule} over one row per case, with the case in a column {@code "case"} and in each
   * of {@code columns}, and gives each case's cleaned value of {@code columns[0]}.
   */
  private static <T> Map<String, T> cleanedByCase(UnaryOperator<Dataset<Row>> rule, String column,
      Iterable<String> cases) {
    return cleanedByCase(rule, column, cases, column);
  }

  private static <T> Map<String, T> cleanedByCase(UnaryOperator<Dataset<Row>> rule, String result,
      Iterable<String> cases, String... columns) {
    StructType schema = new StructType().add("case", "string");
    for (String column : columns) {
      schema = schema.add(column, "string");
    }
    List<Object[]> input = new ArrayList<>();
    for (String value : cases) {
      Object[] values = new Object[columns.length + 1];
      Arrays.fill(values, value);
      input.add(values);
    }
    Dataset<Row> cleaned = rule.apply(SparkTestSession.rows(spark, schema, input.toArray(Object[][]::new)));

    Map<String, T> byCase = new LinkedHashMap<>();
    for (Row row : cleaned.select("case", result).collectAsList()) {
      @SuppressWarnings("unchecked")
      T value = (T) row.get(1);
      byCase.put(row.getString(0), value);
    }
    return byCase;
  }
}
