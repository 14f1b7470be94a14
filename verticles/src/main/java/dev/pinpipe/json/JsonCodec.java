package dev.pinpipe.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Streaming JSON helpers shared by ingestion's request codecs and the sink's line check: validate without building a tree, and give
 * each value as compact JSON (no insignificant whitespace, so never a raw newline), otherwise
 * byte for byte as the client wrote it.
 */
public final class JsonCodec {

  public static final int MAX_NESTING_DEPTH = 64;

  public static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
      // Responses carry Kafka's messages; keep emoji raw UTF-8 rather than \uD83D\uDCCC escapes.
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .build();

  private JsonCodec() {
  }

  public static JsonParser parser(byte[] body) throws IOException {
    return FACTORY.createParser(body);
  }

  /**
   * Validates the value at the parser's current token and returns it compact: the client's own
   * bytes less any whitespace outside strings, so escapes and numbers stay exactly as written.
   */
  public static byte[] compactValue(JsonParser parser, byte[] source) throws IOException {
    int start = (int) parser.currentTokenLocation().getByteOffset();
    if (parser.currentToken().isStructStart()) {
      parser.skipChildren();
    } else {
      parser.finishToken();
    }
    return compact(source, start, (int) parser.currentLocation().getByteOffset());
  }

  /**
   * {@code source[start, end)} holds one valid JSON value. Inside a valid string whitespace is
   * escaped (raw control characters are invalid JSON), so every raw whitespace byte outside a
   * string is insignificant and can go.
   */
  public static byte[] compact(byte[] source, int start, int end) {
    int firstSpace = firstWhitespace(source, start, end);
    if (firstSpace == end) {
      return Arrays.copyOfRange(source, start, end);
    }
    byte[] out = new byte[end - start];
    int length = firstSpace - start;
    System.arraycopy(source, start, out, 0, length);
    int i = firstSpace;
    while (i < end) {
      byte b = source[i++];
      if (b == '"') {
        out[length++] = b;
        byte c;
        do {
          c = source[i++];
          out[length++] = c;
          if (c == '\\') {
            out[length++] = source[i++];
          }
        } while (c != '"');
      } else if (!isWhitespace(b)) {
        out[length++] = b;
      }
    }
    return Arrays.copyOf(out, length);
  }

  /** Offset of the first whitespace byte outside a string, or {@code end}. */
  private static int firstWhitespace(byte[] source, int start, int end) {
    int i = start;
    while (i < end) {
      byte b = source[i++];
      if (b == '"') {
        i = afterString(source, i, end);
      } else if (isWhitespace(b)) {
        return i - 1;
      }
    }
    return end;
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long QUOTES = ONES * '"';
  private static final long BACKSLASHES = ONES * '\\';

  /**
   * Offset just past the string whose content starts at {@code i}. Most of a value is string
   * content, so eight bytes at a time are tested for a quote or a backslash (the "has zero byte"
   * bit trick on {@code word ^ pattern}) before looking byte by byte.
   */
  private static int afterString(byte[] source, int i, int end) {
    while (true) {
      while (i + Long.BYTES <= end) {
        long word = (long) LONGS.get(source, i);
        if (hasZeroByte(word ^ QUOTES) || hasZeroByte(word ^ BACKSLASHES)) {
          break;
        }
        i += Long.BYTES;
      }
      byte c = source[i++];
      if (c == '"') {
        return i;
      }
      if (c == '\\') {
        i++;
      }
    }
  }

  private static boolean hasZeroByte(long word) {
    return ((word - ONES) & ~word & HIGHS) != 0;
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  /** A JSON token as a client reads it in an error message: "an object", "a string". */
  public static String describe(JsonToken token) {
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
