package io.evalspark.gate;

import java.util.Map;

/**
 * Metric values a gate can compare with: those of the previous run or of the baseline model, by
 * slice text and metric name, with a label that says where they come from ("previous run
 * 2026-11-21", "baseline model ctr-v6").
 */
public record ReferenceValues(String label, Map<String, Map<String, Double>> bySlice) {
  /** No values: the gates that need them are skipped, saying {@code why}. */
  public static ReferenceValues none(String why) {
    return new ReferenceValues(why, Map.of());
  }

  /** The value of {@code metric} in {@code slice}; NaN when there is none. */
  public double value(String slice, String metric) {
    Double v = bySlice.getOrDefault(slice, Map.of()).get(metric);
    return v == null ? Double.NaN : v;
  }

  /** Whether there is anything to compare with. */
  public boolean present() {
    return !bySlice.isEmpty();
  }
}
