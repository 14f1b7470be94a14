package dev.pinpipe.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.pinpipe.json.JsonCodec;

import java.io.IOException;

/**
 * A record value as one line of a JSON-lines object: the value's bytes unchanged, unless they
 * hold a raw line break (pretty-printed JSON from a raw producer), which would split the line;
 * then the insignificant whitespace goes. A value that is not exactly one JSON value is poison.
 */
final class JsonLine {

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonLine() {
  }

  /** Thrown for a value that cannot be a line; its message is the dead-letter reason. */
  static final class PoisonException extends Exception {
    PoisonException(String reason) {
      super(reason, null, false, false);
    }
  }

  static byte[] of(byte[] value) throws PoisonException {
    if (value == null) {
      throw new PoisonException("null value (tombstone): not a JSON value");
    }
    try (JsonParser parser = FACTORY.createParser(value)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new PoisonException("empty value: not a JSON value");
      }
      if (first.isStructStart()) {
        parser.skipChildren();
      } else {
        parser.finishToken();
      }
      if (parser.nextToken() != null) {
        throw new PoisonException("more than one JSON value at byte " + parser.currentTokenLocation().getByteOffset());
      }
    } catch (JsonProcessingException e) {
      throw new PoisonException("invalid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new PoisonException("unreadable value: " + e.getMessage());
    }
    return hasLineBreak(value) ? JsonCodec.compact(value, 0, value.length) : value;
  }

  private static boolean hasLineBreak(byte[] value) {
    for (byte b : value) {
      if (b == '\n' || b == '\r') {
        return true;
      }
    }
    return false;
  }
}
