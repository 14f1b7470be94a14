package dev.pinpipe.local.dataset;

import java.util.SplittableRandom;

/** {@code follower_count} as Pinterest shows it: "97", "830", "12k", "211k", "1M", "4M". */
final class FollowerCounts {

  /** Follower counts are drawn log-uniformly from 1 to 10^MAX_DIGITS (exclusive). */
  private static final int MAX_DIGITS = 7;

  private FollowerCounts() {
  }

  static String draw(SplittableRandom random) {
    long followers = (long) Math.pow(10, random.nextDouble() * MAX_DIGITS);
    return format(followers);
  }

  /** Below a thousand as is, then whole thousands ("k"), then whole millions ("M"). */
  static String format(long followers) {
    if (followers < 1_000) {
      return Long.toString(followers);
    }
    if (followers < 1_000_000) {
      return followers / 1_000 + "k";
    }
    return followers / 1_000_000 + "M";
  }
}
