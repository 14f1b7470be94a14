package dev.pinpipe.ingest;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Optional bearer-token authentication. Tokens are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, against every configured token, so the time taken tells nothing
 * about how close a guess was or which token matched.
 */
final class BearerTokenAuth implements Handler<RoutingContext> {

  private static final String PREFIX = "bearer ";

  private final List<byte[]> tokenDigests;

  BearerTokenAuth(List<String> tokens) {
    this.tokenDigests = tokens.stream().map(BearerTokenAuth::digest).toList();
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (tokenDigests.isEmpty() || authorized(ctx.request().getHeader("Authorization"))) {
      ctx.next();
    } else {
      ctx.fail(ApiError.unauthorized().exception());
    }
  }

  boolean authorized(String header) {
    if (header == null || header.length() <= PREFIX.length() || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    byte[] candidate = digest(header.substring(PREFIX.length()).trim());
    boolean match = false;
    for (byte[] token : tokenDigests) {
      match |= MessageDigest.isEqual(token, candidate);
    }
    return match;
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
