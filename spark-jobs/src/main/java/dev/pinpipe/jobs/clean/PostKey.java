package dev.pinpipe.jobs.clean;

import org.apache.spark.sql.Column;

/**
 * The one rule for a post's key (the pin's {@code index}, the geo and user records' {@code ind}):
 * a whole number within the int range, in any spelling the cleaning reads as one ("7", " 7 ",
 * "-3", "7.0"). Raw validation rejects exactly the records this gives null for, and the cleaning
 * converts the keys with it, so no record is dropped before the cleaning sees it and no cleaned
 * row is left without a key.
 */
public final class PostKey {

  private PostKey() {
  }

  /** {@code text} as the int key of a post, or null where it is no key ("7.5", "abc", "1e3", "2147483648", ""). */
  public static Column parse(Column text) {
    return CommonRules.toInt(text);
  }
}
