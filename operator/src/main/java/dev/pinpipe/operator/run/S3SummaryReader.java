package dev.pinpipe.operator.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinpipe.contracts.RunSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code <output prefix>runs/dt=D/summary.json} from the job's bucket. The summary is a
 * nicety for {@code kubectl describe}: a summary that is missing or unreadable (no credentials, no
 * network to the bucket) is logged and left out, never a failed run.
 */
public final class S3SummaryReader implements SummaryReader {

  private static final Logger LOG = LoggerFactory.getLogger(S3SummaryReader.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final S3Client s3;
  private final String bucket;
  private final String outputPrefix;

  /** @param outputPrefix the job's {@code --output-prefix}: empty, or ending in "/" */
  public S3SummaryReader(S3Client s3, String bucket, String outputPrefix) {
    this.s3 = s3;
    this.bucket = bucket;
    this.outputPrefix = outputPrefix;
  }

  @Override
  public Optional<RunSummary> read(LocalDate date) {
    String key = outputPrefix + RunSummary.key(date);
    try (InputStream in = s3.getObject(request -> request.bucket(bucket).key(key))) {
      return Optional.of(RunSummary.fromMap(JSON.readValue(in, Map.class)));
    } catch (IOException | RuntimeException e) {
      LOG.warn("run summary not read: bucket={} key={} error={}", bucket, key, e.getMessage());
      return Optional.empty();
    }
  }
}
