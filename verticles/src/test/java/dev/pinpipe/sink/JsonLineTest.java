package dev.pinpipe.sink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonLineTest {

  @Test
  void aCompactValueIsTheLineItselfSameArray() throws Exception {
    byte[] value = "{\"title\":\"a \\\"b\\\" \\\\ c\\n\",\"emoji\":\"📌\",\"n\":1.50}".getBytes(StandardCharsets.UTF_8);
    assertThat(JsonLine.of(value)).isSameAs(value);
  }

  @Test
  void spacesOutsideStringsStayWhenThereIsNoLineBreak() throws Exception {
    byte[] value = "{ \"a\" : [1, 2] }".getBytes(StandardCharsets.UTF_8);
    assertThat(JsonLine.of(value)).isSameAs(value);
  }

  @Test
  void aPrettyPrintedValueBecomesOneLineWithItsStringsUntouched() throws Exception {
    byte[] value = "{\r\n  \"a\": \"x  y\",\n  \"b\": [1,\n 2]\n}\n".getBytes(StandardCharsets.UTF_8);
    assertThat(new String(JsonLine.of(value), StandardCharsets.UTF_8)).isEqualTo("{\"a\":\"x  y\",\"b\":[1,2]}");
  }

  @Test
  void scalarsAreValues() throws Exception {
    assertThat(new String(JsonLine.of("\"text\"".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8)).isEqualTo("\"text\"");
    assertThat(new String(JsonLine.of("42".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8)).isEqualTo("42");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "not json|invalid JSON",
      "{\"a\":|invalid JSON",
      "{\"a\":1}}|invalid JSON",
      "{\"a\":1} {}|more than one JSON value",
      "1 2|more than one JSON value",
      "' '|empty value",
  })
  void anythingButExactlyOneJsonValueIsPoisonWithAReason(String value, String reason) {
    assertThatThrownBy(() -> JsonLine.of(value.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonLine.PoisonException.class)
        .hasMessageStartingWith(reason);
  }

  @Test
  void aTombstoneIsPoison() {
    assertThatThrownBy(() -> JsonLine.of(null)).hasMessageStartingWith("null value");
  }
}
