package dev.pinpipe.local.dataset;

/**
 * The dirty values of the original Pinterest dataset that the downstream cleaning knows. The
 * generator writes them at the rates documented on {@link DatasetGenerator}.
 */
public final class DirtyValues {

  /** {@code title} of a post whose title could not be scraped. */
  public static final String NO_TITLE = "No Title Data Available";

  /** {@code description} of a story-format post (whose {@code is_image_or_video} is {@link #STORY_FORMAT}). */
  public static final String NO_DESCRIPTION_STORY_FORMAT = "No description available Story format";

  /** {@code description} of any other post whose description could not be scraped. */
  public static final String NO_DESCRIPTION = "No description available";

  /** {@code poster_name} and {@code follower_count} when the poster's page could not be read. */
  public static final String USER_INFO_ERROR = "User Info Error";

  /** {@code image_src} when the image could not be found; such posts have {@code downloaded} 0. */
  public static final String IMAGE_SRC_ERROR = "Image src error.";

  /** {@code tag_list} of a post without tags: "No Tags Available", one character per element. */
  public static final String NO_TAGS = "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e";

  /** {@code is_image_or_video} of a story-format post (not dirty itself, but it comes with a dirty description). */
  public static final String STORY_FORMAT = "multi-video(story page format)";

  private DirtyValues() {
  }
}
