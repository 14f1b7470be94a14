package dev.pinpipe.operator.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What extra Spark configuration (the operator's {@code job.spark-conf}, a run's
 * {@code spec.spark.sparkConf}) may hold: {@code spark.*} keys, none of which carries a credential.
 * S3 credentials reach the job only from a Secret, as environment variables.
 */
public final class SparkConfRules {

  /** Parts of the keys that set S3A or AWS credentials (lower case), whether as Hadoop settings or as environment. */
  private static final List<String> CREDENTIAL_KEYS = List.of(
      "access.key", "secret.key", "session.token",
      "aws_access_key_id", "aws_secret_access_key", "aws_session_token");

  private SparkConfRules() {
  }

  /** What is wrong with {@code sparkConf}, naming the first key at fault; empty when nothing is. */
  public static Optional<String> problem(Map<String, String> sparkConf) {
    for (String key : sparkConf.keySet()) {
      if (!key.startsWith("spark.")) {
        return Optional.of("sparkConf key " + key + " is not a Spark setting (spark.*)");
      }
      String lower = key.toLowerCase(Locale.ROOT);
      if (CREDENTIAL_KEYS.stream().anyMatch(lower::contains)) {
        return Optional.of("sparkConf key " + key + " sets a credential; credentials come only from the S3 credentials Secret");
      }
    }
    return Optional.empty();
  }
}
