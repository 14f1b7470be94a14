package dev.pinpipe.ingest;

import java.util.Arrays;

import dev.pinpipe.contracts.Topics;

import dev.pinpipe.contracts.RecordKind;

import dev.pinpipe.json.JsonCodec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.pinpipe.produce.OutgoingRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes {@code POST /posts}: one post {@code {"pin":{..},"geo":{..},"user":{..}}} or
 * {@code {"posts":[..]}}, into three records per post (pin, geo, user topics), keyed by the
 * post's index ({@code pin.index}). All or nothing, like {@link RecordsCodec}.
 */
public final class PostsCodec {

  private static final String[] KINDS = Arrays.stream(RecordKind.values()).map(RecordKind::id).toArray(String[]::new);

  private final int maxPosts;
  private final String[] topics;

  public PostsCodec(int maxRecords, String topicPrefix) {
    this.maxPosts = Math.max(1, maxRecords / KINDS.length);
    this.topics = new String[KINDS.length];
    for (int i = 0; i < KINDS.length; i++) {
      topics[i] = new Topics(topicPrefix).topic(RecordKind.values()[i]);
    }
  }

  public List<String> topics() {
    return List.of(topics);
  }

  /** Records in post order; post {@code i}'s pin, geo and user are records {@code 3i..3i+2}. */
  public List<OutgoingRecord> decode(byte[] body) {
    if (body.length == 0) {
      throw ApiError.malformedJson("Request body is empty; send {\"pin\":{..},\"geo\":{..},\"user\":{..}} or {\"posts\":[..]}").exception();
    }
    try (JsonParser parser = JsonCodec.parser(body)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw ApiError.invalidRequest("Request body must be a post object or {\"posts\":[..]}, not " + JsonCodec.describe(first)).exception();
      }
      List<OutgoingRecord> records = new ArrayList<>();
      byte[][] single = new byte[KINDS.length][];
      byte[] singleKey = null;
      boolean sawPosts = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("posts".equals(field)) {
          if (value != JsonToken.START_ARRAY) {
            throw ApiError.invalidRequest("'posts' must be an array, not " + JsonCodec.describe(value)).exception();
          }
          sawPosts = true;
          readPosts(parser, body, records);
        } else {
          int kind = kindIndex(field);
          if (kind < 0) {
            parser.skipChildren();
            continue;
          }
          byte[][] key = new byte[1][];
          single[kind] = readPart(parser, body, "", field, key);
          if (key[0] != null) {
            singleKey = key[0];
          }
        }
      }
      if (parser.nextToken() != null) {
        throw ApiError.malformedJson("Malformed JSON: unexpected content after the request object").exception();
      }
      if (!sawPosts) {
        addPost(records, single, singleKey, "");
      }
      if (records.isEmpty()) {
        throw ApiError.invalidRequest("Request must hold at least one post").exception();
      }
      return records;
    } catch (JsonProcessingException e) {
      throw ApiError.malformedJson(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void readPosts(JsonParser parser, byte[] body, List<OutgoingRecord> records) throws IOException {
    JsonToken token;
    int index = 0;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      String where = "posts[" + index + "]";
      if (index == maxPosts) {
        throw ApiError.invalidRequest("More than " + maxPosts + " posts in one request; split it into several requests").exception();
      }
      if (token != JsonToken.START_OBJECT) {
        throw ApiError.invalidRequest(where + " must be an object, not " + JsonCodec.describe(token)).exception();
      }
      byte[][] parts = new byte[KINDS.length][];
      byte[][] key = new byte[1][];
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        int kind = kindIndex(field);
        if (kind < 0) {
          parser.skipChildren();
        } else {
          parts[kind] = readPart(parser, body, where + ".", field, key);
        }
      }
      addPost(records, parts, key[0], where + ".");
      index++;
    }
  }

  /** Validates one part and returns it compact; for the pin, also captures its top-level {@code index} as the key. */
  private static byte[] readPart(JsonParser parser, byte[] body,
                                 String where, String field, byte[][] key) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw ApiError.invalidRequest(where + field + " must be an object, not " + JsonCodec.describe(parser.currentToken())).exception();
    }
    int start = (int) parser.currentTokenLocation().getByteOffset();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if ("pin".equals(field) && "index".equals(name)) {
        if (value != JsonToken.VALUE_NUMBER_INT) {
          throw ApiError.invalidRequest(where + "pin.index must be a whole number, not " + JsonCodec.describe(value)).exception();
        }
        key[0] = parser.getText().getBytes(StandardCharsets.US_ASCII);
      }
      parser.skipChildren();
    }
    int end = (int) parser.currentLocation().getByteOffset();
    return JsonCodec.compact(body, start, end);
  }

  private void addPost(List<OutgoingRecord> records, byte[][] parts, byte[] key, String where) {
    for (int kind = 0; kind < KINDS.length; kind++) {
      if (parts[kind] == null) {
        throw ApiError.invalidRequest(where + KINDS[kind] + " is missing; a post has pin, geo and user objects").exception();
      }
    }
    if (key == null) {
      throw ApiError.invalidRequest(where + "pin.index is missing; it identifies the post and keys its records").exception();
    }
    for (int kind = 0; kind < KINDS.length; kind++) {
      records.add(new OutgoingRecord(topics[kind], null, key, parts[kind]));
    }
  }

  private static int kindIndex(String field) {
    for (int i = 0; i < KINDS.length; i++) {
      if (KINDS[i].equals(field)) {
        return i;
      }
    }
    return -1;
  }
}
