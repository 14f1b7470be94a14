package dev.pinpipe.jobs.clean;

import dev.pinpipe.jobs.support.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import static dev.pinpipe.jobs.clean.Collected.row;
import static dev.pinpipe.jobs.clean.Collected.rows;
import static dev.pinpipe.jobs.clean.Collected.schema;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeduplicationTest {

  private static final StructType TABLE = new StructType()
      .add("name", "string").add("ind", "int").add("count", "int");

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkTestSession.start();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private static Dataset<Row> table(Object[]... rows) {
    return SparkTestSession.rows(spark, TABLE, rows);
  }

  @Test
  void identicalDuplicatesBecomeOneRow() {
    Dataset<Row> input = table(
        new Object[] {"a", 1, 10}, new Object[] {"a", 1, 10}, new Object[] {"a", 1, 10}, new Object[] {"b", 2, 20});

    assertThat(rows(Deduplication.byInd(input).orderBy("ind"))).containsExactly(row("a", 1, 10), row("b", 2, 20));
  }

  @Test
  void differingDuplicatesKeepTheSmallestRowColumnByColumnWithNullsFirst() {
    Dataset<Row> input = table(
        new Object[] {"b", 1, 5},
        new Object[] {"a", 1, 30},
        new Object[] {"a", 1, 20},
        new Object[] {"x", 2, 1},
        new Object[] {null, 2, 9},
        new Object[] {"y", 3, null},
        new Object[] {"y", 3, 0});

    assertThat(rows(Deduplication.byInd(input).orderBy("ind")))
        .containsExactly(row("a", 1, 20), row(null, 2, 9), row("y", 3, null));
  }

  @Test
  void theResultDoesNotDependOnInputOrderOrPartitioning() {
    Object[][] rows = {
        new Object[] {"b", 1, 5}, new Object[] {"a", 1, 30}, new Object[] {"a", 1, 20}, new Object[] {"c", 1, 1},
        new Object[] {"x", 2, 1}, new Object[] {"w", 2, 7}};
    Object[][] reversed = new Object[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      reversed[i] = rows[rows.length - 1 - i];
    }

    List<List<Object>> forward = rows(Deduplication.byInd(table(rows)).orderBy("ind"));
    List<List<Object>> backward = rows(Deduplication.byInd(table(reversed).repartition(3)).orderBy("ind"));

    assertThat(forward).containsExactly(row("a", 1, 20), row("w", 2, 7));
    assertThat(backward).isEqualTo(forward);
  }

  @Test
  void rowsWithoutIndAreDropped() {
    Dataset<Row> input = table(new Object[] {"a", null, 1}, new Object[] {"b", null, 2}, new Object[] {"c", 3, 3});

    assertThat(rows(Deduplication.byInd(input))).containsExactly(row("c", 3, 3));
  }

  @Test
  void columnsTheirOrderAndTypesAreKept() {
    StructType geo = new StructType().add("ind", "int").add("country", "string")
        .add("coordinates", DataTypes.createArrayType(DataTypes.DoubleType)).add("timestamp", "timestamp");
    Timestamp early = Timestamp.from(Instant.parse("2020-01-01T00:00:00Z"));
    Timestamp late = Timestamp.from(Instant.parse("2021-01-01T00:00:00Z"));
    Dataset<Row> input = SparkTestSession.rows(spark, geo,
        new Object[] {7, "Chile", new double[] {1.0, 2.0}, late},
        new Object[] {7, "Chile", new double[] {1.0, 2.0}, early},
        new Object[] {7, "Chile", new double[] {1.0, 3.0}, early});

    Dataset<Row> deduplicated = Deduplication.byInd(input);

    assertThat(schema(deduplicated)).isEqualTo(schema(input));
    assertThat(rows(deduplicated)).containsExactly(row(7, "Chile", List.of(1.0, 2.0), early));
  }

  @Test
  void aTableOfIndOnlyIsDeduplicatedToo() {
    Dataset<Row> input = table(new Object[] {"a", 1, 1}, new Object[] {"b", 1, 2}).select(col("ind"));

    assertThat(rows(Deduplication.byInd(input))).containsExactly(row(1));
  }

  @Test
  void aTableWithoutIndIsRejected() {
    Dataset<Row> input = table().drop("ind");

    assertThatThrownBy(() -> Deduplication.byInd(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[ind]");
  }
}
