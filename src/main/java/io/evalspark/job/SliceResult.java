package io.evalspark.job;

import io.evalspark.metrics.EvaluationState;
import java.util.Comparator;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * The merged state of one slice: its key (slice column to value, empty for the whole input) and
 * the state every metric of the slice comes from.
 */
public record SliceResult(Map<String, Object> key, EvaluationState<?> state) {
  /**
   * Rows whose first {@code columns} values are a slice's key, in the order of those values: null
   * first, then by their natural order (numbers, strings, booleans, dates).
   */
  static Comparator<Row> byKey(int columns) {
    return (a, b) -> {
      for (int i = 0; i < columns; i++) {
        int c = compare(a.get(i), b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a.getClass() == b.getClass() && a instanceof Comparable c) {
      return c.compareTo(b);
    }
    return a.toString().compareTo(b.toString());
  }
}
