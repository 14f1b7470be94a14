package dev.pinpipe.local.dataset;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/** Timestamps as the source tables write them: {@code YYYY-MM-DD HH:MM:SS}, UTC. */
final class Timestamps {

  static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private Timestamps() {
  }

  /** A second drawn uniformly from {@code first} to {@code last}, both included, formatted. */
  static String uniform(SplittableRandom random, LocalDateTime first, LocalDateTime last) {
    long from = first.toEpochSecond(ZoneOffset.UTC);
    long to = last.toEpochSecond(ZoneOffset.UTC);
    long second = random.nextLong(from, to + 1);
    return FORMAT.format(LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC));
  }
}
