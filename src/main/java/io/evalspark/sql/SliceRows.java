package io.evalspark.sql;

import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.BinaryState;
import java.util.Arrays;

/**
 * Some rows of one slice of a sliced binary pass, kept as rows: each row's score, its label as one
 * byte while every label is 0 or 1, and its weight only once a weight is not 1; 9 bytes a row
 * mostly (17 with weights, and 8 more once a label is something else, which the state will count
 * as invalid). Counting a row into its slice's state straight away reads and writes a dozen
 * places of a state that a thousand other slices' rows have pushed out of the processor's caches
 * since its slice's last row; kept here, a row costs a write next to the last, and the rows are
 * counted a slice at a time, into a state that stays in the caches while they are. A slice of few
 * rows in a partition travels to where its slice's parts meet as its rows (fewer bytes than its
 * state's cells take), and is counted there. Every value is kept exactly: the state counts the
 * same rows it would have counted as they came.
 */
final class SliceRows implements java.io.Serializable {
  private static final long serialVersionUID = 2L;
  private static final int FIRST = 8;
  private double[] scores = new double[FIRST];
  /** Each row's label as 0 or 1, while every label is one of those (as 0.0 and 1.0 exactly); then null. */
  private byte[] classes = new byte[FIRST];
  /** Each row's label, once one is neither; null before. */
  private double[] labels;
  /** Each row's weight, once one is not 1; null while all are. */
  private double[] weights;
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
   * Keeps a row, of at most {@code most} kept at once, and returns how many bytes its arrays grew by
   * to hold it (0 mostly; they double, up to {@code most} rows).
   */
  long add(double label, double score, double weight, int most) {
    long grown = 0;
    if (count == scores.length) {
      grown = grow(Math.min(2 * count, Math.max(most, count + 1)));
    }
    if (labels == null && !isClass(label)) {
      labels = new double[scores.length];
      for (int k = 0; k < count; k++) {
        labels[k] = classes[k];
      }
      grown += (long) (Double.BYTES - 1) * labels.length;
      classes = null;
    }
    if (weights == null && weight != 1.0) {
      weights = new double[scores.length];
      Arrays.fill(weights, 0, count, 1.0);
      grown += (long) Double.BYTES * weights.length;
    }
    scores[count] = score;
    if (labels == null) {
      classes[count] = (byte) label;
    } else {
      labels[count] = label;
    }
    if (weights != null) {
      weights[count] = weight;
    }
    count++;
    return grown;
  }

  /** Whether {@code label} is 0.0 or 1.0 exactly (not -0.0), which a byte holds. */
  private static boolean isClass(double label) {
    return label == 1.0 || Double.doubleToRawLongBits(label) == 0L;
  }

  /** Grows the arrays to {@code length} rows, and returns by how many bytes. */
  private long grow(int length) {
    long before = bytes();
    scores = Arrays.copyOf(scores, length);
    classes = labels == null ? Arrays.copyOf(classes, length) : classes;
    labels = labels == null ? null : Arrays.copyOf(labels, length);
    weights = weights == null ? null : Arrays.copyOf(weights, length);
    return bytes() - before;
  }

  private long bytes() {
    return (long) scores.length * Double.BYTES + (labels == null ? classes.length : (long) labels.length * Double.BYTES)
        + (weights == null ? 0 : (long) weights.length * Double.BYTES);
  }

  int count() {
    return count;
  }

  /** Counts the rows, in the order they came, into {@code state}; they stay kept. */
  void countInto(BinaryState state) {
    for (int k = 0; k < count; k++) {
      state.update(labels == null ? classes[k] : labels[k], scores[k], weights == null ? 1.0 : weights[k]);
    }
  }

  /** Forgets the rows, keeping the arrays for the next. */
  void forget() {
    count = 0;
  }

  /** The rows in arrays of their length, for the shuffle. */
  SliceRows trimmed() {
    SliceRows out = new SliceRows();
    out.scores = Arrays.copyOf(scores, count);
    out.classes = labels == null ? Arrays.copyOf(classes, count) : null;
    out.labels = labels == null ? null : Arrays.copyOf(labels, count);
    out.weights = weights == null ? null : Arrays.copyOf(weights, count);
    out.count = count;
    return out;
  }
}
