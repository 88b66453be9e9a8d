package io.evalspark.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.DoublesSortedViewIterator;

/**
 * The absolute errors of a regression's rows, for their median. A row's weight counts as that many
 * rows, so it must be a whole number: a fractional weight leaves the median undefined. While the
 * rows weigh at most {@link #EXACT_UP_TO} in all, every error is kept and the median is exact.
 * Beyond, errors are counted in buckets of the errors that share their binary exponent and the
 * first {@link #MANTISSA_BITS} bits after it (64 buckets from each power of two to the next, each
 * at most 1/64 of its lower edge wide), and each middle error is given as the middle of its bucket
 * (held within the smallest and largest error): at most {@link #RELATIVE_ERROR} of its value off,
 * whatever the rows, the same on every run and in any order of merging, since the counts are exact.
 * The buckets span the errors' powers of two, 512 bytes to 1 KB for each as they widen (errors from
 * 1e-6 to 1e3 take 15 to 30 KB); a row costs one bucket's increment.
 */
final class AbsoluteErrorSketch {
  /** The rows' weight up to which every error is kept. */
  static final int EXACT_UP_TO = 200;
  /** The bits after the binary exponent that choose an error's bucket. */
  static final int MANTISSA_BITS = 6;
  /**
   * The most a middle error given from its bucket is off, relative to the error: half a bucket's
   * width, which is at most 2^-6 of its lower edge (errors of 2^-1022 and more; below, 2^-1028 at most).
   */
  static final double RELATIVE_ERROR = 0x1p-7;
  /** An error's bucket is its bits shifted by this much. */
  private static final int SHIFT = 52 - MANTISSA_BITS;

  /** Whether a row had a weight that is not a whole number, or an older state did not keep errors. */
  private boolean undefined;
  /** The weight of the rows counted. */
  private long weight;
  private double smallest = Double.POSITIVE_INFINITY;
  private double largest = Double.NEGATIVE_INFINITY;
  /** While the rows weigh at most {@link #EXACT_UP_TO}: their errors and weights, {@code kept} of them. */
  private double[] errors = new double[8];
  private long[] weights = new long[8];
  private int kept;
  /** Beyond: the rows' weight in each bucket from {@code firstBucket} on, or null while errors are kept. */
  private long[] buckets;
  private int firstBucket;

  /** A sketch that is undefined, and stays so when merged: one a state of an older byte form did not keep. */
  static AbsoluteErrorSketch unknown() {
    AbsoluteErrorSketch s = new AbsoluteErrorSketch();
    s.undefined = true;
    return s;
  }

  /** Counts one row's absolute error with its weight (finite and not negative). */
  void update(double error, double w) {
    if (w == 1.0) {
      add(error, 1);
    } else if (w != Math.rint(w) || w >= 0x1p62) {
      undefined = true;
    } else if (w > 0) {
      add(error, (long) w);
    }
  }

  private void add(double error, long w) {
    smallest = Math.min(smallest, error);
    largest = Math.max(largest, error);
    weight += w;
    if (buckets != null) {
      count(error, w);
    } else if (weight <= EXACT_UP_TO) {
      keep(error, w);
    } else {
      toBuckets();
      count(error, w);
    }
  }

  private void keep(double error, long w) {
    if (kept == errors.length) {
      errors = Arrays.copyOf(errors, 2 * kept);
      weights = Arrays.copyOf(weights, 2 * kept);
    }
    errors[kept] = error;
    weights[kept++] = w;
  }

  /** Counts the kept errors into buckets, from now on the sketch's form. */
  private void toBuckets() {
    buckets = new long[0];
    for (int i = 0; i < kept; i++) {
      count(errors[i], weights[i]);
    }
    errors = null;
    weights = null;
    kept = 0;
  }

  private static int bucketOf(double error) {
    return (int) (Double.doubleToRawLongBits(error) >>> SHIFT);
  }

  private void count(double error, long w) {
    int b = bucketOf(error);
    if (b < firstBucket || b >= firstBucket + buckets.length) {
      cover(b);
    }
    buckets[b - firstBucket] += w;
  }

  /**
   * Widens the buckets held to {@code b}, at least doubling them so that a row rarely widens them;
   * the first bucket taken holds a power of two's worth of buckets around it.
   */
  private void cover(int b) {
    if (buckets.length == 0) {
      firstBucket = Math.max(0, b - (1 << (MANTISSA_BITS - 1)));
      buckets = new long[1 << MANTISSA_BITS];
      return;
    }
    int from = Math.min(firstBucket, b);
    int to = Math.max(firstBucket + buckets.length, b + 1);
    int length = Math.max(to - from, 2 * buckets.length);
    if (b < firstBucket) {
      from = Math.max(0, to - length);
    } else {
      to = from + length;
    }
    long[] wider = new long[to - from];
    System.arraycopy(buckets, 0, wider, firstBucket - from, buckets.length);
    buckets = wider;
    firstBucket = from;
  }

  /** Adds another sketch's rows. */
  void merge(AbsoluteErrorSketch other) {
    undefined |= other.undefined;
    if (other.weight == 0) {
      return;
    }
    if (buckets == null && other.buckets == null && weight + other.weight <= EXACT_UP_TO) {
      for (int i = 0; i < other.kept; i++) {
        keep(other.errors[i], other.weights[i]);
      }
    } else {
      if (buckets == null) {
        toBuckets();
      }
      if (other.buckets == null) {
        for (int i = 0; i < other.kept; i++) {
          count(other.errors[i], other.weights[i]);
        }
      } else {
        for (int i = 0; i < other.buckets.length; i++) {
          if (other.buckets[i] != 0) {
            count(bucketLow(other.firstBucket + i), other.buckets[i]);
          }
        }
      }
    }
    weight += other.weight;
    smallest = Math.min(smallest, other.smallest);
    largest = Math.max(largest, other.largest);
  }

  /** The smallest error of bucket {@code b}. */
  private static double bucketLow(int b) {
    return Double.longBitsToDouble((long) b << SHIFT);
  }

  /**
   * The median: the mean of the lower and upper middle errors, as numpy's median of an even count
   * (of the rows repeated by their weights); NaN without rows or where undefined.
   */
  double median() {
    if (undefined || weight == 0) {
      return Double.NaN;
    }
    long lower = (weight + 1) / 2; // the ranks, from 1, of the middle rows
    long upper = weight / 2 + 1;
    return (ranked(lower) + ranked(upper)) / 2;
  }

  /** The error of rank {@code rank} (from 1) among the rows repeated by their weights, or its bucket's middle. */
  private double ranked(long rank) {
    if (buckets == null) {
      Integer[] order = new Integer[kept];
      for (int i = 0; i < kept; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (i, j) -> Double.compare(errors[i], errors[j]));
      long below = 0;
      for (int i : order) {
        below += weights[i];
        if (below >= rank) {
          return errors[i];
        }
      }
      return largest;
    }
    long below = 0;
    for (int i = 0; i < buckets.length; i++) {
      below += buckets[i];
      if (below >= rank) {
        int b = firstBucket + i;
        double middle = b == 0 ? 0.0 : (bucketLow(b) + bucketLow(b + 1)) / 2;
        return Math.min(Math.max(middle, smallest), largest);
      }
    }
    return largest;
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeBoolean(undefined);
    out.writeLong(weight);
    out.writeDouble(smallest);
    out.writeDouble(largest);
    out.writeBoolean(buckets != null);
    if (buckets == null) {
      out.writeInt(kept);
      for (int i = 0; i < kept; i++) {
        out.writeDouble(errors[i]);
        out.writeLong(weights[i]);
      }
      return;
    }
    int filled = 0;
    for (long c : buckets) {
      filled += c != 0 ? 1 : 0;
    }
    out.writeInt(filled);
    for (int i = 0; i < buckets.length; i++) {
      if (buckets[i] != 0) {
        out.writeInt(firstBucket + i);
        out.writeLong(buckets[i]);
      }
    }
  }

  /**
   * Reads what {@link #writeTo} wrote, or, from a state of versions 5 to 7, the Apache DataSketches
   * KLL sketch those kept: its retained errors with their weights, as rows.
   */
  static AbsoluteErrorSketch readFrom(DataInput in, int version) throws IOException {
    if (version <= 7) {
      return readKll(in);
    }
    AbsoluteErrorSketch s = new AbsoluteErrorSketch();
    s.undefined = in.readBoolean();
    long weight = in.readLong();
    double smallest = in.readDouble();
    double largest = in.readDouble();
    boolean inBuckets = in.readBoolean();
    int n = in.readInt();
    if (weight < 0 || n < 0 || n > (1 << (11 + MANTISSA_BITS))) {
      throw new IOException("an absolute error sketch of " + n + " entries weighing " + weight);
    }
    if (inBuckets) {
      s.toBuckets();
    }
    for (int i = 0; i < n; i++) {
      double error = inBuckets ? bucketLow(in.readInt()) : in.readDouble();
      long w = in.readLong();
      if (!(error >= 0) || w <= 0) {
        throw new IOException("an absolute error sketch holding weight " + w + " of error " + error);
      }
      if (inBuckets) {
        s.count(error, w);
      } else {
        s.keep(error, w);
      }
      s.weight += w;
    }
    if (s.weight != weight) {
      throw new IOException("an absolute error sketch whose rows weigh " + s.weight + ", not " + weight);
    }
    s.smallest = smallest;
    s.largest = largest;
    return s;
  }

  private static AbsoluteErrorSketch readKll(DataInput in) throws IOException {
    AbsoluteErrorSketch s = new AbsoluteErrorSketch();
    s.undefined = in.readBoolean();
    int length = in.readInt();
    if (length < 0 || length > (1 << 26)) {
      throw new IOException("an absolute error sketch of " + length + " bytes");
    }
    if (length > 0) {
      byte[] bytes = new byte[length];
      in.readFully(bytes);
      KllDoublesSketch kll = KllDoublesSketch.heapify(Memory.wrap(bytes));
      if (!kll.isEmpty()) {
        DoublesSortedViewIterator it = kll.getSortedView().iterator();
        while (it.next()) {
          s.add(it.getQuantile(), it.getWeight());
        }
      }
    }
    return s;
  }
}
