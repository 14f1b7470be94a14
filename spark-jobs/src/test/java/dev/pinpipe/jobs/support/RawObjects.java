package dev.pinpipe.jobs.support;

import dev.pinpipe.contracts.RawKeys;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** Writes raw objects where the S3 sink puts them, through S3A, and reads objects back. */
public final class RawObjects {

  private final Configuration hadoop;
  private final String bucket;

  public RawObjects(Configuration hadoop, String bucket) {
    this.hadoop = hadoop;
    this.bucket = bucket;
  }

  /** One object of JSON lines, named as the sink names them ({@code folder} is a {@link RawKeys} directory). */
  public void put(String folder, String topic, int partition, long startOffset, List<String> lines) {
    write(RawKeys.objectKey(folder, topic, partition, startOffset), String.join("\n", lines) + "\n");
  }

  public void markComplete(String topic, LocalDate day) {
    write(RawKeys.completeMarker(topic, day), "");
  }

  public void write(String key, String body) {
    try (FSDataOutputStream out = fs().create(path(key), true)) {
      out.write(body.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String read(String key) {
    try (var in = fs().open(path(key))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The keys of the objects directly in {@code folder}, relative to the bucket. */
  public List<String> keys(String folder) {
    try {
      return Arrays.stream(fs().listStatus(path(folder))).map(status -> folder + status.getPath().getName()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean exists(String key) {
    try {
      return fs().exists(path(key));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path path(String key) {
    return new Path("s3a://" + bucket + "/" + key);
  }

  private FileSystem fs() throws IOException {
    return FileSystem.get(URI.create("s3a://" + bucket + "/"), hadoop);
  }
}
