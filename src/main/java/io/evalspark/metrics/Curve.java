package io.evalspark.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/** A curve as named columns of equal length (for example threshold, fpr, tpr), ready to chart. */
public final class Curve {
  private final Map<String, double[]> columns = new LinkedHashMap<>();

  Curve(String[] names, double[][] values) {
    for (int i = 0; i < names.length; i++) {
      columns.put(names[i], values[i]);
    }
  }

  /** The columns in order; a NaN threshold marks the point before any row is predicted positive. */
  public Map<String, double[]> columns() {
    return columns;
  }
}
