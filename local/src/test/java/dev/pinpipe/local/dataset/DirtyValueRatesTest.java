package dev.pinpipe.local.dataset;

import dev.pinpipe.posts.Post;
import dev.pinpipe.posts.PinRow;

import static dev.pinpipe.local.dataset.DatasetGenerator.EMPTY_TEXT_RATE;
import static dev.pinpipe.local.dataset.DatasetGenerator.IMAGE_SRC_ERROR_RATE;
import static dev.pinpipe.local.dataset.DatasetGenerator.NO_DESCRIPTION_RATE;
import static dev.pinpipe.local.dataset.DatasetGenerator.NO_TAGS_RATE;
import static dev.pinpipe.local.dataset.DatasetGenerator.NO_TITLE_RATE;
import static dev.pinpipe.local.dataset.DatasetGenerator.STORY_FORMAT_RATE;
import static dev.pinpipe.local.dataset.DatasetGenerator.USER_INFO_ERROR_RATE;
import static dev.pinpipe.local.dataset.DatasetGenerator.VIDEO_RATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each dirty value appears at its documented rate, a realistic one (at least 1%): for 11,000 posts
 * the measured rate lies between half and twice the expected one (the standard deviation is about
 * 5% of the rate, so the bounds are many deviations away).
 */
class DirtyValueRatesTest {

  @ParameterizedTest
  @ValueSource(longs = {1L, 42L, -7_000_000_000L})
  void everyDirtyValueAppearsAtItsRate(long seed) {
    List<PinRow> pins = DatasetGenerator.stream(seed, DatasetGenerator.DEFAULT_POSTS).map(Post::pin).toList();

    assertRate(pins, PinRow::title, DirtyValues.NO_TITLE, NO_TITLE_RATE);
    assertRate(pins, PinRow::title, "", (1 - NO_TITLE_RATE) * EMPTY_TEXT_RATE);

    assertRate(pins, PinRow::isImageOrVideo, DirtyValues.STORY_FORMAT, STORY_FORMAT_RATE);
    assertRate(pins, PinRow::isImageOrVideo, "video", VIDEO_RATE);
    assertRate(pins, PinRow::isImageOrVideo, "image", 1 - STORY_FORMAT_RATE - VIDEO_RATE);
    assertRate(pins, PinRow::description, DirtyValues.NO_DESCRIPTION_STORY_FORMAT, STORY_FORMAT_RATE);
    assertRate(pins, PinRow::description, DirtyValues.NO_DESCRIPTION, (1 - STORY_FORMAT_RATE) * NO_DESCRIPTION_RATE);
    assertRate(pins, PinRow::description, "",
        (1 - STORY_FORMAT_RATE) * (1 - NO_DESCRIPTION_RATE) * EMPTY_TEXT_RATE);
    assertRateOf(pins, pin -> pin.description().startsWith("No description available"), "any no-description",
        STORY_FORMAT_RATE + (1 - STORY_FORMAT_RATE) * NO_DESCRIPTION_RATE);

    assertRate(pins, PinRow::posterName, DirtyValues.USER_INFO_ERROR, USER_INFO_ERROR_RATE);
    assertRate(pins, PinRow::posterName, "", (1 - USER_INFO_ERROR_RATE) * EMPTY_TEXT_RATE);
    assertRate(pins, PinRow::followerCount, DirtyValues.USER_INFO_ERROR, USER_INFO_ERROR_RATE);
    assertRate(pins, PinRow::followerCount, "", (1 - USER_INFO_ERROR_RATE) * EMPTY_TEXT_RATE);

    assertRate(pins, PinRow::tagList, DirtyValues.NO_TAGS, NO_TAGS_RATE);
    assertRate(pins, PinRow::tagList, "", (1 - NO_TAGS_RATE) * EMPTY_TEXT_RATE);

    assertRate(pins, PinRow::imageSrc, DirtyValues.IMAGE_SRC_ERROR, IMAGE_SRC_ERROR_RATE);
    assertRateOf(pins, pin -> pin.downloaded() == 0, "downloaded 0", IMAGE_SRC_ERROR_RATE);
  }

  @ParameterizedTest
  @ValueSource(longs = {1L, 42L})
  void dirtyValuesComeTogetherAsInTheOriginal(long seed) {
    for (Post post : DatasetGenerator.generate(seed, DatasetGenerator.DEFAULT_POSTS)) {
      PinRow pin = post.pin();
      boolean storyFormat = pin.isImageOrVideo().equals(DirtyValues.STORY_FORMAT);
      assertThat(pin.description().equals(DirtyValues.NO_DESCRIPTION_STORY_FORMAT)).isEqualTo(storyFormat);
      assertThat(pin.posterName().equals(DirtyValues.USER_INFO_ERROR))
          .isEqualTo(pin.followerCount().equals(DirtyValues.USER_INFO_ERROR));
      assertThat(pin.downloaded()).isEqualTo(pin.imageSrc().equals(DirtyValues.IMAGE_SRC_ERROR) ? 0 : 1);
    }
  }

  private static void assertRate(List<PinRow> pins, Function<PinRow, String> field, String value, double expected) {
    assertRateOf(pins, pin -> field.apply(pin).equals(value), "\"" + value + "\"", expected);
  }

  private static void assertRateOf(List<PinRow> pins, Predicate<PinRow> dirty, String what, double expected) {
    long count = pins.stream().filter(dirty).count();
    double rate = (double) count / pins.size();
    assertThat(expected).as("expected rate of %s", what).isBetween(0.01, 0.99);
    assertThat(rate).as("rate of %s (%d of %d), expected %.4f", what, count, pins.size(), expected)
        .isBetween(expected / 2, expected * 2);
  }
}
