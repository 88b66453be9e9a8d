package io.evalspark.gate;

import java.util.Map;

/**
 * Metric values a gate can compare with: those of the previous run or of the baseline model, by
 * slice text and metric name, with their standard errors where they were recorded with one
 * ({@code --confidence}), and a label that says where they come from ("previous run 2026-11-21",
 * "baseline model ctr-v6").
 */
public record ReferenceValues(String label, Map<String, Map<String, Double>> bySlice,
    Map<String, Map<String, Double>> stderrBySlice) {
  /** Values without standard errors. */
  public ReferenceValues(String label, Map<String, Map<String, Double>> bySlice) {
    this(label, bySlice, Map.of());
  }

  /** No values: the gates that need them are skipped, saying {@code why}. */
  public static ReferenceValues none(String why) {
    return new ReferenceValues(why, Map.of());
  }

  /** The value of {@code metric} in {@code slice}; NaN when there is none. */
  public double value(String slice, String metric) {
    return lookUp(bySlice, slice, metric);
  }

  /** The standard error of {@code metric} in {@code slice}; NaN when none was recorded. */
  public double stderr(String slice, String metric) {
    return lookUp(stderrBySlice, slice, metric);
  }

  private static double lookUp(Map<String, Map<String, Double>> values, String slice, String metric) {
    Double v = values.getOrDefault(slice, Map.of()).get(metric);
    return v == null ? Double.NaN : v;
  }

  /** Whether there is anything to compare with. */
  public boolean present() {
    return !bySlice.isEmpty();
  }
}
