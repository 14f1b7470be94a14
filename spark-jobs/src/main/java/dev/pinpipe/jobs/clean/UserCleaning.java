package dev.pinpipe.jobs.clean;

import dev.pinpipe.jobs.RawSchemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;

/** Cleans raw user records ({@link RawSchemas#USER}, every field a string) into the {@code user} table. */
public final class UserCleaning {

  private UserCleaning() {
  }

  /**
   * The user cleaning: validates and keeps the raw user columns, then applies, in order,
   * {@link CommonRules#emptyStringsToNull}, {@link #userName}, {@link #ageAndIndToInt},
   * {@link #dateJoinedToTimestamp} and {@link #outputColumns}.
   *
   * @throws IllegalArgumentException naming the raw user columns {@code raw} lacks
   */
  public static Dataset<Row> clean(Dataset<Row> raw) {
    return CommonRules.selectRequired(raw, RawSchemas.USER)
        .transform(CommonRules::emptyStringsToNull)
        .transform(UserCleaning::userName)
        .transform(UserCleaning::ageAndIndToInt)
        .transform(UserCleaning::dateJoinedToTimestamp)
        .transform(UserCleaning::outputColumns);
  }

  /**
   * {@code user_name} = first_name + " " + last_name; only the other part where one is null, null
   * where both are. first_name and last_name are dropped. Run after
   * {@link CommonRules#emptyStringsToNull}, so an empty part counts as missing.
   */
  public static Dataset<Row> userName(Dataset<Row> users) {
    // concat_ws skips nulls, and gives "" when both are null.
    return users
        .withColumn("user_name", CommonRules.nullIfEmpty(concat_ws(" ", col("first_name"), col("last_name"))))
        .drop("first_name", "last_name");
  }

  /** age to int and ind to the post's int key ({@link PostKey}): whole numbers ("25", "25.0") within the int range, else null. */
  public static Dataset<Row> ageAndIndToInt(Dataset<Row> users) {
    return users
        .withColumn("age", CommonRules.toInt(col("age")))
        .withColumn("ind", PostKey.parse(col("ind")));
  }

  /**
   * date_joined ("yyyy-MM-dd HH:mm:ss", UTC) to a timestamp; null where it has another form or is
   * not a real date and time.
   */
  public static Dataset<Row> dateJoinedToTimestamp(Dataset<Row> users) {
    return users.withColumn("date_joined", CommonRules.toTimestamp(col("date_joined")));
  }

  /** Keeps the user table's columns in their order: ind, user_name, age, date_joined. */
  public static Dataset<Row> outputColumns(Dataset<Row> users) {
    return users.select("ind", "user_name", "age", "date_joined");
  }
}
