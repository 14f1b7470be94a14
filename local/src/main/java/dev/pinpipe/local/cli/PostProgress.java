package dev.pinpipe.local.cli;

import dev.pinpipe.emulator.EmulatorSettings;
import dev.pinpipe.emulator.EmulatorStats;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A progress bar of posts sent: done of the total, posts/s, ETA, acknowledged records and retries. */
final class PostProgress implements AutoCloseable {

  private static final int LINE_INTERVAL_MS = 5_000;
  private static final int LINE_WIDTH = 160;

  private final ProgressBar bar;
  private final EmulatorStats stats;
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "pinpipe-progress");
    thread.setDaemon(true);
    return thread;
  });

  PostProgress(EmulatorSettings settings, EmulatorStats stats) {
    this(settings, stats, System.console() != null);
  }

  /**
   * @param terminal redraw one line in place (carriage returns); else, to a file or a pipe, print
   *                 a whole line every few seconds, which a log keeps readable
   */
  PostProgress(EmulatorSettings settings, EmulatorStats stats, boolean terminal) {
    ProgressBarBuilder builder = new ProgressBarBuilder()
        .setTaskName("posts")
        .setInitialMax(settings.posts() > 0 ? settings.posts() : -1)
        .setStyle(ProgressBarStyle.ASCII)
        .showSpeed()
        .setUnit(" posts", 1);
    if (terminal) {
      builder.setUpdateIntervalMillis(250);
    } else {
      builder.setUpdateIntervalMillis(LINE_INTERVAL_MS).setConsumer(new DelegatingProgressBarConsumer(line -> System.err.println(line.strip()), LINE_WIDTH));
    }
    this.bar = builder.build();
    this.stats = stats;
    ticker.scheduleAtFixedRate(this::update, 0, 200, TimeUnit.MILLISECONDS);
  }

  private synchronized void update() {
    EmulatorStats.Snapshot now = stats.snapshot();
    bar.stepTo(now.delivered() + now.failed());
    long records = now.acknowledged().values().stream().mapToLong(Long::longValue).sum();
    bar.setExtraMessage(String.format(Locale.ROOT, " | %,d records acked, %,d retried, %,d failed", records, now.retried(), now.failed()));
  }

  /** Shows the final count, then closes the bar. */
  @Override
  public synchronized void close() {
    if (!ticker.isShutdown()) {
      ticker.shutdownNow();
      update();
      bar.close();
    }
  }
}
