package dev.pinpipe.posts;

import io.vertx.core.json.JsonObject;

/**
 * A row of {@code geolocation_data}.
 *
 * @param timestamp {@code YYYY-MM-DD HH:MM:SS}, UTC
 */
public record GeoRow(int ind, String timestamp, double latitude, double longitude, String country) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("ind", ind)
        .put("timestamp", timestamp)
        .put("latitude", latitude)
        .put("longitude", longitude)
        .put("country", country);
  }
}
