package dev.pinpipe.bench;

import java.util.Arrays;

import dev.pinpipe.contracts.Topics;

import dev.pinpipe.contracts.RecordKind;

import dev.pinpipe.contracts.RawKeys;

import dev.pinpipe.local.dataset.DatasetGenerator;
import dev.pinpipe.posts.Post;
import dev.pinpipe.contracts.RawLayout;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Writes one day of raw records into S3 exactly where and how the S3 sink would have: posts
 * sampled with replacement from a generated table (as the emulator samples the source
 * database), their pin, geo and user records spread over the partitions of three topics, cut
 * into objects of {@code flush.size} records named by start offset, and the day's
 * {@code _COMPLETE} markers.
 */
final class RawDayWriter {

  private static final List<String> KINDS = Arrays.stream(RecordKind.values()).map(RecordKind::id).toList();
  private static final int PUTS_IN_FLIGHT = 16;

  /** What was written. */
  record Written(long posts, long records, long objects, long bytes) {
  }

  private final S3AsyncClient s3;
  private final String bucket;
  private final String topicPrefix;
  private final PrintStream progress;
  private final Semaphore inFlight = new Semaphore(PUTS_IN_FLIGHT);
  private final List<CompletableFuture<?>> puts = new ArrayList<>();
  private long objects;
  private long bytes;

  RawDayWriter(S3AsyncClient s3, String bucket, String topicPrefix, PrintStream progress) {
    this.s3 = s3;
    this.bucket = bucket;
    this.topicPrefix = topicPrefix;
    this.progress = progress;
  }

  /**
   * @param tablePosts the size of the table the posts are sampled from
   * @param posts      how many posts (three records each) the day holds
   */
  Written write(LocalDate day, long seed, int tablePosts, int posts, int partitions, int flushSize) throws Exception {
    Random sampler = new Random(seed);
    List<Function<Post, JsonObject>> records = List.of(post -> post.pin().toJson(), post -> post.geo().toJson(), post -> post.user().toJson());
    ByteArrayOutputStream[][] open = new ByteArrayOutputStream[KINDS.size()][partitions];
    int[][] counts = new int[KINDS.size()][partitions];
    long[][] offsets = new long[KINDS.size()][partitions];
    for (int i = 0; i < posts; i++) {
      Post post = DatasetGenerator.post(seed, sampler.nextInt(tablePosts));
      int partition = i % partitions;
      for (int kind = 0; kind < KINDS.size(); kind++) {
        if (open[kind][partition] == null) {
          open[kind][partition] = new ByteArrayOutputStream(flushSize * 512);
        }
        open[kind][partition].writeBytes(records.get(kind).apply(post).encode().getBytes(StandardCharsets.UTF_8));
        open[kind][partition].write('\n');
        if (++counts[kind][partition] == flushSize) {
          put(day, kind, partition, offsets[kind][partition], open[kind][partition].toByteArray());
          offsets[kind][partition] += flushSize;
          counts[kind][partition] = 0;
          open[kind][partition] = null;
        }
      }
      if ((i + 1) % Math.max(1, posts / 10) == 0) {
        progress.printf(Locale.ROOT, "raw day: %,d of %,d posts written%n", i + 1, posts);
      }
    }
    for (int kind = 0; kind < KINDS.size(); kind++) {
      for (int partition = 0; partition < partitions; partition++) {
        if (open[kind][partition] != null) {
          put(day, kind, partition, offsets[kind][partition], open[kind][partition].toByteArray());
        }
      }
    }
    CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).join();
    for (String topic : new Topics(topicPrefix).all()) {
      s3.putObject(request -> request.bucket(bucket).key(RawKeys.completeMarker(topic, day)),
          AsyncRequestBody.empty()).join();
    }
    return new Written(posts, 3L * posts, objects, bytes);
  }

  private void put(LocalDate day, int kind, int partition, long startOffset, byte[] body) throws InterruptedException {
    String topic = new Topics(topicPrefix).topic(RecordKind.values()[kind]);
    String key = RawKeys.dayDirectory(topic, day) + String.format(Locale.ROOT, "%s+%d+%010d.json", topic, partition, startOffset);
    inFlight.acquire();
    objects++;
    bytes += body.length;
    puts.add(s3.putObject(request -> request.bucket(bucket).key(key).contentType("application/json"), AsyncRequestBody.fromBytes(body))
        .whenComplete((response, error) -> inFlight.release()));
  }
}
