package dev.pinpipe.local.batch;

import java.net.URI;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * One run of the Spark daily job ({@code dev.pinpipe.jobs.DailyJob}): its arguments, and where
 * its outputs land. Credentials are not part of it: they go in the job's environment only.
 *
 * @param date            the day D to process (UTC)
 * @param stage           which stages run
 * @param bucket          bucket of the raw objects and the outputs
 * @param s3Endpoint      S3 endpoint other than AWS (embedded, MinIO)
 * @param pathStyle       path-style addressing
 * @param layout          the raw objects' layout: {@code daily} or {@code default}
 * @param topicPrefix     topics are {@code <prefix>.pin|geo|user}
 * @param outputPrefix    key prefix of everything the job writes ("" or ending in "/")
 * @param allowIncomplete run even when the day has no {@code _COMPLETE} markers
 */
public record JobRequest(LocalDate date, Stage stage, String bucket, Optional<URI> s3Endpoint, boolean pathStyle,
                         String layout, String topicPrefix, String outputPrefix, boolean allowIncomplete) {

  /** The job's stages: clean (raw to Delta), reports (Delta to reports), or both. */
  public enum Stage {
    ALL, CLEAN, REPORTS;

    public boolean writesReports() {
      return this != CLEAN;
    }

    /** Whether the stage reads the raw objects (clean does; reports reads the Delta tables). */
    public boolean readsRaw() {
      return this != REPORTS;
    }

    public String argument() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public JobRequest {
    if (!outputPrefix.isEmpty() && !outputPrefix.endsWith("/")) {
      outputPrefix = outputPrefix + "/";
    }
  }

  /** Key prefix of one report's JSON lines for this date. */
  public String reportPrefix(String report) {
    return outputPrefix + "reports/" + report + "/dt=" + date + "/";
  }

  /** Key of the HTML report for this date. */
  public String htmlKey() {
    return outputPrefix + "reports/html/dt=" + date + "/index.html";
  }
}
