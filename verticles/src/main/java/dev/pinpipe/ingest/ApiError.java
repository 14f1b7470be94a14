package dev.pinpipe.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.pinpipe.json.JsonCodec;

/**
 * An error answer of the REST Proxy v2 API: HTTP status and the body
 * {@code {"error_code":N,"message":"..."}}.
 */
public record ApiError(int status, int errorCode, String message) {

  public static ApiError malformedJson(String message) {
    return new ApiError(400, 400, message);
  }

  public static ApiError badBase64(String message) {
    return new ApiError(400, 400, message);
  }

  public static ApiError unauthorized() {
    return new ApiError(401, 40101, "Unauthorized: send 'Authorization: Bearer <token>' with a valid token");
  }

  public static ApiError topicNotFound(String topic) {
    return new ApiError(404, 40401, "Topic not found: " + topic);
  }

  public static ApiError partitionNotFound(String message) {
    return new ApiError(404, 40402, message);
  }

  public static ApiError notFound() {
    return new ApiError(404, 404, "HTTP 404 Not Found");
  }

  public static ApiError methodNotAllowed() {
    return new ApiError(405, 405, "HTTP 405 Method Not Allowed");
  }

  public static ApiError bodyTooLarge(long limit) {
    return new ApiError(413, 413, "Request body is larger than the limit of " + limit + " bytes; split it into several requests");
  }

  public static ApiError unsupportedMediaType(String contentType) {
    return new ApiError(415, 415, "Unsupported Content-Type '" + contentType
        + "'; use application/vnd.kafka.json.v2+json, application/vnd.kafka.binary.v2+json or application/json");
  }

  public static ApiError invalidRequest(String message) {
    return new ApiError(422, 42206, message);
  }

  public static ApiError tooManyRecords(int limit) {
    return new ApiError(422, 422, "More than " + limit + " records in one request; split it into several requests");
  }

  public static ApiError overloaded() {
    return new ApiError(429, 42901, "Too many records in flight to Kafka; retry after the Retry-After delay");
  }

  public static ApiError kafkaUnavailable(String detail) {
    return new ApiError(503, 50302, "Kafka is unavailable (" + detail + "); retry later");
  }

  public static ApiError internal() {
    return new ApiError(500, 500, "Internal server error; the request's records were not acknowledged, retry it");
  }

  public ApiException exception() {
    return new ApiException(this);
  }

  /** The client's error for a parse failure: where it happened and why, never our internals. */
  static ApiException malformedJson(JsonProcessingException e) {
    if (e instanceof StreamConstraintsException) {
      return ApiError.malformedJson("JSON nested deeper than " + JsonCodec.MAX_NESTING_DEPTH + " levels").exception();
    }
    String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    String reason = e.getOriginalMessage();
    for (String noise : new String[] {"\n", " (start marker", " at [Source"}) {
      int cut = reason.indexOf(noise);
      if (cut > 0) {
        reason = reason.substring(0, cut);
      }
    }
    if (reason.length() > 200) {
      reason = reason.substring(0, 200) + "...";
    }
    return ApiError.malformedJson("Malformed JSON" + where + ": " + reason).exception();
  }

}
