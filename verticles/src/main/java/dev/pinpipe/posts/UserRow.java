package dev.pinpipe.posts;

import io.vertx.core.json.JsonObject;

/**
 * A row of {@code user_data}.
 *
 * @param dateJoined {@code YYYY-MM-DD HH:MM:SS}, UTC
 */
public record UserRow(int ind, String firstName, String lastName, int age, String dateJoined) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("ind", ind)
        .put("first_name", firstName)
        .put("last_name", lastName)
        .put("age", age)
        .put("date_joined", dateJoined);
  }
}
