package io.evalspark.sql;

import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.BinaryState;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.IntervalState;
import java.util.Arrays;
import java.util.function.Consumer;

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
 * same rows it would have counted as they came. Rows counted into an interval state keep the group
 * their place gives them ({@link IntervalGroups#ofRow}): the number of the partition they came
 * from and their position among its rows of the slice.
 */
final class SliceRows implements java.io.Serializable {
  private static final long serialVersionUID = 3L;
  private static final int FIRST = 8;
  private double[] scores = new double[FIRST];
  /** Each row's label as 0 or 1, while every label is one of those (as 0.0 and 1.0 exactly); then null. */
  private byte[] classes = new byte[FIRST];
  /** Each row's label, once one is neither; null before. */
  private double[] labels;
  /** Each row's weight, once one is not 1; null while all are. */
  private double[] weights;
  private int count;
  /** The partition the rows came from. */
  private final int partition;
  /** The position of the first row among its partition's rows of the slice: the rows counted and forgotten before. */
  private long first;

  /** Rows of partition {@code partition}. */
  SliceRows(int partition) {
    this.partition = partition;
  }

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

  /**
   * Counts the rows, in the order they came, into {@code state}, a binary state or an interval
   * state of one (each row also in the group of its place); they stay kept.
   */
  void countInto(EvaluationState<?> state) {
    if (state instanceof IntervalState intervals) {
      countInto(intervals);
      return;
    }
    BinaryState binary = (BinaryState) state;
    for (int k = 0; k < count; k++) {
      binary.update(label(k), scores[k], weight(k));
    }
  }

  private void countInto(IntervalState intervals) {
    BinaryState whole = (BinaryState) intervals.whole();
    for (int k = 0; k < count; k++) {
      whole.update(label(k), scores[k], weight(k), intervals.binaryGroups(), IntervalGroups.ofRow(partition, first + k));
    }
  }

  private double label(int k) {
    return labels == null ? classes[k] : labels[k];
  }

  private double weight(int k) {
    return weights == null ? 1.0 : weights[k];
  }

  /**
   * An empty state, or interval state where {@code intervals}, about to count {@code rows} rows:
   * a binary state's histogram dense from the start when they could make it dense.
   */
  static EvaluationState<?> emptyState(BinarySettings settings, boolean intervals, long rows) {
    return intervals ? new IntervalState(settings) : BinaryState.forRows(settings, rows);
  }

  /**
   * The byte form of the state, or interval state where {@code intervals}, of {@code rows} rows
   * that {@code count} counts into the state it is given; a binary state's as {@link
   * BinaryState#bytesOfRows} writes it.
   */
  static byte[] bytesOf(BinarySettings settings, boolean intervals, long rows, Consumer<EvaluationState<?>> count) {
    if (!intervals) {
      return BinaryState.bytesOfRows(settings, rows, count::accept);
    }
    EvaluationState<?> state = emptyState(settings, true, rows);
    count.accept(state);
    return state.toByteArray();
  }

  /**
   * The memory of a state, or interval state where {@code intervals}, that its rows made dense:
   * where a partition's kept rows and states are weighed.
   */
  static long stateBytes(BinarySettings settings, boolean intervals) {
    return intervals ? IntervalState.denseBytes(settings) : settings.denseStateBytes();
  }

  /** Forgets the rows, keeping the arrays for the next, whose positions follow theirs. */
  void forget() {
    first += count;
    count = 0;
  }

  /** The rows in arrays of their length, for the shuffle. */
  SliceRows trimmed() {
    SliceRows out = new SliceRows(partition);
    out.first = first;
    out.scores = Arrays.copyOf(scores, count);
    out.classes = labels == null ? Arrays.copyOf(classes, count) : null;
    out.labels = labels == null ? null : Arrays.copyOf(labels, count);
    out.weights = weights == null ? null : Arrays.copyOf(weights, count);
    out.count = count;
    return out;
  }
}
