package dev.pinpipe.support;

import java.nio.file.Path;

/** Other spellings of a directory, as users type them: each must reach the same directory. */
public final class PathSpellings {

  private PathSpellings() {
  }

  /** {@code ./} and the path from the working directory, e.g. {@code ./../../tmp/junit1/data}. */
  public static String dotRelative(Path dir) {
    return "./" + Path.of("").toAbsolutePath().relativize(dir.toAbsolutePath());
  }

  /** The path with a trailing {@code /.}, e.g. {@code /tmp/junit1/data/.}. */
  public static String trailingDot(Path dir) {
    return dir + "/.";
  }
}
