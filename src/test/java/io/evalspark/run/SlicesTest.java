package io.evalspark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlicesTest {
  private static Map<String, Object> key(Object... columnsAndValues) {
    Map<String, Object> key = new LinkedHashMap<>();
    for (int i = 0; i < columnsAndValues.length; i += 2) {
      key.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
    }
    return key;
  }

  @Test
  void aValueIsWrittenAsItIsUnlessItWouldReadAsAnother() {
    assertEquals("country=DE, device=mobile", Slices.text(key("country", "DE", "device", "mobile")));
    assertEquals("country=null", Slices.text(key("country", null)));
    assertEquals("country=\"null\"", Slices.text(key("country", "null")));
    assertEquals("country=\"\\\"null\\\"\"", Slices.text(key("country", "\"null\"")));
    assertEquals("\"\\\"a\\\\b\"", Slices.value("\"a\\b"), "quoted: a quote and a backslash escaped");
    assertEquals("a\\b", Slices.value("a\\b"), "not quoted: as it is");
    assertEquals("n=3, w=0.5, ok=true", Slices.text(key("n", 3L, "w", 0.5, "ok", true)));
  }

  @Test
  void aLastValueKeepsItsCommasAndAnEarlierOneIsQuotedForThem() {
    assertEquals("country=Korea, Republic of", Slices.text(key("country", "Korea, Republic of")));
    assertEquals("a=\"x, b=y\", b=z", Slices.text(key("a", "x, b=y", "b", "z")));
    assertNotEquals(Slices.text(key("a", "x, b=y", "b", "z")), Slices.text(key("a", "x", "b", "y, b=z")));
  }
}
