package dev.pinpipe.json;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The word-at-a-time scan against the obvious byte-at-a-time rule, on many random values. */
class JsonCompactionTest {

  private static final String[] STRING_PIECES = {"a", "Zz", "\\\"", "\\\\", "\\n", "\\u00e9", "é", "日本", "📌", " ", "  ", ",", ":", "{", "]", "'"};
  private static final String[] WHITESPACE = {"", "", "", " ", "\n", "\r\n", "\t", "  "};

  @Test
  void dropsExactlyTheWhitespaceOutsideStringsWhateverTheAlignment() {
    Random random = new Random(42);
    for (int run = 0; run < 5_000; run++) {
      String json = value(random, 0);
      byte[] bytes = ("   " + json + "  ").getBytes(StandardCharsets.UTF_8);
      int start = 3;
      int end = bytes.length - 2;

      byte[] compacted = JsonCodec.compact(bytes, start, end);

      assertThat(new String(compacted, StandardCharsets.UTF_8)).as(json).isEqualTo(new String(reference(bytes, start, end), StandardCharsets.UTF_8));
    }
  }

  private static String value(Random random, int depth) {
    int kind = depth > 3 ? random.nextInt(3) : random.nextInt(5);
    return switch (kind) {
      case 0 -> string(random);
      case 1 -> String.valueOf(random.nextInt(2000) - 1000);
      case 2 -> random.nextBoolean() ? "true" : "null";
      case 3 -> {
        StringBuilder object = new StringBuilder("{");
        int fields = random.nextInt(4);
        for (int i = 0; i < fields; i++) {
          object.append(i == 0 ? "" : ",").append(ws(random)).append(string(random)).append(ws(random)).append(':')
              .append(ws(random)).append(value(random, depth + 1)).append(ws(random));
        }
        yield object.append('}').toString();
      }
      default -> {
        StringBuilder array = new StringBuilder("[");
        int items = random.nextInt(4);
        for (int i = 0; i < items; i++) {
          array.append(i == 0 ? "" : ",").append(ws(random)).append(value(random, depth + 1)).append(ws(random));
        }
        yield array.append(']').toString();
      }
    };
  }

  private static String string(Random random) {
    StringBuilder string = new StringBuilder("\"");
    int pieces = random.nextInt(30);
    for (int i = 0; i < pieces; i++) {
      string.append(STRING_PIECES[random.nextInt(STRING_PIECES.length)]);
    }
    return string.append('"').toString();
  }

  private static String ws(Random random) {
    return WHITESPACE[random.nextInt(WHITESPACE.length)];
  }

  private static byte[] reference(byte[] source, int start, int end) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean inString = false;
    for (int i = start; i < end; i++) {
      byte b = source[i];
      if (inString) {
        out.write(b);
        if (b == '\\') {
          out.write(source[++i]);
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
        out.write(b);
      } else if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        out.write(b);
      }
    }
    return out.toByteArray();
  }
}
