package dev.pinpipe.operator.schedule;

import dev.pinpipe.operator.schedule.CronSchedule.Tick;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronScheduleTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void aWallTimeInTheSpringForwardGapTicksRightAfterIt() {
    CronSchedule cron = CronSchedule.parse("30 2 * * *", BERLIN);

    List<Tick> ticks = cron.latestTickPerDay(Instant.parse("2026-03-27T12:00:00Z"), Instant.parse("2026-03-31T12:00:00Z"));

    assertThat(ticks).extracting(Tick::localDate).containsExactly(
        LocalDate.parse("2026-03-28"), LocalDate.parse("2026-03-29"), LocalDate.parse("2026-03-30"), LocalDate.parse("2026-03-31"));
    // 02:30 does not exist on 2026-03-29: it ticks at 03:30 CEST.
    assertThat(ticks.get(1).at()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    assertThat(cron.next(Instant.parse("2026-03-28T12:00:00Z")).orElseThrow().at()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
  }

  @Test
  void aWallTimeTheFallBackChangeRepeatsTicksOnce() {
    CronSchedule cron = CronSchedule.parse("30 2 * * *", BERLIN);

    List<Tick> ticks = cron.latestTickPerDay(Instant.parse("2026-10-24T12:00:00Z"), Instant.parse("2026-10-26T12:00:00Z"));

    assertThat(ticks).extracting(Tick::at).containsExactly(Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-26T01:30:00Z"));
    // After the first 02:30 (CEST) the next tick is the next day's, not the second 02:30 (CET).
    assertThat(cron.next(Instant.parse("2026-10-25T00:30:00Z")).orElseThrow().at()).isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
  }

  @Test
  void ticksAreOnePerLocalDayTheLatestOfIt() {
    CronSchedule cron = CronSchedule.parse("@hourly", ZoneOffset.UTC);

    List<Tick> ticks = cron.latestTickPerDay(Instant.parse("2026-03-01T05:30:00Z"), Instant.parse("2026-03-03T02:10:00Z"));

    assertThat(ticks).extracting(Tick::at).containsExactly(
        Instant.parse("2026-03-01T23:00:00Z"), Instant.parse("2026-03-02T23:00:00Z"), Instant.parse("2026-03-03T02:00:00Z"));
  }

  @Test
  void theIntervalExcludesSinceAndIncludesNow() {
    CronSchedule cron = CronSchedule.parse("@daily", ZoneOffset.UTC);

    assertThat(cron.latestTickPerDay(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-02T00:00:00Z")))
        .extracting(Tick::at).containsExactly(Instant.parse("2026-03-02T00:00:00Z"));
    assertThat(cron.next(Instant.parse("2026-03-02T00:00:00Z")).orElseThrow().at()).isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));
  }

  @Test
  void macrosAndFiveFieldExpressionsParse() {
    for (String expression : List.of("@yearly", "@monthly", "@weekly", "@daily", "@midnight", "@hourly", "*/15 6-18 * * 1-5")) {
      assertThat(CronSchedule.parse(expression, ZoneOffset.UTC).next(Instant.parse("2026-03-01T00:00:00Z"))).as(expression).isPresent();
    }
    assertThat(CronSchedule.parse("@weekly", ZoneOffset.UTC).next(Instant.parse("2026-03-02T00:00:00Z")).orElseThrow().at())
        .isEqualTo(Instant.parse("2026-03-08T00:00:00Z")); // a Sunday
  }

  @Test
  void invalidExpressionsAndZonesSayWhy() {
    assertThatThrownBy(() -> CronSchedule.parse("61 0 * * *", ZoneOffset.UTC)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("61");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 * *", ZoneOffset.UTC)).hasMessageContaining("4 parts");
    assertThatThrownBy(() -> CronSchedule.parse("@fortnightly", ZoneOffset.UTC)).hasMessageContaining("@daily");
    assertThatThrownBy(() -> CronSchedule.zone("Mars/Olympus_Mons")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Mars/Olympus_Mons");
  }

  @Test
  void anExpressionThatNeverMatchesHasNoNextTick() {
    assertThat(CronSchedule.parse("0 0 30 2 *", ZoneOffset.UTC).next(Instant.parse("2026-03-01T00:00:00Z"))).isEmpty();
  }
}
