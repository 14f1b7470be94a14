package dev.pinpipe.db;

import dev.pinpipe.posts.GeoRow;
import dev.pinpipe.posts.PinRow;
import dev.pinpipe.posts.Post;
import dev.pinpipe.posts.UserRow;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads posts back by index: one row of each table joined on the index, exactly as written
 * (timestamps as {@code YYYY-MM-DD HH:MM:SS} text again).
 */
public final class PostReader {

  private static final String JOIN = " FROM " + Schema.PIN_TABLE + " p"
      + " JOIN " + Schema.GEO_TABLE + " g ON g.ind = p.`index`"
      + " JOIN " + Schema.USER_TABLE + " u ON u.ind = p.`index`";
  private static final String SELECT = "SELECT p.`index`, p.unique_id, p.title, p.description, p.poster_name,"
      + " p.follower_count, p.tag_list, p.is_image_or_video, p.image_src, p.downloaded, p.save_location, p.category,"
      + " g.`timestamp`, g.latitude, g.longitude, g.country,"
      + " u.first_name, u.last_name, u.age, u.date_joined" + JOIN;
  private static final String INDEXES = "SELECT p.`index`" + JOIN + " ORDER BY p.`index`";
  /**
   * Keys per query, padded up to one of these sizes (repeating a key), so only eight statement
   * shapes are ever prepared and cached, whatever the batch sizes asked for; doubling steps pad
   * a batch at most twofold (100 keys ask 128, not 512).
   */
  private static final int[] IN_SIZES = {1, 8, 16, 32, 64, 128, 256, 512};

  private PostReader() {
  }

  /** The indexes of every complete post (present in all three tables), ascending. */
  public static Future<List<Integer>> indexes(Pool pool) {
    return pool.preparedQuery(INDEXES).execute().map(rows -> {
      List<Integer> indexes = new ArrayList<>(rows.size());
      for (Row row : rows) {
        indexes.add(row.getInteger(0));
      }
      return indexes;
    });
  }

  /**
   * The posts with these indexes, in the order asked (an index asked twice comes back twice);
   * an index without a row in each of the three tables is left out.
   */
  public static Future<List<Post>> read(Pool pool, List<Integer> indexes) {
    if (indexes.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Integer> keys = new ArrayList<>(new LinkedHashSet<>(indexes));
    return pool.withConnection(connection -> {
      Map<Integer, Post> found = new HashMap<>();
      Future<Void> done = Future.succeededFuture();
      int largest = IN_SIZES[IN_SIZES.length - 1];
      for (int from = 0; from < keys.size(); from += largest) {
        List<Integer> chunk = keys.subList(from, Math.min(keys.size(), from + largest));
        done = done.compose(previous -> readChunk(connection, chunk, found));
      }
      return done.map(all -> {
        List<Post> posts = new ArrayList<>(indexes.size());
        for (Integer index : indexes) {
          Post post = found.get(index);
          if (post != null) {
            posts.add(post);
          }
        }
        return posts;
      });
    });
  }

  private static Future<Void> readChunk(SqlConnection connection, List<Integer> chunk, Map<Integer, Post> found) {
    int size = IN_SIZES[0];
    for (int candidate : IN_SIZES) {
      size = candidate;
      if (candidate >= chunk.size()) {
        break;
      }
    }
    List<Object> keys = new ArrayList<>(chunk);
    keys.addAll(Collections.nCopies(size - chunk.size(), chunk.get(chunk.size() - 1)));
    String sql = SELECT + " WHERE p.`index` IN (" + String.join(", ", Collections.nCopies(size, "?")) + ")";
    return connection.preparedQuery(sql).execute(Tuple.wrap(keys)).map(rows -> {
      for (Row row : rows) {
        Post post = post(row);
        found.put(post.index(), post);
      }
      return null;
    });
  }

  private static Post post(Row row) {
    int index = row.getInteger("index");
    PinRow pin = new PinRow(
        index,
        row.getString("unique_id"),
        row.getString("title"),
        row.getString("description"),
        row.getString("poster_name"),
        row.getString("follower_count"),
        row.getString("tag_list"),
        row.getString("is_image_or_video"),
        row.getString("image_src"),
        row.getInteger("downloaded"),
        row.getString("save_location"),
        row.getString("category"));
    GeoRow geo = new GeoRow(index, text(row.getLocalDateTime("timestamp")), row.getDouble("latitude"),
        row.getDouble("longitude"), row.getString("country"));
    UserRow user = new UserRow(index, row.getString("first_name"), row.getString("last_name"), row.getInteger("age"),
        text(row.getLocalDateTime("date_joined")));
    return new Post(pin, geo, user);
  }

  private static String text(LocalDateTime value) {
    return value == null ? null : Schema.DATETIME.format(value);
  }
}
