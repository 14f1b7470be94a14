package dev.pinpipe.operator.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A schedule's cron expression read in its time zone, as instants ("ticks").
 *
 * <p>The expression is matched against the local wall-clock time, and each matching wall time is
 * one tick at the instant {@link LocalDateTime#atZone} gives it: a wall time that a spring-forward
 * change skips (02:30 on the last Sunday of March in Europe/Berlin) ticks right after the gap
 * (03:30), and one that a fall-back change repeats ticks once, at its first occurrence. So a DST
 * change neither skips nor doubles a tick. (cron-utils evaluated in the zone itself skips the
 * first case.)
 */
final class CronSchedule {

  /** The macros, as the 5-field expressions they stand for (cron-utils' UNIX definition has none). */
  static final Map<String, String> MACROS = Map.of(
      "@yearly", "0 0 1 1 *",
      "@annually", "0 0 1 1 *",
      "@monthly", "0 0 1 * *",
      "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *",
      "@midnight", "0 0 * * *",
      "@hourly", "0 * * * *");

  /** More than any UTC offset change (DST or a zone's redefinition): how far wall time and instants can disagree. */
  private static final Duration MARGIN = Duration.ofHours(3);
  /** Most days {@link #latestTickPerDay} walks back: 27 years of daily ticks. */
  private static final int MAX_DAYS = 10_000;

  private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private final ExecutionTime wallClock;
  private final ZoneId zone;

  private CronSchedule(ExecutionTime wallClock, ZoneId zone) {
    this.wallClock = wallClock;
    this.zone = zone;
  }

  /** One tick: the local wall time that matched and the instant it happens at. */
  record Tick(LocalDateTime wallTime, Instant at) {
    LocalDate localDate() {
      return wallTime.toLocalDate();
    }
  }

  /** Parses a 5-field expression or a macro; throws {@link IllegalArgumentException} with the parser's message. */
  static CronSchedule parse(String expression, ZoneId zone) {
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("the schedule is empty");
    }
    String trimmed = expression.trim();
    String fields = trimmed.startsWith("@") ? MACROS.get(trimmed.toLowerCase(Locale.ROOT)) : trimmed;
    if (fields == null) {
      throw new IllegalArgumentException("unknown macro " + trimmed + ": use one of " + String.join(", ", MACROS.keySet().stream().sorted().toList()));
    }
    return new CronSchedule(ExecutionTime.forCron(PARSER.parse(fields).validate()), zone);
  }

  /** Parses an IANA zone id; throws {@link IllegalArgumentException} with the reason. */
  static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  ZoneId zone() {
    return zone;
  }

  /** The first tick after {@code after}, if the expression ever matches again. */
  Optional<Tick> next(Instant after) {
    LocalDateTime cursor = wall(after).minus(MARGIN);
    while (true) {
      Optional<LocalDateTime> match = wallClock.nextExecution(cursor.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toLocalDateTime);
      if (match.isEmpty()) {
        return Optional.empty();
      }
      cursor = match.get();
      Instant at = instant(cursor);
      if (at.isAfter(after)) {
        return Optional.of(new Tick(cursor, at));
      }
    }
  }

  /**
   * The ticks in {@code (since, now]}, one per local day: the latest of that day, oldest first
   * (at most the newest {@value #MAX_DAYS} days). It walks back one day at a time, so a minutely
   * expression over months of downtime costs no more than a daily one.
   */
  List<Tick> latestTickPerDay(Instant since, Instant now) {
    List<Tick> newestFirst = new ArrayList<>();
    LocalDateTime floor = wall(since).minus(MARGIN);
    LocalDateTime cursor = wall(now).plus(MARGIN);
    while (newestFirst.size() < MAX_DAYS) {
      Optional<LocalDateTime> match = wallClock.lastExecution(cursor.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toLocalDateTime);
      if (match.isEmpty() || match.get().isBefore(floor)) {
        break;
      }
      cursor = match.get();
      Instant at = instant(cursor);
      if (at.isAfter(now) || !at.isAfter(since)) {
        continue;
      }
      newestFirst.add(new Tick(cursor, at));
      // The rest of this day only has earlier ticks: go on from the end of the day before.
      cursor = cursor.toLocalDate().atStartOfDay();
    }
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  private LocalDateTime wall(Instant instant) {
    return LocalDateTime.ofInstant(instant, zone);
  }

  private Instant instant(LocalDateTime wallTime) {
    return wallTime.atZone(zone).toInstant();
  }
}
