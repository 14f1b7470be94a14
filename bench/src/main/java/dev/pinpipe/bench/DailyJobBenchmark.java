package dev.pinpipe.bench;

import dev.pinpipe.contracts.RawLayout;
import dev.pinpipe.contracts.RunSummary;

import dev.pinpipe.contracts.DailyJobOptions;

import dev.pinpipe.local.runtime.LocalPipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinpipe.local.batch.JobCommand;
import dev.pinpipe.local.batch.JobFiles;
import dev.pinpipe.embedded.EmbeddedS3;
import dev.pinpipe.s3.S3Clients;
import dev.pinpipe.config.S3Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spark daily job on one generated day: posts sampled with replacement from a table of
 * {@code --table-posts}, written into the embedded S3 (S3Proxy on the filesystem) exactly as the
 * sink would, then two JVMs on {@code --master}: the raw scan (every record read and parsed,
 * nothing written: the baseline) and the job itself (both stages). Reports wall time per stage,
 * records/s per core, the job's clean stage against the scan, and each JVM's peak memory.
 */
@Command(name = "daily-job-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Benchmarks the Spark daily job against a raw scan of the same day, each in its own JVM.")
public final class DailyJobBenchmark implements Callable<Integer> {

  private static final LocalDate DAY = LocalDate.of(2026, 1, 15);
  private static final String BUCKET = "pinpipe";
  private static final String TOPIC_PREFIX = "pinpipe";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--posts", paramLabel = "N", defaultValue = "1000000", description = "Posts in the day, three records each (default: ${DEFAULT-VALUE}).")
  int posts;

  @Option(names = "--table-posts", paramLabel = "N", defaultValue = "1000000",
      description = "Rows of the table the posts are sampled from, with replacement (default: ${DEFAULT-VALUE}).")
  int tablePosts;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "3", description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--flush-size", paramLabel = "N", defaultValue = "1000", description = "Records per object, as sink.flush-size (default: ${DEFAULT-VALUE}).")
  int flushSize;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42", description = "Seed of the dataset and the sampling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--master", paramLabel = "URL", defaultValue = "local[2]", description = "Spark master of both JVMs (default: ${DEFAULT-VALUE}).")
  String master;

  @Option(names = "--heap-mb", paramLabel = "MB", defaultValue = "4096", description = "-Xmx of both JVMs (default: ${DEFAULT-VALUE}).")
  long heapMb;

  @Option(names = "--job-option", paramLabel = "ARG", description = "An extra argument of the job's JVM command line, before the class path (e.g. -Dspark.sql.shuffle.partitions=4); repeatable.")
  List<String> jvmOptions = List.of();

  @Option(names = "--data-dir", paramLabel = "DIR", required = true, description = "Directory of the embedded S3's objects.")
  Path dataDir;

  @Option(names = "--revision", paramLabel = "TEXT", description = "The source revision, for the report.")
  String revision;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the report to this file.")
  Path out;

  public static void main(String[] args) {
    DriverMain.run("daily-job-benchmark", new DailyJobBenchmark(), args);
  }

  @Override
  public Integer call() throws Exception {
    PrintStream console = System.out;
    JobFiles files = JobFiles.locate();
    try (EmbeddedS3 s3 = EmbeddedS3.start(dataDir.resolve("s3"), BenchServices.freePort())) {
      S3Settings settings = new S3Settings(Optional.of(s3.endpoint().toString()), BUCKET, "us-east-1", true);
      RawDayWriter.Written written;
      double writeSeconds;
      try (S3AsyncClient client = S3Clients.create(settings, LocalPipeline.connection(s3))) {
        S3Clients.ensureBucket(client, BUCKET);
        long start = System.nanoTime();
        written = new RawDayWriter(client, BUCKET, TOPIC_PREFIX, console).write(DAY, seed, tablePosts, posts, partitions, flushSize);
        writeSeconds = (System.nanoTime() - start) / 1e9;
      }
      console.printf(Locale.ROOT, "raw day: %,d records in %,d objects (%,d bytes) in %.1f s%n",
          written.records(), written.objects(), written.bytes(), writeSeconds);

      DailyJobOptions request = new DailyJobOptions(DAY, DailyJobOptions.Stage.ALL, BUCKET, Optional.of(s3.endpoint().toString()), true,
          RawLayout.DAILY, TOPIC_PREFIX, "", false, Optional.of(master));
      Map<String, String> environment = Map.of(
          "AWS_ACCESS_KEY_ID", EmbeddedS3.ACCESS_KEY,
          "AWS_SECRET_ACCESS_KEY", EmbeddedS3.SECRET_KEY,
          "AWS_REGION", "us-east-1",
          "SPARK_LOCAL_IP", "127.0.0.1");
      console.println("raw scan (baseline):");
      ChildJvm.Run scan = ChildJvm.run(command(files, request, "dev.pinpipe.jobs.RawScan"), environment, console);
      console.println("daily job:");
      ChildJvm.Run job = ChildJvm.run(command(files, request, DailyJobOptions.MAIN_CLASS), environment, console);
      if (scan.exitCode() != 0 || job.exitCode() != 0) {
        throw new IllegalStateException("a JVM failed: scan exit " + scan.exitCode() + ", job exit " + job.exitCode());
      }
      String report = report(written, writeSeconds, scan, JSON.readTree(scan.lastLine()), job, JSON.readTree(job.lastLine()));
      console.println();
      console.println(report);
      if (out != null) {
        Files.writeString(out, report, StandardCharsets.UTF_8);
      }
    }
    return 0;
  }

  private List<String> command(JobFiles files, DailyJobOptions request, String mainClass) {
    return JobCommand.of(JobCommand.javaHere(), files, mainClass, heapMb, jvmOptions, request);
  }

  private String report(RawDayWriter.Written written, double writeSeconds, ChildJvm.Run scan, JsonNode scanResult,
                        ChildJvm.Run job, JsonNode summary) {
    int cores = cores(master);
    long records = written.records();
    double scanSeconds = scanResult.get("seconds").asDouble();
    Map<String, Long> stageMillis = RunSummary.fromMap(JSON.convertValue(summary, Map.class)).stageMillis();
    double cleanSeconds = stageMillis.get(DailyJobOptions.Stage.CLEAN.id()) / 1000.0;
    double reportsSeconds = stageMillis.get(DailyJobOptions.Stage.REPORTS.id()) / 1000.0;
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "# Daily job benchmark, %s%n%n", Instant.now()));
    text.append(String.format(Locale.ROOT, "- revision: %s%n- machine: %d cores, master %s, -Xmx%dm%n",
        Optional.ofNullable(revision).orElse("unknown"), Runtime.getRuntime().availableProcessors(), master, heapMb));
    text.append(String.format(Locale.ROOT, "- day: %,d posts sampled from %,d, %,d records in %,d objects of %,d records (%.0f MB), written in %.1f s%n",
        written.posts(), tablePosts, records, written.objects(), flushSize, written.bytes() / 1e6, writeSeconds));
    if (!jvmOptions.isEmpty()) {
      text.append("- extra JVM options: ").append(String.join(" ", jvmOptions)).append('\n');
    }
    text.append('\n');
    text.append("| | seconds | records/s | records/s per core | peak RSS |\n|---|---:|---:|---:|---:|\n");
    text.append(row("raw scan: read + parse only (baseline)", scanSeconds, records, cores, scan.peakRssBytes()));
    text.append(row("job: clean stage", cleanSeconds, records, cores, job.peakRssBytes()));
    text.append(String.format(Locale.ROOT, "| job: reports stage | %.1f | | | |%n", reportsSeconds));
    text.append(String.format(Locale.ROOT, "| job: JVM wall, start to exit | %.1f | | | |%n", job.seconds()));
    text.append(String.format(Locale.ROOT, "| raw scan: JVM wall, start to exit | %.1f | | | |%n%n", scan.seconds()));
    text.append(String.format(Locale.ROOT, "**clean stage / raw scan: %.2f** (records/s of the clean stage over the scan's)%n%n", scanSeconds / cleanSeconds));
    text.append("Run summary:\n\n```json\n").append(summary.toPrettyString()).append("\n```\n");
    return text.toString();
  }

  private static String row(String name, double seconds, long records, int cores, long rssBytes) {
    return String.format(Locale.ROOT, "| %s | %.1f | %,.0f | %,.0f | %,.0f MB |%n",
        name, seconds, records / seconds, records / seconds / cores, rssBytes / 1e6);
  }

  private static int cores(String master) {
    Matcher matcher = Pattern.compile("local\\[(\\d+)]").matcher(master);
    return matcher.matches() ? Integer.parseInt(matcher.group(1)) : Runtime.getRuntime().availableProcessors();
  }
}
