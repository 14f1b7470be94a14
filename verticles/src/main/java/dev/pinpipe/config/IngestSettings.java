package dev.pinpipe.config;

import dev.pinpipe.contracts.Topics;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * HTTP ingestion settings.
 *
 * @param host           address the HTTP servers bind
 * @param httpPort       the REST Proxy v2 API port
 * @param managementPort health, readiness and metrics
 * @param maxBodyBytes   larger request bodies are 413
 * @param maxRecords     more records in one request are 422
 * @param topicAllowList only topics matching this are accepted (else 404 40401)
 * @param tokens         bearer tokens; empty means no authentication
 * @param instances      ingest and fan-out verticle instances
 */
public record IngestSettings(
    String host,
    int httpPort,
    int managementPort,
    long maxBodyBytes,
    int maxRecords,
    Pattern topicAllowList,
    List<String> tokens,
    int instances) {

  /** The keys {@link #from} reads: section {@code ingest}. */
  public static final ConfigKeys KEYS = ConfigKeys.readBy(source -> from(source, "pinpipe"));

  public static IngestSettings from(ConfigSource source, String topicPrefix) {
    String defaultAllowList = new Topics(topicPrefix).allowList();
    return new IngestSettings(
        source.string("ingest.host", "0.0.0.0"),
        source.integer("ingest.http-port", 8082, 1, 65_535),
        source.integer("ingest.management-port", 8081, 1, 65_535),
        source.number("ingest.max-body-bytes", 10L * 1024 * 1024, 1, Long.MAX_VALUE),
        source.integer("ingest.max-records", 10_000, 1, Integer.MAX_VALUE),
        Pattern.compile(source.string("ingest.topic-allow-list", defaultAllowList)),
        Arrays.stream(source.string("ingest.tokens", "").split(","))
            .map(String::trim)
            .filter(token -> !token.isEmpty())
            .toList(),
        source.integer("ingest.instances", Runtime.getRuntime().availableProcessors(), 1, Integer.MAX_VALUE));
  }

  public boolean topicAllowed(String topic) {
    return topicAllowList.matcher(topic).matches();
  }

  /** Never prints the tokens themselves. */
  @Override
  public String toString() {
    return "IngestSettings[host=" + host + ", httpPort=" + httpPort + ", managementPort=" + managementPort
        + ", maxBodyBytes=" + maxBodyBytes + ", maxRecords=" + maxRecords
        + ", topicAllowList=" + topicAllowList + ", tokens=" + (tokens.isEmpty() ? "none" : tokens.size() + " (redacted)")
        + ", instances=" + instances + "]";
  }
}
