package dev.pinpipe.sink;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * An in-memory bucket with S3's semantics where the sink's safety depends on them: create-only
 * writes, conditional deletes, ETags that are the body's MD5 (so equal bodies have equal ETags, as
 * in S3), sorted listings of at most 1000 keys a request. A write can be held back and applied
 * only when the test releases it, as a request delayed in the network would be; the store can be
 * made to fail every call, as during an outage. Single-threaded: used from one Vert.x context.
 */
final class MemoryObjectStore implements ObjectStore {

  static final int PAGE = 1000;

  record Stored(byte[] body, Map<String, String> metadata, String etag) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** A write held back until {@link #release()}. */
  final class Held {
    private final Runnable apply;
    private boolean released;

    private Held(Runnable apply) {
      this.apply = apply;
    }

    void release() {
      if (!released) {
        released = true;
        apply.run();
      }
    }
  }

  private final TreeMap<String, Stored> objects = new TreeMap<>();
  private final List<Held> held = new ArrayList<>();
  private Predicate<String> holdCreates = key -> false;
  private boolean down;
  private long listRequests;
  private int creates;

  Map<String, Stored> objects() {
    return objects;
  }

  /** Holds back every create of a key matching {@code keys} from now on (see {@link #held()}). */
  void holdCreates(Predicate<String> keys) {
    holdCreates = keys;
  }

  List<Held> held() {
    return held;
  }

  void down(boolean down) {
    this.down = down;
  }

  int creates() {
    return creates;
  }

  void put(String key, String body, Map<String, String> metadata) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    objects.put(key, new Stored(bytes, metadata, etag(bytes, bytes.length)));
  }

  @Override
  public Future<Optional<String>> create(String key, byte[] body, int length, Map<String, String> metadata) {
    if (down) {
      return Future.failedFuture(new IllegalStateException("S3 is down"));
    }
    creates++;
    byte[] copy = java.util.Arrays.copyOf(body, length);
    if (!holdCreates.test(key)) {
      return Future.succeededFuture(apply(key, copy, metadata));
    }
    Promise<Optional<String>> answer = Promise.promise();
    held.add(new Held(() -> answer.complete(apply(key, copy, metadata))));
    return answer.future();
  }

  private Optional<String> apply(String key, byte[] body, Map<String, String> metadata) {
    if (objects.containsKey(key)) {
      return Optional.empty();
    }
    Stored stored = new Stored(body, Map.copyOf(metadata), etag(body, body.length));
    objects.put(key, stored);
    return Optional.of(stored.etag());
  }

  @Override
  public Future<Void> putMarker(String key) {
    if (down) {
      return Future.failedFuture(new IllegalStateException("S3 is down"));
    }
    objects.putIfAbsent(key, new Stored(new byte[0], Map.of(), etag(new byte[0], 0)));
    return Future.succeededFuture();
  }

  @Override
  public Future<Optional<Head>> head(String key) {
    if (down) {
      return Future.failedFuture(new IllegalStateException("S3 is down"));
    }
    Stored stored = objects.get(key);
    return Future.succeededFuture(Optional.ofNullable(stored).map(object -> new Head(object.etag(), object.metadata())));
  }

  @Override
  public Future<List<Listed>> list(String prefix, String startAfter) {
    if (down) {
      return Future.failedFuture(new IllegalStateException("S3 is down"));
    }
    List<Listed> keys = new ArrayList<>();
    String from = startAfter == null || startAfter.compareTo(prefix) < 0 ? prefix : startAfter;
    int onPage = 0;
    listRequests++;
    for (Map.Entry<String, Stored> entry : objects.tailMap(from, startAfter == null).entrySet()) {
      if (!entry.getKey().startsWith(prefix)) {
        break;
      }
      if (onPage == PAGE) {
        listRequests++;
        onPage = 0;
      }
      keys.add(new Listed(entry.getKey(), entry.getValue().etag()));
      onPage++;
    }
    return Future.succeededFuture(keys);
  }

  @Override
  public Future<Boolean> deleteIfMatch(String key, String etag) {
    if (down) {
      return Future.failedFuture(new IllegalStateException("S3 is down"));
    }
    Stored stored = objects.get(key);
    if (stored == null || !stored.etag().equals(etag)) {
      return Future.succeededFuture(false);
    }
    objects.remove(key);
    return Future.succeededFuture(true);
  }

  @Override
  public long listRequests() {
    return listRequests;
  }

  private static String etag(byte[] body, int length) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(body, 0, length);
      return "\"" + HexFormat.of().formatHex(md5.digest()) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
