package dev.pinpipe.posts;

import io.vertx.core.json.JsonObject;

/** A row of {@code pinterest_data} (DESIGN.md, "Records"); column names are the original ones. */
public record PinRow(
    int index,
    String uniqueId,
    String title,
    String description,
    String posterName,
    String followerCount,
    String tagList,
    String isImageOrVideo,
    String imageSrc,
    int downloaded,
    String saveLocation,
    String category) {

  /** The record sent to Kafka: the row as a JSON object, fields in column order. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("index", index)
        .put("unique_id", uniqueId)
        .put("title", title)
        .put("description", description)
        .put("poster_name", posterName)
        .put("follower_count", followerCount)
        .put("tag_list", tagList)
        .put("is_image_or_video", isImageOrVideo)
        .put("image_src", imageSrc)
        .put("downloaded", downloaded)
        .put("save_location", saveLocation)
        .put("category", category);
  }
}
