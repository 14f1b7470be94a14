package dev.pinpipe.ingest;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renders every failure as {@code {"error_code":N,"message":"..."}}; never a stack trace. */
final class FailureHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  private final long maxBodyBytes;

  FailureHandler(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Responses.error(ctx.response(), toError(ctx));
  }

  private ApiError toError(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException api) {
      return api.error();
    }
    return switch (ctx.statusCode()) {
      case 400 -> ApiError.malformedJson("Bad request");
      case 404 -> ApiError.notFound();
      case 405 -> ApiError.methodNotAllowed();
      case 413 -> ApiError.bodyTooLarge(maxBodyBytes);
      case 415 -> ApiError.unsupportedMediaType(ctx.request().getHeader("Content-Type"));
      default -> {
        LOG.atError().setCause(failure).addKeyValue("method", ctx.request().method())
            .addKeyValue("path", ctx.request().path()).log("request failed unexpectedly");
        yield ApiError.internal();
      }
    };
  }
}
