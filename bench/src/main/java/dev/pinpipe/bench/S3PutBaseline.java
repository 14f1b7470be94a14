package dev.pinpipe.bench;

import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The S3 side of the sink alone, no Kafka: the same number of objects of the same size (JSON
 * lines of pin records) PUT with the client the sink uses, in as many parallel streams as the sink
 * may have PUTs in flight, each stream one PUT after the other. Its records/s is about the most
 * the sink could reach with this S3 endpoint and this client on this machine.
 */
final class S3PutBaseline {

  /** What the PUTs took. */
  record Result(String bucket, int recordsPerObject, long objects, long bytes, double seconds, double putMeanMs, ProcessMeter.Usage usage) {

    double recordsPerSecond() {
      return objects * (double) recordsPerObject / seconds;
    }

    double megabytesPerSecond() {
      return bytes / seconds / 1e6;
    }
  }

  private S3PutBaseline() {
  }

  /** @param objects how many objects in all, spread over {@code streams} sequential chains of PUTs */
  static Result run(BenchServices services, List<byte[]> values, int recordsPerObject, long objects, int streams, ProcessMeter meter,
                    Duration timeout) throws Exception {
    byte[] body = lines(values, recordsPerObject);
    String bucket = "s3-put-" + recordsPerObject + "-" + UUID.randomUUID().toString().substring(0, 8);
    services.createBucket(bucket);
    AtomicLong next = new AtomicLong();
    AtomicLong putNanos = new AtomicLong();
    try (S3AsyncClient s3 = services.s3Client()) {
      ProcessMeter.Interval interval = meter.start();
      long started = System.nanoTime();
      CompletableFuture<?>[] chains = new CompletableFuture<?>[streams];
      for (int stream = 0; stream < streams; stream++) {
        chains[stream] = chain(s3, bucket, body, objects, next, putNanos);
      }
      CompletableFuture.allOf(chains).get(timeout.toSeconds(), TimeUnit.SECONDS);
      double seconds = (System.nanoTime() - started) / 1e9;
      ProcessMeter.Usage usage = interval.stop();
      return new Result(bucket, recordsPerObject, objects, objects * body.length, seconds, putNanos.get() / 1e6 / objects, usage);
    }
  }

  /** PUTs one object after the other until {@code objects} have been taken from {@code next}. */
  private static CompletableFuture<Void> chain(S3AsyncClient s3, String bucket, byte[] body, long objects, AtomicLong next,
                                               AtomicLong putNanos) {
    long number = next.getAndIncrement();
    if (number >= objects) {
      return CompletableFuture.completedFuture(null);
    }
    String key = String.format(Locale.ROOT, "put-baseline/object+%010d.json", number);
    long started = System.nanoTime();
    return s3.putObject(request -> request.bucket(bucket).key(key).contentType("application/json").contentLength((long) body.length),
            AsyncRequestBody.fromRemainingByteBufferUnsafe(ByteBuffer.wrap(body)))
        .thenCompose(response -> {
          putNanos.addAndGet(System.nanoTime() - started);
          return chain(s3, bucket, body, objects, next, putNanos);
        });
  }

  /** {@code count} values as JSON lines, as the sink writes an object of {@code count} records. */
  static byte[] lines(List<byte[]> values, int count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < count; i++) {
      byte[] value = values.get(i % values.size());
      out.write(value, 0, value.length);
      out.write('\n');
    }
    return out.toByteArray();
  }
}
