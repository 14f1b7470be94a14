package dev.pinpipe.embedded;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An S3-compatible endpoint (S3Proxy) inside this JVM, storing objects as files under a
 * directory, so they survive restarts. It signs with fixed local credentials: it listens on the
 * loopback address only.
 */
public final class EmbeddedS3 implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);
  /** Local-only credentials of the embedded endpoint; real S3 uses the AWS default provider chain. */
  public static final String ACCESS_KEY = "pinpipe";
  public static final String SECRET_KEY = "pinpipe-local-secret";

  private final Path dataDir;
  private final URI endpoint;
  private final S3Proxy proxy;

  private EmbeddedS3(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
    this.proxy = S3Proxy.builder()
        .blobStore(new FilesystemNio2BlobStore(dataDir.toString()))
        .endpoint(endpoint)
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
  }

  public static EmbeddedS3 start(Path dir, int port) {
    // Normalized: S3Proxy's filesystem store answers 400 Bad Request to every request under a root like /a/./b.
    Path dataDir = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the S3 data dir " + dataDir + ": " + e.getMessage(), e);
    }
    EmbeddedS3 s3 = new EmbeddedS3(dataDir, port);
    try {
      s3.proxy.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the embedded S3 on port " + port
          + " (is it taken? choose another with --s3-port): " + e.getMessage(), e);
    }
    LOG.atInfo().addKeyValue("endpoint", s3.endpoint).addKeyValue("dataDir", s3.dataDir).log("embedded S3 started");
    return s3;
  }

  public URI endpoint() {
    return endpoint;
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      LOG.atWarn().setCause(e).log("embedded S3 did not stop cleanly");
    }
  }
}
