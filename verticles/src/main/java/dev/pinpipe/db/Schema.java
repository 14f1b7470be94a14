package dev.pinpipe.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.List;

/**
 * The three source tables with the original column names (DESIGN.md, "Records"). Text is
 * {@code utf8mb4} with the binary collation, so any Unicode (emoji included) round-trips byte for
 * byte and compares exactly. Text columns are nullable, so a missing value stays distinct from
 * {@code ""}; the timestamps are {@code DATETIME} (no time zone conversion: they are UTC text).
 */
public final class Schema {

  public static final String PIN_TABLE = "pinterest_data";
  public static final String GEO_TABLE = "geolocation_data";
  public static final String USER_TABLE = "user_data";
  public static final List<String> TABLES = List.of(PIN_TABLE, GEO_TABLE, USER_TABLE);

  /** The records' timestamp text, {@code YYYY-MM-DD HH:MM:SS}, read strictly (no 2021-02-30). */
  public static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

  private static final String TABLE_OPTIONS = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";

  /** {@code CREATE TABLE IF NOT EXISTS} for each table, in {@link #TABLES} order. */
  public static final List<String> DDL = List.of(
      "CREATE TABLE IF NOT EXISTS " + PIN_TABLE + " ("
          + "`index` INT NOT NULL, "
          + "unique_id VARCHAR(64), "
          + "title VARCHAR(1024), "
          + "description TEXT, "
          + "poster_name VARCHAR(255), "
          + "follower_count VARCHAR(32), "
          + "tag_list VARCHAR(2048), "
          + "is_image_or_video VARCHAR(64), "
          + "image_src VARCHAR(2048), "
          + "downloaded INT NOT NULL, "
          + "save_location VARCHAR(512), "
          + "category VARCHAR(64), "
          + "PRIMARY KEY (`index`))" + TABLE_OPTIONS,
      "CREATE TABLE IF NOT EXISTS " + GEO_TABLE + " ("
          + "ind INT NOT NULL, "
          + "`timestamp` DATETIME, "
          + "latitude DOUBLE NOT NULL, "
          + "longitude DOUBLE NOT NULL, "
          + "country VARCHAR(255), "
          + "PRIMARY KEY (ind))" + TABLE_OPTIONS,
      "CREATE TABLE IF NOT EXISTS " + USER_TABLE + " ("
          + "ind INT NOT NULL, "
          + "first_name VARCHAR(255), "
          + "last_name VARCHAR(255), "
          + "age INT NOT NULL, "
          + "date_joined DATETIME, "
          + "PRIMARY KEY (ind))" + TABLE_OPTIONS);

  private Schema() {
  }

  /** Creates the tables that do not exist yet; existing ones are left as they are. */
  public static Future<Void> create(SqlClient client) {
    Future<Void> done = Future.succeededFuture();
    for (String ddl : DDL) {
      done = done.compose(ignored -> client.query(ddl).execute()).mapEmpty();
    }
    return done;
  }
}
