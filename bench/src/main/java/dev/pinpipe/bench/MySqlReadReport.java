package dev.pinpipe.bench;

import dev.pinpipe.bench.MySqlReadBenchmark.Method;
import dev.pinpipe.bench.MySqlReadBenchmark.Result;
import dev.pinpipe.bench.MySqlReadBenchmark.TableInfo;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The MySQL read benchmark's report: a Markdown table per table size, then the raw numbers. */
final class MySqlReadReport {

  private MySqlReadReport() {
  }

  static String render(MySqlReadBenchmark bench) {
    StringBuilder md = new StringBuilder();
    md.append("### MySQL reads").append(bench.label() == null ? "" : ": " + bench.label())
        .append(" (").append(bench.startedAt())
        .append(bench.revision() == null ? "" : ", at " + bench.revision()).append(")\n\n");
    md.append(String.format(Locale.ROOT,
        "Embedded MariaDB %s (`innodb_buffer_pool_size` %s, `innodb_flush_method` %s, `innodb_flush_log_at_trx_commit` %s), vertx-mysql-client pool of %d"
            + " connections, loopback. Dataset `DatasetGenerator` seed %d; the posts read: positions drawn uniformly (seed %d), the"
            + " same sequence for every shape of a table. Each shape: %s s of warm-up (another sample), then measured. A post is"
            + " 3 rows (pin, geo, user): rows/s = 3 × posts/s. *keyed / LIMIT*: posts/s against the original's string-built LIMIT"
            + " query at the same concurrency, on pooled connections. *Rows read per post*: the server's `Handler_read_*`"
            + " counters over the run, divided by the posts. CPU: seconds in the measured run (%% of all %d cores).%n%n",
        bench.server().get("version"), bench.server().get("innodb_buffer_pool_size"), bench.server().get("innodb_flush_method"),
        bench.server().get("innodb_flush_log_at_trx_commit"),
        bench.concurrency(), bench.seed(), bench.sampleSeed(), IngestBenchmark.fmt(bench.warmupSeconds()),
        Runtime.getRuntime().availableProcessors()));
    for (TableInfo table : bench.tables()) {
      List<Result> rows = bench.results().stream().filter(result -> result.table().equals(table.name())).toList();
      md.append(String.format(Locale.ROOT, "**%,d posts** (%s; %s in %.1f s; `PostReader.indexes` %.2f s). Sample: %,d posts,"
              + " a run stops starting reads after %s s.%n%n",
          table.posts(), table.tableSizes(), table.name().equals("small") ? "seeded with `DatabaseSeeder`" : "grown with multi-row INSERTs",
          table.loadSeconds(), table.indexesSeconds(), table.sampleSize(), IngestBenchmark.fmt(table.maxSeconds())));
      md.append("| read | in flight | posts read | seconds | posts/s | rows/s | keyed / LIMIT | p50 ms per read | p99 ms per read | rows read per post | CPU driver | CPU mariadbd | CPU other |\n");
      md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (Result result : rows) {
        String ratio = "";
        if (!result.shape().method().limit) {
          ratio = baseline(rows, result.shape().concurrency())
              .map(base -> String.format(Locale.ROOT, "**%s**", times(result.postsPerSecond() / base.postsPerSecond()))).orElse("");
        }
        String readShape = result.shape().method().limit ? result.shape().method().description
            : result.shape().method().description + ", " + result.shape().batch() + (result.shape().batch() == 1 ? " post" : " posts") + " per read";
        md.append(String.format(Locale.ROOT, "| %s | %d | %,d%s | %.2f | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
            readShape, result.shape().concurrency(), result.posts(), result.capped() ? " of " + String.format(Locale.ROOT, "%,d", result.asked()) : "",
            result.seconds(), rate(result.postsPerSecond()), rate(result.rowsPerSecond()), ratio,
            ms(result.latency().getValueAtPercentile(50)), ms(result.latency().getValueAtPercentile(99)),
            rowsRead(result), cpu(result, "driver"), cpu(result, "mariadbd"), other(result)));
      }
      md.append('\n');
    }
    if (bench.noisyRuns() > 0) {
      md.append(String.format(Locale.ROOT, "%d measured runs started on a busy machine after the longest wait (see the output).%n%n", bench.noisyRuns()));
    }

    md.append("Raw numbers:\n\n```\n");
    for (Result result : bench.results()) {
      md.append(String.format(Locale.ROOT, "%s %,d posts | %s: posts=%d reads=%d seconds=%.3f posts/s=%.1f mismatches=%d mean=%.3fms max=%.3fms"
              + " cpu=%s other=%.2f wall=%.2f load=%s handler=%s%n",
          result.table(), result.tablePosts(), result.shape().name(), result.posts(), result.reads(), result.seconds(), result.postsPerSecond(),
          result.mismatches(), result.latency().getMean() / 1000.0, result.latency().getMaxValue() / 1000.0, result.cpu().seconds(),
          result.cpu().otherSeconds(), result.cpu().wallSeconds(), result.loadAverage(), result.handlerReads()));
    }
    md.append("```\n");
    return md.toString();
  }

  /** The LIMIT run at this concurrency: the string-built one (the original) where it ran, else the prepared one. */
  private static Optional<Result> baseline(List<Result> rows, int concurrency) {
    Optional<Result> text = rows.stream().filter(r -> r.shape().method() == Method.LIMIT_TEXT && r.shape().concurrency() == concurrency).findFirst();
    return text.or(() -> rows.stream().filter(r -> r.shape().method() == Method.LIMIT_PREPARED && r.shape().concurrency() == concurrency).findFirst());
  }

  private static String times(double ratio) {
    return ratio >= 100 ? String.format(Locale.ROOT, "%,.0f×", ratio) : String.format(Locale.ROOT, "%.1f×", ratio);
  }

  private static String rate(double value) {
    return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String ms(long micros) {
    double millis = micros / 1000.0;
    return millis >= 100 ? String.format(Locale.ROOT, "%,.0f", millis) : String.format(Locale.ROOT, "%.2f", millis);
  }

  private static String rowsRead(Result result) {
    Map<String, Long> handler = result.handlerReads();
    if (handler.isEmpty() || result.posts() == 0) {
      return "n/a";
    }
    long total = handler.values().stream().mapToLong(Long::longValue).sum();
    double perPost = total / (double) result.posts();
    return perPost >= 100 ? String.format(Locale.ROOT, "%,.0f", perPost) : String.format(Locale.ROOT, "%.1f", perPost);
  }

  private static String cpu(Result result, String process) {
    Double seconds = result.cpu().seconds().get(process);
    if (seconds == null || seconds.isNaN()) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.1f s (%.0f%%)", seconds, result.cpu().percent(seconds));
  }

  private static String other(Result result) {
    double seconds = result.cpu().otherSeconds();
    return String.format(Locale.ROOT, "%.1f s (%.0f%%)", seconds, result.cpu().percent(seconds));
  }
}
