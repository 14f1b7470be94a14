package dev.pinpipe.local.db;

import dev.pinpipe.db.Schema;
import dev.pinpipe.db.MySqlErrors;

import dev.pinpipe.posts.GeoRow;
import dev.pinpipe.posts.PinRow;
import dev.pinpipe.posts.Post;
import dev.pinpipe.posts.UserRow;
import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLBatchException;
import io.vertx.mysqlclient.MySQLException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Loads posts into the three tables.
 *
 * <p>Idempotence: after {@code seed(pool, posts)} the tables hold exactly {@code posts}, whatever
 * they held before. It creates missing tables, then, in <em>one</em> transaction, deletes every
 * row of the three tables and inserts the posts (batched prepared statements,
 * {@value #CHUNK_ROWS} rows per batch). One transaction because readers (the emulator) then see
 * either the old content or the new, never a table half filled or three tables that disagree,
 * and a failure (say, a value too long for its column) leaves the old content untouched.
 * {@code DELETE} rather than {@code TRUNCATE}: TRUNCATE is DDL, commits implicitly and could not
 * be rolled back. Rather than upserting and deleting the rest, this rewrites every row: for the
 * dataset's size (11,000 posts) that costs about as much and leaves no stale row to reason about.
 */
public final class DatabaseSeeder {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseSeeder.class);
  public static final int CHUNK_ROWS = 1_000;

  private static final String INSERT_PIN = "INSERT INTO " + Schema.PIN_TABLE
      + " (`index`, unique_id, title, description, poster_name, follower_count, tag_list, is_image_or_video,"
      + " image_src, downloaded, save_location, category) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_GEO = "INSERT INTO " + Schema.GEO_TABLE
      + " (ind, `timestamp`, latitude, longitude, country) VALUES (?, ?, ?, ?, ?)";
  private static final String INSERT_USER = "INSERT INTO " + Schema.USER_TABLE
      + " (ind, first_name, last_name, age, date_joined) VALUES (?, ?, ?, ?, ?)";
  private static final String COUNT = "SELECT"
      + " (SELECT COUNT(*) FROM " + Schema.PIN_TABLE + "),"
      + " (SELECT COUNT(*) FROM " + Schema.GEO_TABLE + "),"
      + " (SELECT COUNT(*) FROM " + Schema.USER_TABLE + ")";

  private DatabaseSeeder() {
  }

  /**
   * Replaces the content of the three tables with {@code posts} (creating the tables first if
   * needed). Fails, changing nothing, when two posts share an index or a timestamp is not
   * {@code YYYY-MM-DD HH:MM:SS}.
   */
  public static Future<SeedResult> seed(Pool pool, List<Post> posts) {
    long started = System.nanoTime();
    List<Tuple> pins = new ArrayList<>(posts.size());
    List<Tuple> geos = new ArrayList<>(posts.size());
    List<Tuple> users = new ArrayList<>(posts.size());
    try {
      Set<Integer> seen = new HashSet<>();
      for (Post post : posts) {
        if (!seen.add(post.index())) {
          throw new IllegalArgumentException("two posts have index " + post.index() + ": an index identifies one post");
        }
        pins.add(pinTuple(post.pin()));
        geos.add(geoTuple(post.geo()));
        users.add(userTuple(post.user()));
      }
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return Schema.create(pool)
        .compose(created -> pool.withTransaction(connection ->
            replace(connection, Schema.PIN_TABLE, INSERT_PIN, pins)
                .compose(done -> replace(connection, Schema.GEO_TABLE, INSERT_GEO, geos))
                .compose(done -> replace(connection, Schema.USER_TABLE, INSERT_USER, users))
                .compose(done -> connection.query(COUNT).execute())))
        .map(counts -> {
          Row row = counts.iterator().next();
          SeedResult result = new SeedResult(row.getLong(0), row.getLong(1), row.getLong(2),
              Duration.ofNanos(System.nanoTime() - started));
          LOG.atInfo().addKeyValue("posts", posts.size()).addKeyValue("ms", result.elapsed().toMillis()).log("tables seeded");
          return result;
        });
  }

  private static Future<Void> replace(SqlConnection connection, String table, String insert, List<Tuple> rows) {
    // The table name is one of Schema's constants; every value travels as a parameter.
    Future<Void> done = connection.query("DELETE FROM " + table).execute().mapEmpty();
    for (int from = 0; from < rows.size(); from += CHUNK_ROWS) {
      List<Tuple> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK_ROWS));
      done = done.compose(previous -> connection.preparedQuery(insert).executeBatch(chunk))
          .<Void>mapEmpty()
          .recover(error -> Future.failedFuture(firstRowError(error, table, chunk)));
    }
    return done;
  }

  /** A batch fails as a whole; say which row failed and why (a MySQLException still, for {@link MySqlErrors}). */
  private static Throwable firstRowError(Throwable error, String table, List<Tuple> chunk) {
    if (!(error instanceof MySQLBatchException batch) || batch.getIterationError().isEmpty()) {
      return error;
    }
    int row = new TreeMap<>(batch.getIterationError()).firstKey();
    Throwable cause = batch.getIterationError().get(row);
    String where = " (" + table + ", post " + chunk.get(row).getValue(0) + ")";
    return cause instanceof MySQLException mysql
        ? new MySQLException(MySqlErrors.serverMessage(mysql) + where, mysql.getErrorCode(), mysql.getSqlState())
        : new IllegalStateException(cause.getMessage() + where, cause);
  }

  private static Tuple pinTuple(PinRow pin) {
    return Tuple.tuple()
        .addInteger(pin.index())
        .addString(pin.uniqueId())
        .addString(pin.title())
        .addString(pin.description())
        .addString(pin.posterName())
        .addString(pin.followerCount())
        .addString(pin.tagList())
        .addString(pin.isImageOrVideo())
        .addString(pin.imageSrc())
        .addInteger(pin.downloaded())
        .addString(pin.saveLocation())
        .addString(pin.category());
  }

  private static Tuple geoTuple(GeoRow geo) {
    return Tuple.tuple()
        .addInteger(geo.ind())
        .addLocalDateTime(dateTime(geo.timestamp(), geo.ind(), Schema.GEO_TABLE + ".timestamp"))
        .addDouble(geo.latitude())
        .addDouble(geo.longitude())
        .addString(geo.country());
  }

  private static Tuple userTuple(UserRow user) {
    return Tuple.tuple()
        .addInteger(user.ind())
        .addString(user.firstName())
        .addString(user.lastName())
        .addInteger(user.age())
        .addLocalDateTime(dateTime(user.dateJoined(), user.ind(), Schema.USER_TABLE + ".date_joined"));
  }

  private static LocalDateTime dateTime(String text, int index, String column) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDateTime.parse(text, Schema.DATETIME);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("post " + index + ": " + column + " '" + text + "' is not a timestamp YYYY-MM-DD HH:MM:SS");
    }
  }
}
