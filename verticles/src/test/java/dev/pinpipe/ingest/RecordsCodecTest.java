package dev.pinpipe.ingest;

import dev.pinpipe.produce.OutgoingRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordsCodecTest {

  private final RecordsCodec codec = new RecordsCodec(3);

  private List<OutgoingRecord> json(String body) {
    return codec.decode(body.getBytes(StandardCharsets.UTF_8), EmbeddedFormat.JSON, "t", null);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void jsonValuesAreCompactedWithoutChangingTheirContent() {
    List<OutgoingRecord> records = json("""
        { "records" : [
            { "value" : { "title" : "line one\\nline two", "n" : 1.50, "big" : 12345678901234567890, "e" : 1E3,
                          "quote" : "say \\"hi\\"", "slash" : "a\\\\b", "emoji" : "p\u00e9 \uD83D\uDCCC", "list" : [ 1 , null , true ] } }
        ] }
        """);

    assertThat(records).hasSize(1);
    assertThat(text(records.get(0).value())).isEqualTo(
        "{\"title\":\"line one\\nline two\",\"n\":1.50,\"big\":12345678901234567890,\"e\":1E3,"
            + "\"quote\":\"say \\\"hi\\\"\",\"slash\":\"a\\\\b\",\"emoji\":\"p\u00e9 \uD83D\uDCCC\",\"list\":[1,null,true]}");
    assertThat(records.get(0).value()).doesNotContain((byte) '\n');
    assertThat(records.get(0).key()).isNull();
    assertThat(records.get(0).partition()).isNull();
    assertThat(records.get(0).topic()).isEqualTo("t");
  }

  @Test
  void compactValuesPassThroughByteForByteWhateverTheirEscaping() {
    String value = "{\"s\":\"\\u00e9\\uD83D\\uDCCC\\/ \\t\",\"n\":-0.0e+1,\"t\":true,\"a\":[{},[]]}";

    List<OutgoingRecord> records = json("{\"records\":[{\"value\":" + value + "},{\"value\":\"a b\"},{\"value\":-12}]}");

    assertThat(records).extracting(record -> text(record.value())).containsExactly(value, "\"a b\"", "-12");
  }

  @Test
  void compactionDropsOnlyWhitespaceOutsideStrings() {
    List<OutgoingRecord> records = json("{\"records\":[{\"value\":\n  { \"a\" : \"x \\\" y  z\" ,\r\n\t\"b\" : \"ends in a backslash \\\\\" , \"c\" : [ \" \" , { } ] }\n}]}");

    assertThat(text(records.get(0).value()))
        .isEqualTo("{\"a\":\"x \\\" y  z\",\"b\":\"ends in a backslash \\\\\",\"c\":[\" \",{}]}");
  }

  @Test
  void keysScalarsAndPartitionsAreKeptPerRecord() {
    List<OutgoingRecord> records = codec.decode(
        "{\"records\":[{\"key\":\"k1\",\"value\":42},{\"value\":\"s\",\"partition\":2},{\"key\":{\"id\":7},\"value\":[],\"partition\":null}]}"
            .getBytes(StandardCharsets.UTF_8), EmbeddedFormat.JSON, "t", 1);

    assertThat(text(records.get(0).key())).isEqualTo("\"k1\"");
    assertThat(text(records.get(0).value())).isEqualTo("42");
    assertThat(records.get(0).partition()).isEqualTo(1);
    assertThat(records.get(1).partition()).isEqualTo(2);
    assertThat(text(records.get(2).key())).isEqualTo("{\"id\":7}");
    assertThat(records.get(2).partition()).isEqualTo(1);
  }

  @Test
  void unknownFieldsAreIgnoredLikeTheRestProxyDoes() {
    List<OutgoingRecord> records = json("{\"value_schema\":\"x\",\"records\":[{\"value\":1,\"headers\":[{\"a\":1}]}],\"extra\":{\"deep\":[1]}}");

    assertThat(records).extracting(record -> text(record.value())).containsExactly("1");
  }

  @Test
  void binaryKeysAndValuesAreDecodedFromBase64() {
    byte[] raw = {0, 1, (byte) 0xff, '\n'};
    String body = "{\"records\":[{\"key\":\"" + Base64.getEncoder().encodeToString("k".getBytes(StandardCharsets.UTF_8))
        + "\",\"value\":\"" + Base64.getEncoder().encodeToString(raw) + "\"}]}";

    List<OutgoingRecord> records = codec.decode(body.getBytes(StandardCharsets.UTF_8), EmbeddedFormat.BINARY, "t", null);

    assertThat(records.get(0).value()).containsExactly(raw);
    assertThat(text(records.get(0).key())).isEqualTo("k");
  }

  @Test
  void everyKindOfBadBodyIsNamedWithItsStatusAndCode() {
    assertError("", 400, 400, "empty");
    assertError("{\"records\":[{\"value\":1}", 400, 400, "Malformed JSON");
    assertError("{\"records\":[{\"value\":1}]} trailing", 400, 400, "Malformed JSON");
    assertError("[1,2]", 422, 42206, "JSON object");
    assertError("{}", 422, 42206, "non-empty 'records'");
    assertError("{\"records\":[]}", 422, 42206, "non-empty 'records'");
    assertError("{\"records\":{}}", 422, 42206, "must be an array");
    assertError("{\"records\":[5]}", 422, 42206, "records[0] must be an object");
    assertError("{\"records\":[{\"key\":1}]}", 422, 42206, "records[0].value is missing");
    assertError("{\"records\":[{\"value\":null}]}", 422, 42206, "records[0].value is missing or null");
    assertError("{\"records\":[{\"value\":1,\"partition\":\"0\"}]}", 422, 42206, "partition must be a whole number");
    assertError("{\"records\":[{\"value\":1,\"partition\":1.5}]}", 422, 42206, "partition must be a whole number");
    assertError("{\"records\":[{\"value\":1},{\"value\":2},{\"value\":3},{\"value\":4}]}", 422, 422, "More than 3 records");
    assertError("{\"records\":[{\"value\":" + "[".repeat(100) + "]".repeat(100) + "}]}", 400, 400, "nested deeper");
  }

  @Test
  void badBase64IsA400NamingTheRecord() {
    assertThatThrownBy(() -> codec.decode("{\"records\":[{\"value\":\"not base64!\"}]}".getBytes(StandardCharsets.UTF_8),
        EmbeddedFormat.BINARY, "t", null))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.error().status()).isEqualTo(400);
          assertThat(e.error().message()).contains("records[0].value is not valid base64");
        });
    assertThatThrownBy(() -> codec.decode("{\"records\":[{\"value\":{\"a\":1}}]}".getBytes(StandardCharsets.UTF_8),
        EmbeddedFormat.BINARY, "t", null))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error().errorCode()).isEqualTo(42206));
  }

  @Test
  void contentTypesChooseTheFormatAndOthersAre415() {
    assertThat(EmbeddedFormat.fromContentType("application/vnd.kafka.json.v2+json")).isEqualTo(EmbeddedFormat.JSON);
    assertThat(EmbeddedFormat.fromContentType("application/json; charset=utf-8")).isEqualTo(EmbeddedFormat.JSON);
    assertThat(EmbeddedFormat.fromContentType("Application/VND.kafka.binary.v2+json")).isEqualTo(EmbeddedFormat.BINARY);
    for (String unsupported : new String[] {null, "text/plain", "application/vnd.kafka.avro.v2+json"}) {
      assertThatThrownBy(() -> EmbeddedFormat.fromContentType(unsupported))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error().status()).isEqualTo(415));
    }
  }

  private void assertError(String body, int status, int code, String message) {
    assertThatThrownBy(() -> json(body))
        .as(body)
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.error().status()).as(body).isEqualTo(status);
          assertThat(e.error().errorCode()).as(body).isEqualTo(code);
          assertThat(e.error().message()).as(body).contains(message);
        });
  }
}
