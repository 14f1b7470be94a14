package dev.pinpipe.jobs.reports;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.function.UnaryOperator;

/**
 * The cleaned records the posts of day D are joined from, when a post's three records may
 * straddle UTC midnight: the sink files each record under the day of its own Kafka timestamp,
 * so a post sent at 23:59:59.999 can have its pin under D−1 and its geo and user under D.
 *
 * <p>A post belongs to the day of its last record. The posts of D are those whose three records
 * are all in D, and those that have records in D and the rest in D−1 where no post of D−1 used
 * them. A run of D reads only D and D−1, which are both complete when D is, so every post is in
 * exactly one day's reports and a rerun gives the same ones. D's records that still lack a
 * partner either belong to a post of D+1 (its last record is after midnight) or have no partner.
 */
public final class PostRecords {

  /** One day's cleaned, de-duplicated tables (one row per {@code ind} each). */
  public record Tables(Dataset<Row> pin, Dataset<Row> geo, Dataset<Row> user) {

    Tables map(UnaryOperator<Dataset<Row>> function) {
      return new Tables(function.apply(pin), function.apply(geo), function.apply(user));
    }
  }

  private PostRecords() {
  }

  /**
   * {@code day}'s rows of each kind, plus, for an {@code ind} that has some kinds but not all in
   * {@code day}, {@code previousDay}'s rows of the kinds {@code day} lacks, taken only from
   * posts that are not complete within {@code previousDay}. Columns are kept; each table keeps
   * one row per ind.
   */
  public static Tables withPreviousDay(Tables day, Tables previousDay) {
    Dataset<Row> incompleteToday = anyKind(day).join(completeInds(day), "ind", "left_anti");
    Tables unusedBefore = previousDay.map(rows -> rows.join(completeInds(previousDay), "ind", "left_anti"));
    return new Tables(
        day.pin().unionByName(partners(unusedBefore.pin(), incompleteToday, day.pin())),
        day.geo().unionByName(partners(unusedBefore.geo(), incompleteToday, day.geo())),
        day.user().unionByName(partners(unusedBefore.user(), incompleteToday, day.user())));
  }

  /** The {@code ind}s present in all three tables: the posts complete within them. */
  public static Dataset<Row> completeInds(Tables tables) {
    return tables.pin().select("ind")
        .join(tables.geo().select("ind"), "ind")
        .join(tables.user().select("ind"), "ind");
  }

  private static Dataset<Row> anyKind(Tables tables) {
    return tables.pin().select("ind")
        .union(tables.geo().select("ind"))
        .union(tables.user().select("ind"))
        .distinct();
  }

  private static Dataset<Row> partners(Dataset<Row> candidates, Dataset<Row> incompleteToday, Dataset<Row> today) {
    return candidates.join(incompleteToday, "ind", "left_semi").join(today, "ind", "left_anti");
  }
}
