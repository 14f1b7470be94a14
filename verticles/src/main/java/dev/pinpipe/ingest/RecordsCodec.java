package dev.pinpipe.ingest;

import dev.pinpipe.json.JsonCodec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.pinpipe.produce.OutgoingRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Decodes a REST Proxy v2 produce body {@code {"records":[{"key":..,"value":..,"partition":..}]}}
 * in one streaming pass. Either every record is valid and returned, or an {@link ApiException}
 * says which one is not: a request is never half accepted.
 */
public final class RecordsCodec {

  private final int maxRecords;

  public RecordsCodec(int maxRecords) {
    this.maxRecords = maxRecords;
  }

  /**
   * @param pathPartition the partition of {@code /topics/{t}/partitions/{p}}, or {@code null};
   *                      a record's own {@code partition} field overrides it
   */
  public List<OutgoingRecord> decode(byte[] body, EmbeddedFormat format, String topic, Integer pathPartition) {
    if (body.length == 0) {
      throw ApiError.malformedJson("Request body is empty; send {\"records\":[{\"value\":...}]}").exception();
    }
    try (JsonParser parser = JsonCodec.parser(body)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw ApiError.invalidRequest("Request body must be a JSON object with a 'records' array, not " + JsonCodec.describe(first)).exception();
      }
      List<OutgoingRecord> records = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("records".equals(field)) {
          if (value != JsonToken.START_ARRAY) {
            throw ApiError.invalidRequest("'records' must be an array, not " + JsonCodec.describe(value)).exception();
          }
          records = readRecords(parser, body, format, topic, pathPartition);
        } else {
          // key_schema, value_schema and the like: meaningless for json and binary, ignored as the REST Proxy does.
          parser.skipChildren();
        }
      }
      if (parser.nextToken() != null) {
        throw ApiError.malformedJson("Malformed JSON: unexpected content after the request object").exception();
      }
      if (records == null || records.isEmpty()) {
        throw ApiError.invalidRequest("Request must hold a non-empty 'records' array").exception();
      }
      return records;
    } catch (JsonProcessingException e) {
      throw ApiError.malformedJson(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<OutgoingRecord> readRecords(JsonParser parser, byte[] body,
                                           EmbeddedFormat format, String topic, Integer pathPartition) throws IOException {
    List<OutgoingRecord> records = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      int index = records.size();
      if (index == maxRecords) {
        throw ApiError.tooManyRecords(maxRecords).exception();
      }
      if (token != JsonToken.START_OBJECT) {
        throw ApiError.invalidRequest("records[" + index + "] must be an object, not " + JsonCodec.describe(token)).exception();
      }
      byte[] key = null;
      byte[] value = null;
      Integer partition = pathPartition;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken fieldValue = parser.nextToken();
        switch (field) {
          case "key" -> key = fieldValue == JsonToken.VALUE_NULL ? null : embedded(parser, body, format, index, "key");
          case "value" -> value = fieldValue == JsonToken.VALUE_NULL ? null : embedded(parser, body, format, index, "value");
          case "partition" -> partition = partition(parser, fieldValue, index, pathPartition);
          default -> parser.skipChildren();
        }
      }
      if (value == null) {
        throw ApiError.invalidRequest("records[" + index + "].value is missing or null; every record needs a value").exception();
      }
      records.add(new OutgoingRecord(topic, partition, key, value));
    }
    return records;
  }

  private static byte[] embedded(JsonParser parser, byte[] body,
                                 EmbeddedFormat format, int index, String field) throws IOException {
    if (format == EmbeddedFormat.JSON) {
      return JsonCodec.compactValue(parser, body);
    }
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw ApiError.invalidRequest("records[" + index + "]." + field + " must be a base64 string for the binary format, not "
          + JsonCodec.describe(parser.currentToken())).exception();
    }
    try {
      return Base64.getDecoder().decode(parser.getText());
    } catch (IllegalArgumentException e) {
      throw ApiError.badBase64("records[" + index + "]." + field + " is not valid base64: " + e.getMessage()).exception();
    }
  }

  private static Integer partition(JsonParser parser, JsonToken token, int index, Integer pathPartition) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return pathPartition;
    }
    if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
      throw ApiError.invalidRequest("records[" + index + "].partition must be a whole number, not " + JsonCodec.describe(token)).exception();
    }
    return parser.getIntValue();
  }
}
