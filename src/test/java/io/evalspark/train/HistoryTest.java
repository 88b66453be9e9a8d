package io.evalspark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryTest {
  @Test
  void csvQuotesNamesWithCommasAndQuotes() {
    History h = new History();
    Map<String, Double> logs = new LinkedHashMap<>();
    logs.put("epoch", 1.0);
    logs.put("max(p, y)", 0.5);
    logs.put("say \"hi\"", Double.NaN);
    h.add(logs);
    assertEquals("epoch,\"max(p, y)\",\"say \"\"hi\"\"\"\n1,0.5000000000,\n", h.csv());
  }
}
