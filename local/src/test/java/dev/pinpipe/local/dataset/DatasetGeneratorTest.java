package dev.pinpipe.local.dataset;

import dev.pinpipe.posts.Post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DatasetGeneratorTest {

  private static final long SEED = 20_240_501L;
  private static final int POSTS = DatasetGenerator.DEFAULT_POSTS;

  private static List<Post> posts;

  @BeforeAll
  static void generate() {
    posts = DatasetGenerator.generate(SEED, POSTS);
  }

  @Test
  void theSameSeedGivesTheSameRows() {
    assertThat(encodings(DatasetGenerator.generate(SEED, POSTS))).isEqualTo(encodings(posts));
  }

  @Test
  void anotherSeedGivesOtherData() {
    List<Post> other = DatasetGenerator.generate(SEED + 1, POSTS);
    long samePins = IntStream.range(0, POSTS)
        .filter(i -> other.get(i).pin().equals(posts.get(i).pin()))
        .count();
    long sameGeos = IntStream.range(0, POSTS)
        .filter(i -> other.get(i).geo().equals(posts.get(i).geo()))
        .count();
    long sameUsers = IntStream.range(0, POSTS)
        .filter(i -> other.get(i).user().equals(posts.get(i).user()))
        .count();
    assertThat(samePins).isZero();
    assertThat(sameGeos).isZero();
    assertThat(sameUsers).isZero();
  }

  @Test
  void aPostIsTheSameWhateverTheSizeOfTheDatasetOrTheWayItIsRead() {
    List<Post> fewer = DatasetGenerator.generate(SEED, 100);
    assertThat(encodings(fewer)).isEqualTo(encodings(posts.subList(0, 100)));
    assertThat(encodings(DatasetGenerator.stream(SEED, POSTS).parallel().toList())).isEqualTo(encodings(posts));
    assertThat(DatasetGenerator.post(SEED, 1234)).isEqualTo(posts.get(1234));
  }

  @Test
  void indexesRunFromZeroAndAreSharedByTheThreeRows() {
    assertThat(posts).hasSize(POSTS);
    for (int i = 0; i < POSTS; i++) {
      Post post = posts.get(i);
      assertThat(post.index()).isEqualTo(i);
      assertThat(post.pin().index()).isEqualTo(i);
      assertThat(post.geo().ind()).isEqualTo(i);
      assertThat(post.user().ind()).isEqualTo(i);
    }
    assertThat(DatasetGenerator.generate(SEED, 0)).isEmpty();
  }

  @Test
  void uniqueIdsAreDistinctUuids() {
    Set<String> ids = new HashSet<>();
    for (Post post : posts) {
      String id = post.pin().uniqueId();
      assertThat(UUID.fromString(id).toString()).isEqualTo(id);
      ids.add(id);
    }
    assertThat(ids).hasSize(POSTS);
  }

  @Test
  void everyRowHasExactlyTheDesignFieldsWithTheirTypes() {
    Map<String, Class<?>> pinFields = ordered(
        "index", Integer.class, "unique_id", String.class, "title", String.class, "description", String.class,
        "poster_name", String.class, "follower_count", String.class, "tag_list", String.class,
        "is_image_or_video", String.class, "image_src", String.class, "downloaded", Integer.class,
        "save_location", String.class, "category", String.class);
    Map<String, Class<?>> geoFields = ordered(
        "ind", Integer.class, "timestamp", String.class, "latitude", Double.class, "longitude", Double.class,
        "country", String.class);
    Map<String, Class<?>> userFields = ordered(
        "ind", Integer.class, "first_name", String.class, "last_name", String.class, "age", Integer.class,
        "date_joined", String.class);
    for (Post post : posts) {
      assertFields(post.pin().toJson(), pinFields);
      assertFields(post.geo().toJson(), geoFields);
      assertFields(post.user().toJson(), userFields);
    }
  }

  @Test
  void everyRowSurvivesAJsonRoundTrip() {
    for (Post post : posts) {
      for (JsonObject row : List.of(post.pin().toJson(), post.geo().toJson(), post.user().toJson())) {
        assertThat(new JsonObject(row.encode())).isEqualTo(row);
      }
    }
  }

  @Test
  void negativeSizesAndIndexesAreRefused() {
    assertThatThrownBy(() -> DatasetGenerator.generate(SEED, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DatasetGenerator.post(SEED, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  private static List<String> encodings(List<Post> posts) {
    Function<Post, String> encode = post ->
        post.pin().toJson().encode() + post.geo().toJson().encode() + post.user().toJson().encode();
    return posts.stream().map(encode).toList();
  }

  /** Field name, type, name, type... in column order. */
  private static Map<String, Class<?>> ordered(Object... namesAndTypes) {
    Map<String, Class<?>> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      fields.put((String) namesAndTypes[i], (Class<?>) namesAndTypes[i + 1]);
    }
    return fields;
  }

  private static void assertFields(JsonObject row, Map<String, Class<?>> fields) {
    assertThat(row.fieldNames()).containsExactlyElementsOf(fields.keySet());
    fields.forEach((name, type) -> assertThat(row.getValue(name)).as(name).isInstanceOf(type));
  }
}
