package dev.pinpipe.local.dataset;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/** The few ways the generator draws from its random stream. */
final class RandomPicks {

  private RandomPicks() {
  }

  /** One element of {@code values}, each equally likely. */
  static <T> T pick(SplittableRandom random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** True with probability {@code rate}. */
  static boolean chance(SplittableRandom random, double rate) {
    return random.nextDouble() < rate;
  }

  /** The empty string at {@link DatasetGenerator#EMPTY_TEXT_RATE}, otherwise {@code text.get()}. */
  static String orEmpty(SplittableRandom random, Supplier<String> text) {
    return chance(random, DatasetGenerator.EMPTY_TEXT_RATE) ? "" : text.get();
  }
}
