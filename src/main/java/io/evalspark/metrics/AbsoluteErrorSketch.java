package io.evalspark.metrics;

import static org.apache.datasketches.quantilescommon.QuantileSearchCriteria.EXCLUSIVE;
import static org.apache.datasketches.quantilescommon.QuantileSearchCriteria.INCLUSIVE;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * The absolute errors of a regression's rows in Apache DataSketches' KLL sketch, for their median.
 * A row's weight counts as that many rows, so it must be a whole number: a fractional weight
 * leaves the median undefined. The sketch keeps every error until the rows it has seen weigh
 * {@link #K} in all, so the median is then exact; beyond, the median it gives has a rank within
 * {@link #RANK_ERROR} of one half (with 99% confidence, as the library states it), whatever the
 * number of rows, in a few kilobytes. The sketch compacts at random, so two runs over more than
 * K rows may differ within that rank error.
 */
final class AbsoluteErrorSketch {
  /** The sketch's size parameter: the library's default. */
  static final int K = 200;
  /** The sketch's normalised rank error of a single quantile at 99% confidence. */
  static final double RANK_ERROR = KllDoublesSketch.getNormalizedRankError(K, false);

  /** Null until a row arrives, so that an unused slice's state stays small. */
  private KllDoublesSketch sketch;
  /** Whether a row had a weight that is not a whole number, or an older state did not keep errors. */
  private boolean undefined;

  /** A sketch that is undefined, and stays so when merged: one a state of an older byte form did not keep. */
  static AbsoluteErrorSketch unknown() {
    AbsoluteErrorSketch s = new AbsoluteErrorSketch();
    s.undefined = true;
    return s;
  }

  /** Counts one row's absolute error with its weight (finite and not negative). */
  void update(double error, double w) {
    if (w == 1.0) {
      sketch().update(error);
    } else if (w != Math.rint(w) || w >= 0x1p62) {
      undefined = true;
    } else if (w > 0) {
      sketch().update(error, (long) w);
    }
  }

  private KllDoublesSketch sketch() {
    if (sketch == null) {
      sketch = KllDoublesSketch.newHeapInstance(K);
    }
    return sketch;
  }

  /** Adds another sketch's rows. */
  void merge(AbsoluteErrorSketch other) {
    undefined |= other.undefined;
    if (other.sketch != null) {
      sketch().merge(other.sketch);
    }
  }

  /**
   * The median: the mean of the lower and upper middle errors, as numpy's median of an even count;
   * NaN without rows or where undefined.
   */
  double median() {
    if (undefined || sketch == null || sketch.isEmpty()) {
      return Double.NaN;
    }
    return (sketch.getQuantile(0.5, INCLUSIVE) + sketch.getQuantile(0.5, EXCLUSIVE)) / 2;
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeBoolean(undefined);
    byte[] bytes = sketch == null ? new byte[0] : sketch.toByteArray();
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static AbsoluteErrorSketch readFrom(DataInput in) throws IOException {
    AbsoluteErrorSketch s = new AbsoluteErrorSketch();
    s.undefined = in.readBoolean();
    int length = in.readInt();
    if (length < 0 || length > (1 << 26)) {
      throw new IOException("an absolute error sketch of " + length + " bytes");
    }
    if (length > 0) {
      byte[] bytes = new byte[length];
      in.readFully(bytes);
      s.sketch = KllDoublesSketch.heapify(Memory.wrap(bytes));
    }
    return s;
  }
}
