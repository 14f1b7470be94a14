package dev.pinpipe.ingest;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

import java.util.Arrays;

/**
 * Reads a request body into one byte array, sized from Content-Length when there is one, for the
 * codecs to parse in place; a body over the limit is 413, at once when Content-Length says so.
 * (vertx-web's BodyHandler grows a buffer and hands out a copy of it: twice the copying.)
 */
final class BodyReader implements Handler<RoutingContext> {

  private static final String BODY_KEY = "pinpipe.body";
  private static final int INITIAL_CHUNKED_CAPACITY = 8 * 1024;

  private final long limit;

  BodyReader(long limit) {
    this.limit = limit;
  }

  static byte[] body(RoutingContext ctx) {
    return ctx.get(BODY_KEY);
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    long declared = declaredLength(request.getHeader("Content-Length"));
    if (declared > limit) {
      ctx.fail(ApiError.bodyTooLarge(limit).exception());
      return;
    }
    if ("100-continue".equalsIgnoreCase(request.getHeader("Expect")) && request.version() != HttpVersion.HTTP_1_0) {
      ctx.response().writeContinue();
    }
    if (request.isEnded()) {
      ctx.put(BODY_KEY, new byte[0]);
      ctx.next();
      return;
    }
    Accumulator body = new Accumulator(declared >= 0 ? (int) declared : INITIAL_CHUNKED_CAPACITY);
    request.handler(chunk -> body.append(ctx, chunk));
    request.endHandler(v -> {
      if (!body.failed) {
        ctx.put(BODY_KEY, body.bytes());
        ctx.next();
      }
    });
    request.exceptionHandler(error -> {
      if (!body.failed) {
        body.failed = true;
        ctx.fail(error);
      }
    });
    request.resume();
  }

  private static long declaredLength(String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private final class Accumulator {
    private byte[] bytes;
    private int size;
    private boolean failed;

    Accumulator(int capacity) {
      bytes = new byte[capacity];
    }

    void append(RoutingContext ctx, Buffer chunk) {
      if (failed) {
        return;
      }
      int length = chunk.length();
      if ((long) size + length > limit) {
        failed = true;
        ctx.fail(ApiError.bodyTooLarge(limit).exception());
        return;
      }
      if (size + length > bytes.length) {
        bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(2L * bytes.length, size + length)));
      }
      chunk.getBytes(0, length, bytes, size);
      size += length;
    }

    byte[] bytes() {
      return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }
  }
}
