package dev.pinpipe.local.dataset;

import dev.pinpipe.posts.Post;
import dev.pinpipe.posts.PinRow;
import dev.pinpipe.posts.GeoRow;
import dev.pinpipe.posts.UserRow;

import java.time.LocalDateTime;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Generates the dataset the emulator posts from: rows of {@code pinterest_data},
 * {@code geolocation_data} and {@code user_data} that share their index, in the character of the
 * original Pinterest dataset. The output depends only on the seed: the same seed gives the same
 * posts, and post {@code i} is the same whatever the number of posts asked for (each post draws
 * from its own random stream, seeded from the seed and its index; no clock, no
 * {@code UUID.randomUUID()}).
 *
 * <p>Dirty values ({@link DirtyValues}) and their rates, each drawn independently per post:
 * <ul>
 *   <li>title {@value DirtyValues#NO_TITLE}: {@link #NO_TITLE_RATE} (3%);</li>
 *   <li>story-format posts, {@code is_image_or_video} {@value DirtyValues#STORY_FORMAT} and
 *       description {@value DirtyValues#NO_DESCRIPTION_STORY_FORMAT}: {@link #STORY_FORMAT_RATE}
 *       (3%);</li>
 *   <li>description {@value DirtyValues#NO_DESCRIPTION}: {@link #NO_DESCRIPTION_RATE} (2%) of the
 *       other posts;</li>
 *   <li>poster_name and follower_count both {@value DirtyValues#USER_INFO_ERROR}:
 *       {@link #USER_INFO_ERROR_RATE} (3%);</li>
 *   <li>tag_list {@value DirtyValues#NO_TAGS}: {@link #NO_TAGS_RATE} (3%);</li>
 *   <li>image_src {@value DirtyValues#IMAGE_SRC_ERROR}, with downloaded 0:
 *       {@link #IMAGE_SRC_ERROR_RATE} (3%); every other post has downloaded 1;</li>
 *   <li>the empty string in title, description, poster_name, follower_count and tag_list:
 *       {@link #EMPTY_TEXT_RATE} (2%) of each field's values that are not already dirty (so about
 *       1.9%).</li>
 * </ul>
 * Besides these, {@code is_image_or_video} is "video" at {@link #VIDEO_RATE} (9%) and "image"
 * otherwise (85%). Clean text comes from word lists that include the hostile cases: accents and
 * other unicode, emoji, double and single quotes, backslashes, and newlines within descriptions.
 *
 * <p>Other columns: 13 categories, each with its {@code save_location}
 * "Local save in /data/&lt;category&gt;"; follower counts log-uniform from 1 to 9M, written "830",
 * "51k", "4M"; a country drawn uniformly from 246 countries and territories, the point within 2
 * degrees of the country's; geo timestamps uniform from {@link #GEO_FIRST} to {@link #GEO_LAST};
 * ages uniform from {@value #MIN_AGE} to {@value #MAX_AGE}; date_joined uniform from
 * {@link #JOINED_FIRST} to {@link #JOINED_LAST}. Timestamps are UTC, {@code YYYY-MM-DD HH:MM:SS}.
 */
public final class DatasetGenerator {

  /** The number of posts of the dataset, as in the original. */
  public static final int DEFAULT_POSTS = 11_000;

  public static final double NO_TITLE_RATE = 0.03;
  public static final double STORY_FORMAT_RATE = 0.03;
  public static final double VIDEO_RATE = 0.09;
  public static final double NO_DESCRIPTION_RATE = 0.02;
  public static final double USER_INFO_ERROR_RATE = 0.03;
  public static final double NO_TAGS_RATE = 0.03;
  public static final double IMAGE_SRC_ERROR_RATE = 0.03;
  public static final double EMPTY_TEXT_RATE = 0.02;

  public static final int MIN_AGE = 18;
  public static final int MAX_AGE = 80;

  public static final LocalDateTime GEO_FIRST = LocalDateTime.of(2018, 1, 1, 0, 0, 0);
  public static final LocalDateTime GEO_LAST = LocalDateTime.of(2022, 12, 31, 23, 59, 59);
  public static final LocalDateTime JOINED_FIRST = LocalDateTime.of(2015, 1, 1, 0, 0, 0);
  public static final LocalDateTime JOINED_LAST = LocalDateTime.of(2020, 12, 31, 23, 59, 59);

  private DatasetGenerator() {
  }

  /** {@code posts} posts with indexes 0 to posts - 1, the same for the same seed. */
  public static List<Post> generate(long seed, int posts) {
    return stream(seed, posts).toList();
  }

  /**
   * The posts of {@link #generate} one at a time, in index order, without holding them: for
   * datasets too large to keep in memory. The stream may be made parallel.
   */
  public static Stream<Post> stream(long seed, int posts) {
    if (posts < 0) {
      throw new IllegalArgumentException("the number of posts must not be negative: " + posts);
    }
    return IntStream.range(0, posts).mapToObj(index -> post(seed, index));
  }

  /** Post {@code index} of every dataset of this seed that has it. */
  public static Post post(long seed, int index) {
    if (index < 0) {
      throw new IllegalArgumentException("a post index must not be negative: " + index);
    }
    SplittableRandom random = new SplittableRandom(mix(mix(seed) + index));
    PinRow pin = PinRows.make(seed, index, random.split());
    GeoRow geo = GeoRows.make(index, random.split());
    UserRow user = UserRows.make(index, random.split());
    return new Post(pin, geo, user);
  }

  /**
   * Scrambles the bits of {@code value} (the SplitMix64 finalizer, a bijection), so that
   * neighbouring seeds and indexes give unrelated random streams.
   */
  private static long mix(long value) {
    long z = value;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
