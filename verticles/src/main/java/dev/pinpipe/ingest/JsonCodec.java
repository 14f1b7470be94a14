package dev.pinpipe.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import java.io.IOException;
import java.util.Arrays;

/**
 * Streaming JSON helpers shared by the request codecs: parse without building a tree, and give
 * each value as compact JSON (no insignificant whitespace, so never a raw newline). Values that
 * are compact already pass through unchanged; others are re-written with numbers kept as text.
 */
final class JsonCodec {

  static final int MAX_NESTING_DEPTH = 64;

  static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
      // Emoji and other non-BMP characters stay raw UTF-8, as clients send them, not \uD83D\uDCCC escapes.
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .build();

  private JsonCodec() {
  }

  static JsonParser parser(byte[] body) throws IOException {
    return FACTORY.createParser(body);
  }

  /** A generator writing into {@code out} with no separator between root values. */
  static JsonGenerator generator(ByteArrayBuilder out) throws IOException {
    JsonGenerator generator = FACTORY.createGenerator(out);
    generator.setRootValueSeparator(null);
    return generator;
  }

  /**
   * Validates the value at the parser's current token and returns it as compact JSON: the
   * client's own bytes when they are compact already (the common case, and byte-identical),
   * else a compacted copy.
   */
  static byte[] compactValue(JsonParser parser, byte[] source, JsonGenerator generator, ByteArrayBuilder out) throws IOException {
    int start = (int) parser.currentTokenLocation().getByteOffset();
    if (parser.currentToken().isStructStart()) {
      parser.skipChildren();
    } else {
      parser.finishToken();
    }
    int end = (int) parser.currentLocation().getByteOffset();
    return compactSlice(source, start, end, generator, out);
  }

  /** {@code source[start, end)} holds one valid JSON value; returns it without insignificant whitespace. */
  static byte[] compactSlice(byte[] source, int start, int end, JsonGenerator generator, ByteArrayBuilder out) throws IOException {
    if (isCompact(source, start, end)) {
      return Arrays.copyOfRange(source, start, end);
    }
    try (JsonParser slice = FACTORY.createParser(source, start, end - start)) {
      slice.nextToken();
      out.reset();
      copyCurrentValue(slice, generator);
      generator.flush();
      return out.toByteArray();
    }
  }

  /** True when no whitespace stands outside a string (inside one it is escaped, a raw control character is invalid). */
  static boolean isCompact(byte[] source, int start, int end) {
    boolean inString = false;
    for (int i = start; i < end; i++) {
      byte b = source[i];
      if (inString) {
        if (b == '\\') {
          i++;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
        return false;
      }
    }
    return true;
  }

  static void copyCurrentValue(JsonParser parser, JsonGenerator generator) throws IOException {
    int depth = 0;
    JsonToken token = parser.currentToken();
    while (true) {
      switch (token) {
        case START_OBJECT -> {
          generator.writeStartObject();
          depth++;
        }
        case END_OBJECT -> {
          generator.writeEndObject();
          depth--;
        }
        case START_ARRAY -> {
          generator.writeStartArray();
          depth++;
        }
        case END_ARRAY -> {
          generator.writeEndArray();
          depth--;
        }
        case FIELD_NAME -> generator.writeFieldName(parser.currentName());
        case VALUE_STRING -> generator.writeString(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> generator.writeNumber(parser.getText());
        case VALUE_TRUE -> generator.writeBoolean(true);
        case VALUE_FALSE -> generator.writeBoolean(false);
        case VALUE_NULL -> generator.writeNull();
        default -> throw new IllegalStateException("unexpected JSON token " + token);
      }
      if (depth == 0) {
        return;
      }
      token = parser.nextToken();
      if (token == null) {
        throw ApiError.malformedJson("Malformed JSON: unexpected end of input").exception();
      }
    }
  }

  /** The client's error for a parse failure: where it happened and why, never our internals. */
  static ApiException malformed(JsonProcessingException e) {
    if (e instanceof StreamConstraintsException) {
      return ApiError.malformedJson("JSON nested deeper than " + MAX_NESTING_DEPTH + " levels").exception();
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

  static String describe(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.name();
    };
  }
}
