package dev.pinpipe.emulator;

import dev.pinpipe.contracts.RecordKind;

import dev.pinpipe.posts.Post;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Emulated users posting: picks posts at random with replacement (as the original script did),
 * reads them from the source database by key, and sends them to the ingestion API, at most
 * {@code concurrency} at once and at {@code rate} posts per second. A post counts as delivered
 * only when all three of its records are acknowledged.
 */
public final class EmulatorVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(EmulatorVerticle.class);

  private final EmulatorSettings settings;
  private final PostSource source;
  private final EmulatorStats stats;
  private final Promise<EmulatorStats.Snapshot> finished = Promise.promise();
  private IngestClient ingest;
  private WebClient client;
  private SplittableRandom random;
  private List<Integer> indexes;
  private long startedNanos;
  private long nextPost;
  private int workers;
  private boolean stopping;

  public EmulatorVerticle(EmulatorSettings settings, PostSource source, EmulatorStats stats) {
    this.settings = settings;
    this.source = source;
    this.stats = stats;
  }

  /** Completes when every post is delivered or has failed (or the verticle stops). */
  public Future<EmulatorStats.Snapshot> finished() {
    return finished.future();
  }

  @Override
  public Future<?> start() {
    client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setConnectTimeout(10_000),
        new PoolOptions().setHttp1MaxSize(Math.max(4, settings.concurrency() * (settings.mode() == Mode.REST_PROXY ? 3 : 1))));
    ingest = new IngestClient(vertx, client, settings, stats);
    random = new SplittableRandom(settings.seed());
    return source.indexes().recover(error -> Future.failedFuture(new IllegalStateException(
        "cannot read posts from the source database (" + error.getMessage() + "): seed it with `pinpipe seed-db` or check --mysql", error)))
        .compose(found -> {
          if (found.isEmpty()) {
            return Future.failedFuture(new IllegalStateException("the source database has no posts: run `pinpipe seed-db` first"));
          }
          indexes = found;
          startedNanos = System.nanoTime();
          LOG.atInfo().addKeyValue("settings", settings).addKeyValue("postsInDatabase", found.size()).log("emulator starting");
          for (int i = 0; i < settings.concurrency(); i++) {
            workers++;
            next();
          }
          return Future.succeededFuture();
        });
  }

  /** One worker: takes the next post (or batch), waits for its slot at the rate, reads it, sends it, repeats. */
  private void next() {
    int size = settings.mode() == Mode.POSTS ? settings.batchPosts() : 1;
    long first = nextPost;
    long remaining = settings.posts() == 0 ? size : settings.posts() - first;
    if (stopping || remaining <= 0 || pastDeadline()) {
      if (--workers == 0) {
        finished.tryComplete(stats.snapshot());
      }
      return;
    }
    int count = (int) Math.min(size, remaining);
    nextPost += count;
    stats.started(count);
    List<Integer> picked = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      picked.add(indexes.get(random.nextInt(indexes.size())));
    }
    long waitMs = slotMs(first);
    Future<Void> slot = waitMs > 0 ? vertx.timer(waitMs).mapEmpty() : Future.succeededFuture();
    slot.compose(ready -> source.read(picked))
        .compose(this::deliver)
        .onComplete(done -> {
          if (done.succeeded()) {
            stats.delivered(count);
          } else {
            stats.failed(count);
            if (!stopping) {
              LOG.atWarn().addKeyValue("posts", count).addKeyValue("error", done.cause().getMessage()).log("posts not delivered");
            }
          }
          next();
        });
  }

  private Future<Void> deliver(List<Post> posts) {
    if (settings.mode() == Mode.POSTS) {
      return ingest.sendPosts(posts);
    }
    Post post = posts.get(0);
    return Future.all(
            ingest.sendRecord(settings.topic(RecordKind.PIN), post.pin().toJson()),
            ingest.sendRecord(settings.topic(RecordKind.GEO), post.geo().toJson()),
            ingest.sendRecord(settings.topic(RecordKind.USER), post.user().toJson()))
        .mapEmpty();
  }

  /** Milliseconds until post number {@code post} may start at the configured rate. */
  private long slotMs(long post) {
    if (settings.rate() <= 0) {
      return 0;
    }
    long dueNanos = startedNanos + (long) (post * 1_000_000_000L / settings.rate());
    return (dueNanos - System.nanoTime()) / 1_000_000;
  }

  private boolean pastDeadline() {
    return !settings.duration().isZero() && System.nanoTime() - startedNanos >= settings.duration().toNanos();
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    finished.tryComplete(stats.snapshot());
    if (client != null) {
      client.close();
    }
    return Future.succeededFuture();
  }
}
