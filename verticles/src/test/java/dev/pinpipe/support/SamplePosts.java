package dev.pinpipe.support;

import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** Posts shaped like the original tables' rows (DESIGN.md), with the awkward text real users write. */
public final class SamplePosts {

  public static final String HOSTILE = "Quote \" backslash \\ apostrophe ' ; DROP TABLE pinterest_data; -- \n new line \t tab é 日本 📌";

  private SamplePosts() {
  }

  public static JsonObject pin(int index) {
    return new JsonObject()
        .put("index", index)
        .put("unique_id", UUID.nameUUIDFromBytes(("pin" + index).getBytes()).toString())
        .put("title", "Title " + index + " " + HOSTILE)
        .put("description", "No description available Story format")
        .put("poster_name", "User Info Error")
        .put("follower_count", index % 2 == 0 ? "51k" : "")
        .put("tag_list", "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e")
        .put("is_image_or_video", "image")
        .put("image_src", "https://i.pinimg.com/originals/" + index + ".jpg")
        .put("downloaded", 1)
        .put("save_location", "Local save in /data/travel")
        .put("category", "travel");
  }

  public static JsonObject geo(int index) {
    return new JsonObject()
        .put("ind", index)
        .put("timestamp", "2020-03-11 04:05:06")
        .put("latitude", -45.9528)
        .put("longitude", 170.3789)
        .put("country", "Côte d'Ivoire");
  }

  public static JsonObject user(int index) {
    return new JsonObject()
        .put("ind", index)
        .put("first_name", "Zoë")
        .put("last_name", "O'Brien \"Bo\"")
        .put("age", 36)
        .put("date_joined", "2016-02-29 23:59:59");
  }
}
