package io.evalspark.job;

import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.EvaluationStates;
import java.util.Comparator;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * The merged state of one slice: its key (slice column to value, empty for the whole input) and
 * the state every metric of the slice comes from. A pass's slice keeps its state in the byte form
 * the pass delivered it in, and reads it anew for each {@link #state()}: the driver then holds about
 * an eighth of what the states would take (a slice of 5,000 rows over 10,000 bins: 80 KB, not the
 * 640 KB of its dense bins), so the slices a driver can report grow eightfold.
 */
public final class SliceResult {
  private final Map<String, Object> key;
  /** The state, for a slice made from one; null when it is kept as {@link #bytes}. */
  private final EvaluationState<?> state;
  private final byte[] bytes;

  /** A slice that keeps {@code state} itself, as it is and as it may still change (a refined one). */
  public SliceResult(Map<String, Object> key, EvaluationState<?> state) {
    this(key, state, null);
  }

  private SliceResult(Map<String, Object> key, EvaluationState<?> state, byte[] bytes) {
    this.key = key;
    this.state = state;
    this.bytes = bytes;
  }

  /** A slice that keeps its state's byte form ({@link EvaluationState#toByteArray()}) only. */
  static SliceResult ofBytes(Map<String, Object> key, byte[] bytes) {
    return new SliceResult(key, null, bytes);
  }

  /** The slice's key: each slice column and its value, in the order of the columns. */
  public Map<String, Object> key() {
    return key;
  }

  /**
   * The slice's state: the one it was made from, or one read from its byte form at each call (so
   * that a caller asking for several of its figures reads it once, and changing it changes nothing
   * kept here).
   */
  public EvaluationState<?> state() {
    return state != null ? state : EvaluationStates.fromByteArray(bytes);
  }

  /** The same state, kept in the same form, under another key. */
  public SliceResult withKey(Map<String, Object> other) {
    return new SliceResult(other, state, bytes);
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
