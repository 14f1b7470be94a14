package dev.pinpipe.local.db;

import dev.pinpipe.posts.GeoRow;
import dev.pinpipe.posts.PinRow;
import dev.pinpipe.posts.Post;
import dev.pinpipe.posts.UserRow;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Hand-made posts (never the generator), with the text that breaks string-built SQL; and a bounded wait. */
final class DbFixtures {

  static final String HOSTILE = "Quote \" apostrophe ' backslash \\ \\' '; DROP TABLE pinterest_data; --"
      + " \n new line \r\n crlf \t tab é 日本 📌 \u0000nul zero-width\u200Bjoiner";

  private DbFixtures() {
  }

  /** Five posts, indexes 1 to 5, each with hostile text somewhere else; post 4 has nulls and empty strings. */
  static List<Post> hostile() {
    return List.of(
        post(1, "Title " + HOSTILE, "No description available Story format", "2020-03-11 04:05:06", 45.9528, -170.3789),
        new Post(
            new PinRow(2, "2c9a8c0e-1d2b-4a5e-9f00-0000000000a2", "Pottery ideas", HOSTILE, "L'Atelier \"Bo\"", "51k",
                "pottery,clay,\\n,'quoted'", "video", "https://i.pinimg.com/originals/a'b\"c.jpg", 0,
                "Local save in /data/diy-and-crafts", "diy-and-crafts"),
            new GeoRow(2, "1999-12-31 23:59:59", 0.1 + 0.2, 1e-300, "Côte d'Ivoire"),
            new UserRow(2, "Zoë", "O'Brien \"Bo\" \\", 36, "2016-02-29 23:59:59")),
        new Post(
            new PinRow(3, "2c9a8c0e-1d2b-4a5e-9f00-0000000000a3", "日本の庭 📌📌", "説明 🎍 emoji 👩‍👩‍👧", "山田 太郎", "1M",
                "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e", "multi-video(story page format)", "Image src error.", 1,
                "Local save in /data/travel", "travel"),
            new GeoRow(3, "2022-01-01 00:00:00", -89.999999999999, 179.123456789012345, HOSTILE),
            new UserRow(3, HOSTILE, "日本", 99, "1000-01-01 00:00:00")),
        new Post(
            new PinRow(4, "", null, "", "User Info Error", "", null, "image", "", 0, null, ""),
            new GeoRow(4, null, 0.0, 0.0, null),
            new UserRow(4, "", null, 0, null)),
        post(5, "tabs\tand\nnewlines", "backslash at the end \\", "2021-07-04 12:00:00", -33.8688, 151.2093));
  }

  /** Plain posts with indexes {@code first} to {@code first + count - 1}. */
  static List<Post> plain(int first, int count) {
    List<Post> posts = new ArrayList<>(count);
    for (int index = first; index < first + count; index++) {
      posts.add(post(index, "Title " + index, "Description of post " + index, "2020-01-01 00:00:00", index * 0.001, -index * 0.002));
    }
    return posts;
  }

  static Post post(int index, String title, String description, String timestamp, double latitude, double longitude) {
    return new Post(
        new PinRow(index, UUID.nameUUIDFromBytes(("pin" + index).getBytes()).toString(), title, description,
            "The Everyday Maker", "12k", "tag,one,two", "image", "https://i.pinimg.com/originals/" + index + ".jpg", 1,
            "Local save in /data/home-decor", "home-decor"),
        new GeoRow(index, timestamp, latitude, longitude, "New Zealand"),
        new UserRow(index, "Ana", "Smith", 20 + index % 50, "2015-10-" + String.format("%02d", 1 + index % 28) + " 08:30:00"));
  }

  /** The future's value, waiting at most a minute; its failure is thrown as it is. */
  static <T> T await(Future<T> future) {
    try {
      return future.await(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within 60 s", e);
    }
  }
}
