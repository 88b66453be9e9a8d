package io.evalspark.job;

import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.KeptState;
import java.util.Comparator;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * The merged state of one slice: its key (slice column to value, empty for the whole input) and
 * the state every metric of the slice comes from. A pass's slice keeps its state in the byte form
 * the pass delivered it in ({@link KeptState}), so that the driver holds many slices' bytes rather
 * than their bins.
 */
public final class SliceResult {
  private final Map<String, Object> key;
  private final KeptState kept;

  /** A slice that keeps {@code state} itself, as it is and as it may still change (a refined one). */
  public SliceResult(Map<String, Object> key, EvaluationState<?> state) {
    this(key, KeptState.itself(state));
  }

  /** A slice whose state is kept as {@code kept} says (a pass's: its byte form). */
  public SliceResult(Map<String, Object> key, KeptState kept) {
    this.key = key;
    this.kept = kept;
  }

  /** The slice's key: each slice column and its value, in the order of the columns. */
  public Map<String, Object> key() {
    return key;
  }

  /** The slice's state, as {@link KeptState#state()} gives it: read again at each call when kept as bytes. */
  public EvaluationState<?> state() {
    return kept.state();
  }

  /** How the slice's state is kept. */
  public KeptState kept() {
    return kept;
  }

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
