package dev.pinpipe.ingest;

import dev.pinpipe.produce.OutgoingRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostsCodecTest {

  private final PostsCodec codec = new PostsCodec(6, "pp");

  private List<OutgoingRecord> decode(String body) {
    return codec.decode(body.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void onePostBecomesThreeRecordsKeyedByItsIndex() {
    List<OutgoingRecord> records = decode("""
        {"user": {"ind": 12, "first_name": "Ann"}, "pin": {"index": 12, "title": "T"}, "geo": {"ind": 12, "latitude": -1.5}}
        """);

    assertThat(records).extracting(OutgoingRecord::topic).containsExactly("pp.pin", "pp.geo", "pp.user");
    assertThat(records).extracting(record -> text(record.key())).containsOnly("12");
    assertThat(records).extracting(record -> text(record.value())).containsExactly(
        "{\"index\":12,\"title\":\"T\"}", "{\"ind\":12,\"latitude\":-1.5}", "{\"ind\":12,\"first_name\":\"Ann\"}");
  }

  @Test
  void aBatchKeepsPostOrder() {
    List<OutgoingRecord> records = decode("""
        {"posts": [
          {"pin": {"index": 1}, "geo": {"ind": 1}, "user": {"ind": 1}},
          {"pin": {"index": 2}, "geo": {"ind": 2}, "user": {"ind": 2}}
        ]}
        """);

    assertThat(records).extracting(record -> record.topic() + "/" + text(record.key()))
        .containsExactly("pp.pin/1", "pp.geo/1", "pp.user/1", "pp.pin/2", "pp.geo/2", "pp.user/2");
  }

  @Test
  void incompletePostsAreRefusedWholeAndNamed() {
    assertError("{\"pin\":{\"index\":1},\"geo\":{\"ind\":1}}", "user is missing");
    assertError("{\"pin\":{\"title\":\"x\"},\"geo\":{},\"user\":{}}", "pin.index is missing");
    assertError("{\"pin\":{\"index\":\"1\"},\"geo\":{},\"user\":{}}", "pin.index must be a whole number");
    assertError("{\"posts\":[{\"pin\":{\"index\":1},\"geo\":{},\"user\":{}}, {\"pin\":{\"index\":2},\"geo\":{}}]}", "posts[1].user is missing");
    assertError("{\"posts\":[{\"pin\":{\"index\":1},\"geo\":[],\"user\":{}}]}", "posts[0].geo must be an object");
    assertError("{\"posts\":{}}", "'posts' must be an array");
    assertError("{\"posts\":[]}", "at least one post");
    assertError("{\"posts\":[" + "{\"pin\":{\"index\":1},\"geo\":{},\"user\":{}},".repeat(2) + "{\"pin\":{\"index\":1},\"geo\":{},\"user\":{}}]}",
        "More than 2 posts");
  }

  private void assertError(String body, String message) {
    assertThatThrownBy(() -> decode(body))
        .as(body)
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.error().status()).isEqualTo(422);
          assertThat(e.error().message()).contains(message);
        });
  }
}
