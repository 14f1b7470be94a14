package dev.pinpipe.operator.schedule;

import dev.pinpipe.operator.model.ResourceNames;

import java.time.LocalDate;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a schedule gives its runs, and the value of their {@code pinpipe.dev/schedule} label.
 *
 * <p>A run is {@code <schedule>-<date>}, a manual rerun of a date {@code <schedule>-<date>-r<n>}
 * (n ≥ 2). Run names are kept to 63 characters, the length of a label value and of a DNS label,
 * so that the run reconciler can use a run's name in labels and in the names of what it creates.
 * A schedule name too long for that is cut and given a hash of the whole name, so the result is
 * still deterministic and distinct: {@code <first characters>-<8 hex of SHA-256(name)>-<date>}.
 */
final class RunNames {

  /** The longest label value, and the longest run name we create. */
  static final int MAX_LENGTH = 63;
  /** Room kept after the schedule's part of a run name: "-YYYY-MM-DD" and "-r999". */
  private static final int RESERVED = 11 + 5;
  private static final Pattern DATE_SUFFIX = Pattern.compile("-(\\d{4}-\\d{2}-\\d{2})(?:-r(\\d+))?$");

  private RunNames() {
  }

  /** The name of the {@code rerun}th run of {@code date} (1: the first, no suffix). */
  static String run(String schedule, LocalDate date, int rerun) {
    String suffix = "-" + date + (rerun > 1 ? "-r" + rerun : "");
    return shorten(schedule, Math.min(MAX_LENGTH - RESERVED, MAX_LENGTH - suffix.length())) + suffix;
  }

  /** The value of the {@code pinpipe.dev/schedule} label: the schedule's name, shortened to 63 characters. */
  static String scheduleLabel(String schedule) {
    return shorten(schedule, MAX_LENGTH);
  }

  /** Which run of its date a name made by {@link #run} is: 1 for the first, n for {@code -r<n>}; empty for other names. */
  static OptionalInt rerunNumber(String runName) {
    Matcher matcher = DATE_SUFFIX.matcher(runName);
    if (!matcher.find()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(matcher.group(2) == null ? 1 : Integer.parseInt(matcher.group(2)));
  }

  /** {@code name} itself when it fits in {@code max}, else its start and a hash of all of it. */
  static String shorten(String name, int max) {
    return ResourceNames.shorten(name, max);
  }
}
