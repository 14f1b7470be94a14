package dev.pinpipe.local.dataset;

import dev.pinpipe.posts.Post;
import dev.pinpipe.posts.GeoRow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinpipe.local.dataset.Categories.Category;
import dev.pinpipe.local.dataset.Countries.Country;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The character of the 11,000 posts of one seed: ranges, formats, variety and the hostile cases. */
class DatasetContentTest {

  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final Pattern FOLLOWER_COUNT = Pattern.compile("[1-9][0-9]{0,2}[kM]?|0");
  private static final Pattern IMAGE_SRC = Pattern.compile(
      "https://i\\.pinimg\\.com/originals/([0-9a-f]{2})/([0-9a-f]{2})/([0-9a-f]{2})/\\1\\2\\3[0-9a-f]{26}\\.jpg");

  private static List<Post> posts;

  @BeforeAll
  static void generate() {
    posts = DatasetGenerator.generate(7L, DatasetGenerator.DEFAULT_POSTS);
  }

  @Test
  void agesLieWithinTheRangeAndAllAppear() {
    Set<Integer> ages = distinct(post -> post.user().age());
    assertThat(ages).containsExactlyInAnyOrderElementsOf(
        IntStream.rangeClosed(DatasetGenerator.MIN_AGE, DatasetGenerator.MAX_AGE).boxed().toList());
    assertThat(ages).contains(18, 80);
  }

  @Test
  void timestampsParseAndLieWithinTheirRanges() {
    LocalDateTime geoFirst = LocalDateTime.of(2018, 1, 1, 0, 0, 0);
    LocalDateTime geoLast = LocalDateTime.of(2022, 12, 31, 23, 59, 59);
    LocalDateTime joinedFirst = LocalDateTime.of(2015, 1, 1, 0, 0, 0);
    LocalDateTime joinedLast = LocalDateTime.of(2020, 12, 31, 23, 59, 59);
    for (Post post : posts) {
      assertThat(LocalDateTime.parse(post.geo().timestamp(), TIMESTAMP)).isBetween(geoFirst, geoLast);
      assertThat(LocalDateTime.parse(post.user().dateJoined(), TIMESTAMP)).isBetween(joinedFirst, joinedLast);
    }
    assertThat(distinct(post -> post.geo().timestamp().substring(0, 4)))
        .containsExactlyInAnyOrder("2018", "2019", "2020", "2021", "2022");
    assertThat(distinct(post -> post.user().dateJoined().substring(0, 4)))
        .containsExactlyInAnyOrder("2015", "2016", "2017", "2018", "2019", "2020");
  }

  @Test
  void pointsLieWithinBoundsNearTheirCountry() {
    Map<String, Country> countries = Countries.ALL.stream().collect(Collectors.toMap(Country::name, c -> c));
    for (Post post : posts) {
      GeoRow geo = post.geo();
      assertThat(geo.latitude()).isBetween(-90.0, 90.0);
      assertThat(geo.longitude()).isBetween(-180.0, 180.0);
      Country country = countries.get(geo.country());
      assertThat(country).as(geo.country()).isNotNull();
      assertThat(Math.abs(geo.latitude() - country.latitude())).isLessThanOrEqualTo(GeoRows.JITTER_DEGREES);
      assertThat(Math.abs(geo.longitude() - country.longitude())).isLessThanOrEqualTo(GeoRows.JITTER_DEGREES);
    }
  }

  @Test
  void manyCountriesAppearIncludingHostileNames() {
    Set<String> countries = distinct(post -> post.geo().country());
    assertThat(countries).hasSizeGreaterThanOrEqualTo(150);
    assertThat(countries).contains("Côte d'Ivoire", "Curaçao", "Åland Islands", "São Tomé and Príncipe");
  }

  @Test
  void saveLocationMatchesTheCategoryAndAllCategoriesAppear() {
    for (Post post : posts) {
      assertThat(post.pin().saveLocation()).isEqualTo("Local save in /data/" + post.pin().category());
    }
    assertThat(distinct(post -> post.pin().category())).containsExactlyInAnyOrder(
        "art", "beauty", "christmas", "diy-and-crafts", "education", "event-planning", "finance", "home-decor",
        "mens-fashion", "quotes", "tattoos", "travel", "vehicles");
  }

  @Test
  void followerCountsAreWrittenAsPinterestShowsThem() {
    Set<String> counts = distinct(post -> post.pin().followerCount());
    for (String count : counts) {
      if (!count.isEmpty() && !count.equals(DirtyValues.USER_INFO_ERROR)) {
        assertThat(count).matches(FOLLOWER_COUNT);
      }
    }
    assertThat(counts).anyMatch(count -> count.matches("[0-9]+"));
    assertThat(counts).anyMatch(count -> count.endsWith("k"));
    assertThat(counts).anyMatch(count -> count.endsWith("M"));
    assertThat(counts).contains("", DirtyValues.USER_INFO_ERROR);
  }

  @Test
  void imageSourcesAreWrittenAsPinterestServesThem() {
    for (Post post : posts) {
      String imageSrc = post.pin().imageSrc();
      if (!imageSrc.equals(DirtyValues.IMAGE_SRC_ERROR)) {
        assertThat(imageSrc).matches(IMAGE_SRC);
      }
    }
    assertThat(distinct(post -> post.pin().imageSrc())).hasSizeGreaterThan(posts.size() * 9 / 10);
  }

  @Test
  void tagListsAreThreeToFiveTagsOfTheCategory() {
    Map<String, Category> categories = Categories.ALL.stream().collect(Collectors.toMap(Category::name, c -> c));
    for (Post post : posts) {
      String tagList = post.pin().tagList();
      if (!tagList.isEmpty() && !tagList.equals(DirtyValues.NO_TAGS)) {
        List<String> tags = List.of(tagList.split(","));
        assertThat(tags).hasSizeBetween(3, 5).doesNotHaveDuplicates();
        assertThat(categories.get(post.pin().category()).tags()).containsAll(tags);
      }
    }
  }

  @Test
  void theHostileCasesEachAppear() {
    String pinText = posts.stream()
        .map(post -> post.pin().title() + post.pin().description() + post.pin().posterName() + post.pin().tagList())
        .collect(Collectors.joining());
    assertThat(pinText).contains("é", "ü", "日本", "📌", "✨", "\"", "'", "\\", "\n");
    for (String hostile : List.of("日本", "📌", "\"", "\\", "\n")) {
      assertThat(count(post -> post.pin().description().contains(hostile))).as(hostile).isGreaterThan(50);
    }
    assertThat(count(post -> post.pin().title().contains("\""))).isGreaterThan(10);
    assertThat(count(post -> post.pin().posterName().contains("\\"))).isGreaterThan(10);
    assertThat(count(post -> post.user().lastName().contains("'"))).isGreaterThan(100);
    assertThat(count(post -> post.user().firstName().matches(".*[^\\p{ASCII}].*"))).isGreaterThan(100);
  }

  @Test
  void mostPostsAreCleanImagesThatWereDownloaded() {
    assertThat(count(post -> post.pin().isImageOrVideo().equals("image"))).isGreaterThan(posts.size() * 8 / 10);
    assertThat(count(post -> post.pin().downloaded() == 1)).isGreaterThan(posts.size() * 9 / 10);
    assertThat(distinct(post -> post.pin().isImageOrVideo()))
        .containsExactlyInAnyOrder("image", "video", DirtyValues.STORY_FORMAT);
  }

  private static <T> Set<T> distinct(Function<Post, T> field) {
    return posts.stream().map(field).collect(Collectors.toSet());
  }

  private static long count(java.util.function.Predicate<Post> test) {
    return posts.stream().filter(test).count();
  }
}
