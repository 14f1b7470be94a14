package dev.pinpipe.s3;

import dev.pinpipe.contracts.RawKeys;

import dev.pinpipe.contracts.RawLayout;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the bucket holds for one topic: data objects, their bytes and their lines (blocking, for summaries and checks). */
public final class S3Inventory {

  private S3Inventory() {
  }

  /** Objects, bytes and records (lines) of the {@code .json} objects under {@code topics/<topic>/}. */
  public record TopicContents(String topic, long objects, long bytes, long records) {
  }

  public static TopicContents of(S3AsyncClient s3, String bucket, String topic) {
    return contents(s3, bucket, topic, dataObjects(s3, bucket, topic));
  }

  /**
   * Objects, bytes and records of {@code topic}'s objects that start at or after
   * {@code startOffsets} of their partition (a partition not in the map: from offset 0), by the
   * start offset in their keys ({@link RawLayout#parse}); objects named otherwise are left out.
   */
  public static TopicContents since(S3AsyncClient s3, String bucket, String topic, Map<Integer, Long> startOffsets) {
    List<S3Object> objects = dataObjects(s3, bucket, topic).stream()
        .filter(object -> RawKeys.parse(object.key())
            .filter(name -> name.topic().equals(topic) && name.startOffset() >= startOffsets.getOrDefault(name.partition(), 0L))
            .isPresent())
        .toList();
    return contents(s3, bucket, topic, objects);
  }

  private static TopicContents contents(S3AsyncClient s3, String bucket, String topic, List<S3Object> objects) {
    long bytes = 0;
    long records = 0;
    for (S3Object object : objects) {
      bytes += object.size();
      records += lines(s3, bucket, object.key());
    }
    return new TopicContents(topic, objects.size(), bytes, records);
  }

  /** The lines of every data object of {@code topic}, for checks of what exactly landed. */
  public static List<String> allLines(S3AsyncClient s3, String bucket, String topic) {
    List<String> lines = new ArrayList<>();
    for (S3Object object : dataObjects(s3, bucket, topic)) {
      String body = get(s3, bucket, object.key());
      for (String line : body.split("\n")) {
        if (!line.isEmpty()) {
          lines.add(line);
        }
      }
    }
    return lines;
  }

  private static List<S3Object> dataObjects(S3AsyncClient s3, String bucket, String topic) {
    try {
      return S3Listing.objects(s3, bucket, RawKeys.topicDirectory(topic), RawKeys.OBJECT_SUFFIX);
    } catch (Exception e) {
      throw new IllegalStateException("cannot list s3://" + bucket + "/topics/" + topic + "/: " + e.getMessage(), e);
    }
  }

  private static long lines(S3AsyncClient s3, String bucket, String key) {
    String body = get(s3, bucket, key);
    long count = 0;
    for (int i = 0; i < body.length(); i++) {
      if (body.charAt(i) == '\n') {
        count++;
      }
    }
    return count;
  }

  private static String get(S3AsyncClient s3, String bucket, String key) {
    try {
      return s3.getObject(request -> request.bucket(bucket).key(key), AsyncResponseTransformer.toBytes())
          .get(60, TimeUnit.SECONDS).asUtf8String();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
    }
  }
}
