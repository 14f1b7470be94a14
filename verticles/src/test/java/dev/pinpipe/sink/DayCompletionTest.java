package dev.pinpipe.sink;

import dev.pinpipe.contracts.RawKeys;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Records written into a day that is already complete are reported, so that the day's job runs again. */
class DayCompletionTest {

  private static final String TOPIC = "t.geo";
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final MemoryObjectStore store = new MemoryObjectStore();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final DayCompletion days = new DayCompletion(null, "g", context, store, new SinkMetrics(registry, () -> 0), 0,
      () -> TODAY.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + 3_600_000);

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void anObjectWrittenIntoAMarkedDayIsCountedAsLate() throws Exception {
    LocalDate yesterday = TODAY.minusDays(1);
    store.put(RawKeys.completeMarker(TOPIC, yesterday), "", Map.of());
    onContext(() -> days.discover(TOPIC, Long.MIN_VALUE));

    onContext(() -> days.written(TOPIC, TODAY));
    assertThat(late()).isZero();
    onContext(() -> days.written(TOPIC, yesterday));
    assertThat(late()).isEqualTo(1);
  }

  @Test
  void aMarkedDayOlderThanTheStartWindowIsLookedUpWhenARecordArrivesForIt() throws Exception {
    LocalDate longAgo = TODAY.minusDays(40);
    store.put(RawKeys.completeMarker(TOPIC, longAgo), "", Map.of());

    onContext(() -> days.written(TOPIC, longAgo));

    assertThat(late()).isEqualTo(1);
  }

  private double late() {
    return registry.get("pinpipe.sink.late.objects").counter().count();
  }

  private void onContext(Runnable action) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(v -> {
      action.run();
      done.complete(null);
    });
    done.get(10, TimeUnit.SECONDS);
  }
}
