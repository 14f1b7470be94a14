package dev.pinpipe.local.batch;

import dev.pinpipe.contracts.DailyJobOptions;
import dev.pinpipe.contracts.RawKeys;
import dev.pinpipe.contracts.RawLayout;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * Whether day D has raw records to clean: the job's input, {@code topics/<prefix>.<kind>/year=/month=/day=/}
 * of the three topics (daily layout). Checked before Spark starts, so a day without input is said
 * plainly instead of as an incomplete day or an empty run.
 */
public final class RawDay {

  private RawDay() {
  }

  /** The day's raw folder of each topic; none in the default layout (it has no day folders) or for the reports stage (it reads Delta). */
  static List<String> prefixes(DailyJobOptions request) {
    if (request.layout() != RawLayout.DAILY || !request.stage().runsClean()) {
      return List.of();
    }
    return request.topics().all().stream().map(topic -> RawKeys.dayDirectory(topic, request.date())).toList();
  }

  /** What to say when none of the day's raw folders holds a record object; empty when one does (or nothing is to check). */
  public static Optional<String> missing(S3AsyncClient client, DailyJobOptions request) {
    List<String> prefixes = prefixes(request);
    if (prefixes.isEmpty() || prefixes.stream().anyMatch(prefix -> holdsRecords(client, request.bucket(), prefix))) {
      return Optional.empty();
    }
    String topics = RawKeys.ROOT + request.topicPrefix() + ".{pin,geo,user}/" + prefixes.get(0).substring(prefixes.get(0).indexOf("year="));
    return Optional.of("no raw records for dt=" + request.date() + " under s3://" + request.bucket() + "/" + topics
        + ": run `./pinpipe run` or `serve` + `emulate` first, or pick --date");
  }

  private static boolean holdsRecords(S3AsyncClient client, String bucket, String prefix) {
    try {
      return client.listObjectsV2(list -> list.bucket(bucket).prefix(prefix).maxKeys(10)).join().contents().stream()
          .anyMatch(object -> object.key().endsWith(RawKeys.OBJECT_SUFFIX));
    } catch (CompletionException e) {
      if (e.getCause() instanceof NoSuchBucketException) {
        return false;
      }
      throw new IllegalStateException("cannot list s3://" + bucket + "/" + prefix + ": " + e.getCause().getMessage(), e.getCause());
    }
  }
}
