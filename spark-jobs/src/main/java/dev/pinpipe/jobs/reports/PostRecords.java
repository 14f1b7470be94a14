package dev.pinpipe.jobs.reports;

import java.util.Arrays;

import dev.pinpipe.contracts.RecordKind;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;

/**
 * Which cleaned records make the posts of day D, when a post's three records may straddle UTC
 * midnight: the sink files each record under the day of its own Kafka timestamp, so a post sent
 * at 23:59:59.999 can have its pin under D−1 and its geo and user under D.
 *
 * <p>A post belongs to the day of its last record. The posts of D are the {@code ind}s whose
 * three kinds are all in D, and those with some kinds in D and the others in D−1, where D−1 did
 * not have all three (then they were D−1's post). A run of D reads only D and D−1, which are both
 * complete when D is, so every post is in exactly one day's reports and a rerun gives the same
 * ones. Records of D in no post belong to a post of D+1 (its last record is after midnight) or
 * have no partners.
 *
 * <p>The tables hold one row per {@code ind} and day, the day in {@code dt} (as the Delta tables
 * have them).
 */
public final class PostRecords {

  private static final String DAY = "dt";
  private static final List<String> KINDS = Arrays.stream(RecordKind.values()).map(RecordKind::id).toList();

  /** The pin, geo and user tables. */
  public record Tables(Dataset<Row> pin, Dataset<Row> geo, Dataset<Row> user) {

    Dataset<Row> get(String kind) {
      return switch (kind) {
        case "pin" -> pin;
        case "geo" -> geo;
        default -> user;
      };
    }
  }

  private PostRecords() {
  }

  /**
   * One row per {@code ind} with a record of {@code day} or the day before: which kinds each day
   * has ({@code pin_today}, {@code pin_before}, ...), {@code post} (a post of {@code day}) and
   * {@code with_previous_day} (a post of {@code day} that takes records of the day before).
   */
  public static Dataset<Row> keys(Tables tables, LocalDate day) {
    Column today = col(DAY).equalTo(lit(Date.valueOf(day)));
    Column before = col(DAY).equalTo(lit(Date.valueOf(day.minusDays(1))));
    Dataset<Row> presence = null;
    List<Column> flags = new ArrayList<>();
    for (String kind : KINDS) {
      Dataset<Row> rows = tables.get(kind).select(col("ind"), col(DAY), lit(kind).as("kind"));
      presence = presence == null ? rows : presence.union(rows);
      Column isKind = col("kind").equalTo(kind);
      flags.add(max(isKind.and(today)).as(kind + "_today"));
      flags.add(max(isKind.and(before)).as(kind + "_before"));
    }
    Column completeToday = all("_today");
    Column joined = col("pin_today").or(col("pin_before"))
        .and(col("geo_today").or(col("geo_before")))
        .and(col("user_today").or(col("user_before")));
    Column post = completeToday.or(any("_today").and(not(all("_before"))).and(joined));
    return presence.groupBy("ind")
        .agg(flags.get(0), flags.subList(1, flags.size()).toArray(Column[]::new))
        .withColumn("post", post)
        .withColumn("with_previous_day", post.and(not(completeToday)));
  }

  /**
   * Each table's rows for the posts in {@code keys}: one per post, {@code day}'s where it has
   * one, else the day before's; without {@code dt}.
   */
  public static Tables records(Tables tables, Dataset<Row> keys, LocalDate day) {
    List<Dataset<Row>> records = new ArrayList<>();
    for (String kind : KINDS) {
      Dataset<Row> rows = tables.get(kind);
      Dataset<Row> wanted = keys.where(col("post")).select(col("ind"), col(kind + "_today").as("_has_today"));
      records.add(rows.join(wanted, "ind")
          .where(col(DAY).equalTo(lit(Date.valueOf(day))).or(not(col("_has_today"))))
          .drop(DAY, "_has_today"));
    }
    return new Tables(records.get(0), records.get(1), records.get(2));
  }

  /**
   * One row: {@code posts}, {@code with_previous_day}, per kind the records of {@code day} in no
   * post ({@code unmatched_pin}, ...), and {@code inds_before}, the {@code ind}s with records of
   * the day before.
   */
  public static Dataset<Row> counts(Dataset<Row> keys) {
    List<Column> counts = new ArrayList<>(List.of(count(col("post")).as("posts"),
        count(col("with_previous_day")).as("with_previous_day")));
    for (String kind : KINDS) {
      counts.add(count(col(kind + "_today").and(not(col("post")))).as("unmatched_" + kind));
    }
    counts.add(count(any("_before")).as("inds_before"));
    return keys.agg(counts.get(0), counts.subList(1, counts.size()).toArray(Column[]::new));
  }

  private static Column count(Column condition) {
    return coalesce(sum(condition.cast("long")), lit(0L));
  }

  private static Column all(String suffix) {
    return col("pin" + suffix).and(col("geo" + suffix)).and(col("user" + suffix));
  }

  private static Column any(String suffix) {
    return col("pin" + suffix).or(col("geo" + suffix)).or(col("user" + suffix));
  }
}
