package dev.pinpipe.local.dataset;

import dev.pinpipe.posts.PinRow;

import static dev.pinpipe.local.dataset.DatasetGenerator.IMAGE_SRC_ERROR_RATE;
import static dev.pinpipe.local.dataset.DatasetGenerator.NO_DESCRIPTION_RATE;
import static dev.pinpipe.local.dataset.DatasetGenerator.NO_TAGS_RATE;
import static dev.pinpipe.local.dataset.DatasetGenerator.NO_TITLE_RATE;
import static dev.pinpipe.local.dataset.DatasetGenerator.STORY_FORMAT_RATE;
import static dev.pinpipe.local.dataset.DatasetGenerator.USER_INFO_ERROR_RATE;
import static dev.pinpipe.local.dataset.DatasetGenerator.VIDEO_RATE;
import static dev.pinpipe.local.dataset.RandomPicks.chance;
import static dev.pinpipe.local.dataset.RandomPicks.orEmpty;
import static dev.pinpipe.local.dataset.RandomPicks.pick;

import dev.pinpipe.local.dataset.Categories.Category;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.UUID;

/** Makes {@code pinterest_data} rows, dirty values included at the rates of {@link DatasetGenerator}. */
final class PinRows {

  private PinRows() {
  }

  static PinRow make(long seed, int index, SplittableRandom random) {
    Category category = pick(random, Categories.ALL);

    double kind = random.nextDouble();
    boolean storyFormat = kind < STORY_FORMAT_RATE;
    String isImageOrVideo;
    if (storyFormat) {
      isImageOrVideo = DirtyValues.STORY_FORMAT;
    } else if (kind < STORY_FORMAT_RATE + VIDEO_RATE) {
      isImageOrVideo = "video";
    } else {
      isImageOrVideo = "image";
    }

    String title = chance(random, NO_TITLE_RATE)
        ? DirtyValues.NO_TITLE
        : orEmpty(random, () -> Texts.title(random, category));

    String description;
    if (storyFormat) {
      description = DirtyValues.NO_DESCRIPTION_STORY_FORMAT;
    } else if (chance(random, NO_DESCRIPTION_RATE)) {
      description = DirtyValues.NO_DESCRIPTION;
    } else {
      description = orEmpty(random, () -> Texts.description(random, category));
    }

    boolean userInfoError = chance(random, USER_INFO_ERROR_RATE);
    String posterName = userInfoError
        ? DirtyValues.USER_INFO_ERROR
        : orEmpty(random, () -> Texts.posterName(random));
    String followerCount = userInfoError
        ? DirtyValues.USER_INFO_ERROR
        : orEmpty(random, () -> FollowerCounts.draw(random));

    String tagList = chance(random, NO_TAGS_RATE)
        ? DirtyValues.NO_TAGS
        : orEmpty(random, () -> Texts.tagList(random, category));

    boolean imageSrcError = chance(random, IMAGE_SRC_ERROR_RATE);
    String imageSrc = imageSrcError ? DirtyValues.IMAGE_SRC_ERROR : ImageSources.draw(random);
    int downloaded = imageSrcError ? 0 : 1;

    return new PinRow(index, uniqueId(seed, index), title, description, posterName, followerCount, tagList,
        isImageOrVideo, imageSrc, downloaded, category.saveLocation(), category.name());
  }

  /** A name-based UUID of (seed, index): the same for the same post, distinct between posts. */
  static String uniqueId(long seed, int index) {
    byte[] name = ByteBuffer.allocate(Long.BYTES + Integer.BYTES).putLong(seed).putInt(index).array();
    return UUID.nameUUIDFromBytes(name).toString();
  }
}
