package dev.pinpipe.ingest;

import dev.pinpipe.json.JsonCodec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.pinpipe.produce.RecordResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Writes the API's response bodies ({@code application/vnd.kafka.v2+json}). */
public final class Responses {

  public static final String V2_JSON = "application/vnd.kafka.v2+json";
  /** Seconds a client should wait before retrying a 429 or 503. */
  static final String RETRY_AFTER_SECONDS = "1";

  private Responses() {
  }

  public static void error(HttpServerResponse response, ApiError error) {
    if (response.ended() || response.headWritten()) {
      return;
    }
    if (error.status() == 429 || error.status() == 503) {
      response.putHeader("Retry-After", RETRY_AFTER_SECONDS);
    }
    if (error.status() == 401) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    send(response, error.status(), write(generator -> {
      generator.writeStartObject();
      generator.writeNumberField("error_code", error.errorCode());
      generator.writeStringField("message", error.message());
      generator.writeEndObject();
    }));
  }

  /** The REST Proxy's produce response: offsets in request order, null fields present. */
  static Buffer offsets(List<RecordResult> results) {
    return write(generator -> {
      generator.writeStartObject();
      generator.writeArrayFieldStart("offsets");
      for (RecordResult result : results) {
        writeResult(generator, result);
      }
      generator.writeEndArray();
      generator.writeNullField("key_schema_id");
      generator.writeNullField("value_schema_id");
      generator.writeEndObject();
    });
  }

  /** {@code POST /posts}: the number of posts and the offsets per topic, in post order. */
  static Buffer postOffsets(int posts, Map<String, List<RecordResult>> byTopic) {
    return write(generator -> {
      generator.writeStartObject();
      generator.writeNumberField("posts", posts);
      generator.writeObjectFieldStart("offsets");
      for (Map.Entry<String, List<RecordResult>> topic : byTopic.entrySet()) {
        generator.writeArrayFieldStart(topic.getKey());
        for (RecordResult result : topic.getValue()) {
          writeResult(generator, result);
        }
        generator.writeEndArray();
      }
      generator.writeEndObject();
      generator.writeEndObject();
    });
  }

  /** 200 when every record was acknowledged; else 500 if any error is fatal, 503 if all are retriable. */
  static int status(List<RecordResult> results) {
    boolean failed = false;
    for (RecordResult result : results) {
      if (!result.ok()) {
        if (result.errorCode() == RecordResult.FATAL) {
          return 500;
        }
        failed = true;
      }
    }
    return failed ? 503 : 200;
  }

  static void send(HttpServerResponse response, int status, Buffer body) {
    response.setStatusCode(status).putHeader("Content-Type", V2_JSON);
    if (status == 503) {
      response.putHeader("Retry-After", RETRY_AFTER_SECONDS);
    }
    response.end(body);
  }

  private static void writeResult(JsonGenerator generator, RecordResult result) throws IOException {
    generator.writeStartObject();
    generator.writeNumberField("partition", result.partition());
    generator.writeNumberField("offset", result.offset());
    if (result.ok()) {
      generator.writeNullField("error_code");
      generator.writeNullField("error");
    } else {
      generator.writeNumberField("error_code", result.errorCode());
      generator.writeStringField("error", result.error());
    }
    generator.writeEndObject();
  }

  interface BodyWriter {
    void write(JsonGenerator generator) throws IOException;
  }

  static Buffer write(BodyWriter writer) {
    ByteArrayBuilder out = new ByteArrayBuilder(256);
    try (JsonGenerator generator = JsonCodec.FACTORY.createGenerator(out)) {
      writer.write(generator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(out.toByteArray());
  }
}
