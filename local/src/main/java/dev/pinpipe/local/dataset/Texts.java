package dev.pinpipe.local.dataset;

import static dev.pinpipe.local.dataset.RandomPicks.chance;
import static dev.pinpipe.local.dataset.RandomPicks.pick;

import dev.pinpipe.local.dataset.Categories.Category;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/** The clean text of a pin: title, description, poster name and tag list, from the word lists. */
final class Texts {

  /** How often two description sentences are separated by a newline rather than a space. */
  static final double NEWLINE_RATE = 0.10;

  private Texts() {
  }

  static String title(SplittableRandom random, Category category) {
    String topic = pick(random, category.topics());
    String adjective = pick(random, Words.ADJECTIVES);
    return switch (random.nextInt(5)) {
      case 0 -> adjective + " " + topic;
      case 1 -> (5 + random.nextInt(46)) + " " + adjective + " " + topic + " Ideas";
      case 2 -> topic + " for Beginners";
      case 3 -> "The Best " + topic + " of " + (2018 + random.nextInt(5));
      default -> adjective + " " + topic + " " + pick(random, Words.TITLE_ENDINGS);
    };
  }

  /** One to three sentences about one of the category's topics. */
  static String description(SplittableRandom random, Category category) {
    String topic = pick(random, category.topics()).toLowerCase(Locale.ROOT);
    int sentences = 1 + random.nextInt(3);
    StringBuilder description = new StringBuilder();
    for (int i = 0; i < sentences; i++) {
      if (i > 0) {
        description.append(chance(random, NEWLINE_RATE) ? "\n" : " ");
      }
      description.append(pick(random, Words.SENTENCES).replace("{topic}", topic));
    }
    return description.toString();
  }

  /** A person ("First Last") half of the time, otherwise a blog or shop. */
  static String posterName(SplittableRandom random) {
    if (random.nextBoolean()) {
      return pick(random, Names.FIRST) + " " + pick(random, Names.LAST);
    }
    return pick(random, Words.POSTER_NAMES);
  }

  /** Three to five distinct tags of the category, comma-separated as in the original. */
  static String tagList(SplittableRandom random, Category category) {
    int count = 3 + random.nextInt(3);
    Set<String> tags = new LinkedHashSet<>();
    while (tags.size() < count) {
      tags.add(pick(random, category.tags()));
    }
    return String.join(",", tags);
  }
}
