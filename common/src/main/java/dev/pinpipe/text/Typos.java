package dev.pinpipe.text;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/** "Did you mean …?": the known name a mistyped one most likely meant, for configuration errors. */
public final class Typos {

  private Typos() {
  }

  /**
   * The candidate closest to {@code typed} by edit distance, case, dashes and underscores aside, if
   * it is within a third of {@code typed}'s length (at least 2 edits): close enough to be a typo.
   * Of equally close candidates, the first in alphabetical order.
   */
  public static Optional<String> nearest(String typed, Collection<String> candidates) {
    String normal = normal(typed);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : new TreeSet<>(candidates)) {
      int distance = distance(normal, normal(candidate));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance <= Math.max(2, normal.length() / 3) ? Optional.of(best) : Optional.empty();
  }

  private static String normal(String name) {
    return name.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Levenshtein distance: insertions, deletions and substitutions of one character. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
