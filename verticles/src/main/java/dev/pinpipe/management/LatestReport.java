package dev.pinpipe.management;

import dev.pinpipe.contracts.Report;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The newest day's HTML report in S3: the daily batch writes one page a day at
 * {@code reports/html/dt=YYYY-MM-DD/index.html}; the newest is the greatest such key.
 */
public final class LatestReport implements AutoCloseable {

  /** Where the daily batch writes its pages (with the default output prefix). */
  public static final String PREFIX = Report.HTML_PREFIX;
  private static final String PAGE = "/index.html";

  /** A page and the S3 key it was read from. */
  public record Page(String key, Buffer html) {
  }

  private final S3AsyncClient client;
  private final String bucket;

  public LatestReport(S3AsyncClient client, String bucket) {
    this.client = client;
    this.bucket = bucket;
  }

  /** The newest page, or empty when the batch has written none yet. */
  public Future<Optional<Page>> fetch() {
    List<String> keys = new ArrayList<>();
    Future<Void> listed = Future.fromCompletionStage(client.listObjectsV2Paginator(list -> list.bucket(bucket).prefix(PREFIX + "dt="))
        .contents().subscribe(object -> keys.add(object.key())));
    return listed.compose(done -> newestKey(keys)
        .map(key -> Future.fromCompletionStage(client.getObject(get -> get.bucket(bucket).key(key), AsyncResponseTransformer.toBytes()))
            .map(bytes -> Optional.of(new Page(key, Buffer.buffer(bytes.asByteArray())))))
        .orElseGet(() -> Future.succeededFuture(Optional.empty())));
  }

  /** The greatest {@code reports/html/dt=D/index.html} among {@code keys}: dates in ISO form sort as text. */
  static Optional<String> newestKey(Collection<String> keys) {
    return keys.stream()
        .filter(key -> key.startsWith(PREFIX + "dt=") && key.endsWith(PAGE) && key.indexOf('/', (PREFIX + "dt=").length()) == key.length() - PAGE.length())
        .max(String::compareTo);
  }

  /** A bucket's location, for the message when there is no page yet. */
  public String location() {
    return "s3://" + bucket + "/" + PREFIX;
  }

  @Override
  public void close() {
    client.close();
  }
}
