package dev.pinpipe.sink;

import io.vertx.core.Future;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The object-store calls the sink makes, as Vert.x futures completed on the sink's context.
 * Writes are create-only and deletes conditional, so that no call can replace or remove an object
 * other than the one the caller has looked at (see {@link PartitionSink}).
 */
interface ObjectStore {

  /** One key of a listing, with the ETag of the object it named at that moment. */
  record Listed(String key, String etag) {
  }

  /** An object's ETag and user metadata. */
  record Head(String etag, Map<String, String> metadata) {
  }

  /**
   * Writes {@code body[0, length)} as a new object with {@code metadata}, only if no object has
   * that key (S3's {@code If-None-Match: *}): the new object's ETag, or empty when the key was
   * taken. The caller keeps {@code body} untouched until the future completes.
   */
  Future<Optional<String>> create(String key, byte[] body, int length, Map<String, String> metadata);

  /** Writes an empty marker object unless one is there (a marker keeps its first LastModified). */
  Future<Void> putMarker(String key);

  /** The object's ETag and metadata, or empty when there is none. */
  Future<Optional<Head>> head(String key);

  /**
   * Every key under {@code prefix} sorting after {@code startAfter} (null: from the start), page
   * by page.
   */
  Future<List<Listed>> list(String prefix, String startAfter);

  /** Deletes the object only if it is still the one with {@code etag}: true when deleted. */
  Future<Boolean> deleteIfMatch(String key, String etag);

  /** LIST requests made so far (each page is one), for the metric and the bounded-listing test. */
  long listRequests();
}
