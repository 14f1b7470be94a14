package dev.pinpipe.jobs.support;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * S3Proxy in-process on a free loopback port with the filesystem backend that {@code pinpipe
 * serve} uses, and one bucket. The job reaches it through S3A like any S3 endpoint.
 */
public final class S3ProxyFixture implements AutoCloseable {

  public static final String ACCESS_KEY = "pinpipe-test";
  public static final String SECRET_KEY = "pinpipe-test-secret";

  private final S3Proxy proxy;
  private final URI endpoint;
  private final Path dataDir;

  private S3ProxyFixture(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
    this.proxy = S3Proxy.builder()
        .blobStore(new FilesystemNio2BlobStore(dataDir.toString()))
        .endpoint(endpoint)
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
  }

  /** Starts S3Proxy over {@code dataDir} with the (empty) bucket {@code bucket}. */
  public static S3ProxyFixture start(Path dataDir, String bucket) {
    try {
      Files.createDirectories(dataDir.resolve(bucket));
      S3ProxyFixture fixture = new S3ProxyFixture(dataDir, freePort());
      fixture.proxy.start();
      return fixture;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start S3Proxy: " + e.getMessage(), e);
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  public Path dataDir() {
    return dataDir;
  }

  /**
   * Sets the LastModified that S3Proxy reports for {@code key} of {@code bucket}: its filesystem
   * backend takes it from the file's modification time.
   */
  public void setLastModified(String bucket, String key, Instant time) {
    try {
      Files.setLastModifiedTime(dataDir.resolve(bucket).resolve(key), FileTime.from(time));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
