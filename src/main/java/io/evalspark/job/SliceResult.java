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
  private final KeptState state;

  /** A slice that keeps {@code state} itself, as it is and as it may still change (a refined one). */
  public SliceResult(Map<String, Object> key, EvaluationState<?> state) {
    this(key, KeptState.itself(state));
  }

  private SliceResult(Map<String, Object> key, KeptState state) {
    this.key = key;
    this.state = state;
  }

  /** A slice that keeps its state's byte form ({@link EvaluationState#toByteArray()}) only. */
  static SliceResult ofBytes(Map<String, Object> key, byte[] bytes) {
    return new SliceResult(key, KeptState.ofBytes(bytes));
  }

  /** The slice's key: each slice column and its value, in the order of the columns. */
  public Map<String, Object> key() {
    return key;
  }

  /** The slice's state, as {@link KeptState#state()} gives it: read again at each call when kept as bytes. */
  public EvaluationState<?> state() {
    return state.state();
  }

  /** How the slice's state is kept. */
  public KeptState kept() {
    return state;
  }

  /** The same state, kept in the same form, under another key. */
  public SliceResult withKey(Map<String, Object> other) {
    return new SliceResult(other, state);
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
