package dev.pinpipe.local.batch;

import dev.pinpipe.contracts.DailyJobOptions;

import dev.pinpipe.config.PinpipeConfig;
import dev.pinpipe.config.S3Settings;
import dev.pinpipe.s3.S3Clients;
import dev.pinpipe.s3.S3Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The flow {@code pinpipe batch} and {@code pinpipe run} share: run the Spark job for a day, then
 * (when its reports stage ran) print the nine reports and write them as an HTML page, to S3 and
 * under the data dir.
 */
public final class DailyBatch {

  private static final Logger LOG = LoggerFactory.getLogger(DailyBatch.class);
  /** Rows of a report shown on the console; the HTML page has them all. */
  static final int CONSOLE_ROWS = 20;
  /** Spark in this machine's JVM, on every core. */
  static final String LOCAL_MASTER = "local[*]";

  private final String label;
  private final JobFiles job;
  private final S3Settings s3;
  private final S3Connection connection;
  private final Path dataDir;
  private final PrintWriter out;
  private final PrintWriter err;

  /**
   * @param label    what the lines printed start with ("pinpipe batch")
   * @param job      the built job (located before any long work, so a missing build fails fast)
   * @param connection how to reach the S3 the data is in
   * @param dataDir  the HTML page goes under {@code <dataDir>/reports/html/dt=D/}
   */
  public DailyBatch(String label, JobFiles job, S3Settings s3, S3Connection connection, Path dataDir, PrintWriter out, PrintWriter err) {
    this.label = label;
    this.job = job;
    this.s3 = s3;
    this.connection = connection;
    this.dataDir = dataDir;
    this.out = out;
    this.err = err;
  }

  /** The job's arguments for this process's configuration: its bucket, endpoint, topics and layout. */
  public static DailyJobOptions request(PinpipeConfig config, S3Connection connection, LocalDate date, DailyJobOptions.Stage stage,
                                        String outputPrefix, boolean allowIncomplete) {
    return new DailyJobOptions(date, stage, config.s3().bucket(), connection.endpoint().map(URI::toString), config.s3().pathStyle(),
        config.sink().partitioner(), config.kafka().topicPrefix(), outputPrefix, allowIncomplete, Optional.of(LOCAL_MASTER));
  }

  /**
   * Runs the job, then prints and writes the reports when it computed them.
   *
   * @return the local HTML page, when the reports stage ran
   * @throws JobFailedException when the job exits non-zero
   */
  public Optional<Path> run(DailyJobOptions request) throws InterruptedException {
    List<String> command = JobCommand.of(job, request);
    out.println(label + ": running the Spark job for dt=" + request.date() + ", stage " + request.stage().id()
        + " (its lines are prefixed " + JobLauncher.PREFIX.strip() + ")");
    out.flush();
    new JobLauncher(out, err).run(command, request, credentials(), s3.region());
    if (!request.stage().runsReports()) {
      out.println(label + ": stage clean done for dt=" + request.date());
      return Optional.empty();
    }
    try (S3AsyncClient client = S3Clients.create(s3, connection)) {
      List<ReportRows> reports = new ReportReader(client, request.bucket()).readAll(request);
      out.println();
      for (ReportRows report : reports) {
        out.println(TextTables.render(report, CONSOLE_ROWS));
      }
      Path page = writeHtml(client, request, HtmlReport.render(request.date(), reports));
      out.println(label + ": HTML report " + page + " (also s3://" + request.bucket() + "/" + HtmlReport.key(request) + ")");
      out.flush();
      return Optional.of(page);
    }
  }

  private Path writeHtml(S3AsyncClient client, DailyJobOptions request, String html) {
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    try {
      client.putObject(put -> put.bucket(request.bucket()).key(HtmlReport.key(request)).contentType("text/html; charset=utf-8"),
          AsyncRequestBody.fromBytes(bytes)).get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing the HTML report to S3", e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot write s3://" + request.bucket() + "/" + HtmlReport.key(request) + ": " + e.getMessage(), e);
    }
    Path page = dataDir.resolve("reports").resolve("html").resolve("dt=" + request.date()).resolve("index.html").toAbsolutePath();
    try {
      Files.createDirectories(page.getParent());
      Files.write(page, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the HTML report " + page + ": " + e.getMessage(), e);
    }
    LOG.atInfo().addKeyValue("date", request.date()).addKeyValue("path", page).addKeyValue("key", HtmlReport.key(request))
        .addKeyValue("bytes", bytes.length).log("HTML report written");
    return page;
  }

  /** The embedded S3's local credentials, or what the AWS default chain resolves here (env, profile, web identity). */
  private AwsCredentials credentials() {
    try {
      return connection.credentials().resolveCredentials();
    } catch (RuntimeException e) {
      throw new IllegalStateException("no AWS credentials for the Spark job: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
          + "(or AWS_PROFILE): " + e.getMessage(), e);
    }
  }
}
