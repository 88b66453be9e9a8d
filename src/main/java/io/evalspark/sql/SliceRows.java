package io.evalspark.sql;

import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.BinaryState;
import java.util.Arrays;

/**
 * Some rows of one slice of a sliced binary pass, kept as rows: label, score and weight, 24 bytes
 * each. Counting a row into its slice's state straight away reads and writes a dozen places of a
 * state that a thousand other slices' rows have pushed out of the processor's caches since its
 * slice's last row; kept here, a row costs one write next to the last, and the rows are counted a
 * slice at a time, into a state that stays in the caches while they are. A slice of few rows in
 * a partition travels to where its slice's parts meet as its rows (24 bytes a row, fewer than its
 * state's cells take), and is counted there.
 */
final class SliceRows implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private double[] values = new double[3 * 8];
  private int count;

  /**
   * The most rows a slice keeps before they are counted into its state: as many as the histogram
   * has bins, and at least 1,024. Kept rows then take at most about a third of the memory of a state
   * that many rows make dense ({@link BinarySettings#BYTES_PER_BIN} a bin).
   */
  static int most(BinarySettings settings) {
    return Math.max(1024, settings.bins());
  }

  /**
   * Keeps a row, of at most {@code most} kept at once, and returns how many bytes its array grew by
   * to hold it (0 mostly; it doubles, up to {@code most} rows).
   */
  long add(double label, double score, double weight, int most) {
    long grown = 0;
    if (3 * count == values.length) {
      int length = Math.min(2 * values.length, 3 * Math.max(most, count + 1));
      grown = (long) Double.BYTES * (length - values.length);
      values = Arrays.copyOf(values, length);
    }
    values[3 * count] = label;
    values[3 * count + 1] = score;
    values[3 * count + 2] = weight;
    count++;
    return grown;
  }

  int count() {
    return count;
  }

  /** Counts the rows, in the order they came, into {@code state} and forgets them. */
  void countInto(BinaryState state) {
    for (int k = 0; k < count; k++) {
      state.update(values[3 * k], values[3 * k + 1], values[3 * k + 2]);
    }
    count = 0;
  }

  /** The rows in an array of their length, for the shuffle. */
  SliceRows trimmed() {
    SliceRows out = new SliceRows();
    out.values = Arrays.copyOf(values, 3 * count);
    out.count = count;
    return out;
  }
}
