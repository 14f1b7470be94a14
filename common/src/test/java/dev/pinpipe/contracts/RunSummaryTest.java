package dev.pinpipe.contracts;

import dev.pinpipe.contracts.DailyJobOptions.Stage;
import dev.pinpipe.contracts.RunSummary.PostCounts;
import dev.pinpipe.contracts.RunSummary.TableCounts;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunSummaryTest {

  private static final LocalDate DAY = LocalDate.of(2026, 3, 1);

  private static RunSummary fullRun() {
    Map<String, TableCounts> tables = new LinkedHashMap<>();
    tables.put("pin", new TableCounts(6, 0, 1, 1, 4));
    tables.put("geo", new TableCounts(5, 2, 1, 0, 4));
    tables.put("user", new TableCounts(3, 0, 0, 0, 3));
    Map<String, Long> unmatched = new LinkedHashMap<>();
    unmatched.put("pin", 1L);
    unmatched.put("geo", 1L);
    unmatched.put("user", 0L);
    Map<String, Long> reports = new LinkedHashMap<>();
    reports.put("category_by_country", 2L);
    reports.put("top_country", 1L);
    Map<String, Long> stages = new LinkedHashMap<>();
    stages.put("clean", 5120L);
    stages.put("reports", 3480L);
    return new RunSummary(DAY, Stage.ALL, RawLayout.DAILY, tables, reports, stages, Optional.of(new PostCounts(3, 0, unmatched)));
  }

  @Test
  void theMapHasTheSummaryJsonsFieldsInItsOrder() {
    Map<String, Object> map = fullRun().toMap();

    assertThat(map).containsOnlyKeys("date", "stage", "layout", "tables", "reports", "stage_ms", "posts");
    assertThat(map.keySet()).containsExactly("date", "stage", "layout", "tables", "reports", "stage_ms", "posts");
    assertThat(map.toString()).isEqualTo("{date=2026-03-01, stage=all, layout=daily, "
        + "tables={pin={input_rows=6, late_records=0, rejects=1, duplicates_dropped=1, output_rows=4}, "
        + "geo={input_rows=5, late_records=2, rejects=1, duplicates_dropped=0, output_rows=4}, "
        + "user={input_rows=3, late_records=0, rejects=0, duplicates_dropped=0, output_rows=3}}, "
        + "reports={category_by_country=2, top_country=1}, stage_ms={clean=5120, reports=3480}, "
        + "posts={count=3, with_previous_day_records=0, unmatched_records={pin=1, geo=1, user=0}}}");
  }

  @Test
  void theMapReadsBackToTheSameSummary() {
    RunSummary summary = fullRun();

    assertThat(RunSummary.fromMap(summary.toMap())).isEqualTo(summary);
  }

  @Test
  void aCleanOnlyRunHasNoPostsAndNoReports() {
    RunSummary clean = new RunSummary(DAY, Stage.CLEAN, RawLayout.DEFAULT, fullRun().tables(), Map.of(), Map.of("clean", 7L),
        Optional.empty());

    Map<String, Object> map = clean.toMap();

    assertThat(map).doesNotContainKey("posts").containsEntry("reports", Map.of()).containsEntry("layout", "default");
    assertThat(RunSummary.fromMap(map)).isEqualTo(clean);
  }

  @Test
  void numbersAsAJsonLibraryReadsThemAreLongs() {
    Map<String, Object> json = Map.of("date", "2026-03-01", "stage", "reports", "layout", "daily", "tables", Map.of(),
        "reports", Map.of("top_country", 1), "stage_ms", Map.of("reports", 12),
        "posts", Map.of("count", 3, "with_previous_day_records", 1, "unmatched_records", Map.of("pin", 0)));

    RunSummary summary = RunSummary.fromMap(json);

    assertThat(summary.reports()).containsEntry("top_country", 1L);
    assertThat(summary.posts()).contains(new PostCounts(3, 1, Map.of("pin", 0L)));
  }

  @Test
  void aMissingFieldIsNamed() {
    Map<String, Object> map = new LinkedHashMap<>(fullRun().toMap());
    map.remove("stage_ms");

    assertThatThrownBy(() -> RunSummary.fromMap(map)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stage_ms");
  }

  @Test
  void theSummaryOfADayIsUnderRuns() {
    assertThat(RunSummary.key(DAY)).isEqualTo("runs/dt=2026-03-01/summary.json");
  }
}
