package io.evalspark.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The lowest and highest score of each class in each histogram bin: what says whether a bin's
 * positives and negatives share one score (a true tie) or come in a known order. Like {@link
 * CompensatedArray} it starts sparse (the bins a row reached, found through {@link CellPositions})
 * and turns dense once more than an eighth of its bins, or 4,096, are filled; serialised sparsely
 * either way ({@link #writeTo}).
 */
final class ScoreRanges implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  /** Per bin: lowest and highest positive score, lowest and highest negative score. */
  static final int WIDTH = 4;
  private final int size;
  private double[] dense;
  // sparse form: the filled bins' values at their positions (null while dense)
  private CellPositions positions;
  private double[] sparse;

  ScoreRanges(int size) {
    this.size = size;
    if (size <= CompensatedArray.SMALL) {
      dense = empty(size);
    } else {
      startSparse();
    }
  }

  /** Holds no bin, sparsely. */
  private void startSparse() {
    positions = new CellPositions(size);
    sparse = empty(4);
  }

  private static double[] empty(int bins) {
    return emptied(new double[bins * WIDTH]);
  }

  /** Makes every range of {@code a} the empty one (lowest +infinity, highest -infinity), and returns it. */
  private static double[] emptied(double[] a) {
    for (int i = 0; i < a.length; i += 2) {
      a[i] = Double.POSITIVE_INFINITY;
      a[i + 1] = Double.NEGATIVE_INFINITY;
    }
    return a;
  }

  /** Empties every bin, keeping its form ({@link CompensatedArray#clear}). */
  void clear() {
    if (dense != null) {
      emptied(dense);
    } else {
      startSparse();
    }
  }

  int size() {
    return size;
  }

  /** Widens bin {@code bin}'s range of {@code positive}'s class to hold {@code score}. */
  void update(int bin, boolean positive, double score) {
    if (dense != null) { // the dense path alone, small enough for the compiler to inline into the row's update
      widenAt(dense, bin * WIDTH + (positive ? 0 : 2), score, score);
    } else {
      widen(bin, positive, score, score);
    }
  }

  /** Widens bin {@code bin}'s range of {@code positive}'s class to hold [{@code low}, {@code high}]. */
  private void widen(int bin, boolean positive, double low, double high) {
    double[] a;
    int at;
    if (dense != null) {
      a = dense;
      at = bin * WIDTH;
    } else {
      int k = positions.positionOf(bin);
      if (k < 0) {
        if (CompensatedArray.denseFor(positions.filled() + 1, size)) {
          densify();
          widen(bin, positive, low, high);
          return;
        }
        k = fill(bin);
      }
      a = sparse;
      at = k * WIDTH;
    }
    widenAt(a, at + (positive ? 0 : 2), low, high);
  }

  /** Widens the range whose lowest and highest scores are {@code a[c]} and {@code a[c + 1]} to hold [{@code low}, {@code high}]. */
  private static void widenAt(double[] a, int c, double low, double high) {
    if (low < a[c]) {
      a[c] = low;
    }
    if (high > a[c + 1]) {
      a[c + 1] = high;
    }
  }

  /** Widens bin {@code bin} to hold the ranges at {@code values[at..at+3]} (an empty class's range is inverted). */
  private void widenAll(int bin, double[] values, int at) {
    for (int c = 0; c < WIDTH; c += 2) {
      if (values[at + c] <= values[at + c + 1]) {
        widen(bin, c == 0, values[at + c], values[at + c + 1]);
      }
    }
  }

  /** Fills bin {@code bin} (not yet filled) with empty ranges, and returns its position. */
  private int fill(int bin) {
    int at = positions.add(bin);
    if (at * WIDTH == sparse.length) {
      double[] wider = empty(2 * at);
      System.arraycopy(sparse, 0, wider, 0, sparse.length);
      sparse = wider;
    }
    return at;
  }

  /** Turns dense now, if it is not yet ({@link CompensatedArray#makeDense}). */
  void makeDense() {
    if (dense == null) {
      densify();
    }
  }

  private void densify() {
    double[] d = empty(size);
    for (int k = 0; k < positions.filled(); k++) {
      System.arraycopy(sparse, k * WIDTH, d, positions.cell(k) * WIDTH, WIDTH);
    }
    dense = d;
    positions = null;
    sparse = null;
  }

  /**
   * Copies bin {@code bin}'s four values (lowest and highest positive, lowest and highest negative)
   * into {@code into} from {@code at} on.
   */
  void copyTo(int bin, double[] into, int at) {
    if (dense != null) {
      System.arraycopy(dense, bin * WIDTH, into, at, WIDTH);
      return;
    }
    int k = positions.positionOf(bin);
    if (k < 0) {
      System.arraycopy(NONE, 0, into, at, WIDTH);
    } else {
      System.arraycopy(sparse, k * WIDTH, into, at, WIDTH);
    }
  }

  /** A bin no row reached: ranges that hold nothing. */
  private static final double[] NONE = empty(1);

  /** Widens every bin's ranges to hold the other's. */
  void merge(ScoreRanges other) {
    if (other.size != size) {
      throw new IllegalArgumentException("cannot merge score ranges of " + size + " and " + other.size + " bins");
    }
    if (dense != null && other.dense != null) { // both dense: each range widened in turn, an empty one changing nothing
      for (int c = 0; c < dense.length; c += 2) {
        widenAt(dense, c, other.dense[c], other.dense[c + 1]);
      }
      return;
    }
    other.forEachBin((bin, values, at) -> widenAll(bin, values, at));
  }

  @FunctionalInterface
  interface Bin {
    /** Bin {@code bin}'s four values are {@code values[at..at+3]}; read them, do not keep the array. */
    void accept(int bin, double[] values, int at);
  }

  /** Calls {@code bin} for every bin a row reached, by ascending index. */
  void forEachBin(Bin bin) {
    if (dense != null) {
      for (int i = 0; i < size; i++) {
        if (reached(dense, i * WIDTH)) {
          bin.accept(i, dense, i * WIDTH);
        }
      }
    } else {
      for (int k : positions.ascending()) {
        bin.accept(positions.cell(k), sparse, k * WIDTH);
      }
    }
  }

  /** Whether a row reached the bin whose values are at {@code v[at..at+3]}: a class's range holds a score. */
  private static boolean reached(double[] v, int at) {
    return v[at] <= v[at + 1] | v[at + 2] <= v[at + 3]; // both compared: no branch to mispredict
  }

  /** The four values' flags in the compact form: which classes have a range, and which of those one score. */
  private static final int POSITIVE = 1;
  private static final int ONE_POSITIVE = 2;
  private static final int NEGATIVE = 4;
  private static final int ONE_NEGATIVE = 8;

  /**
   * Writes the bins a row reached compactly: the size marked by {@link StateBytes#markedSize}
   * (which marks this form), their number, then for each its distance from the one before (from -1 for the first)
   * times 16 plus its flags (which classes have a range, and which of those one score), as a
   * {@linkplain StateBytes#writeVarint varint}, then each range's lowest score and, unless it is one
   * score, its highest. A bin of one row takes 9 or 10 bytes.
   */
  void writeTo(DataOutput out) throws IOException {
    double[] v = dense != null ? dense : sparse;
    int[] order = dense != null ? null : positions.ascending();
    int n = order == null ? size : order.length;
    int count = n; // a sparse bin was filled by a row
    if (order == null) {
      count = 0;
      for (int k = 0; k < n; k++) {
        count += reached(v, k * WIDTH) ? 1 : 0;
      }
    }
    out.writeInt(StateBytes.markedSize(size));
    out.writeInt(count);
    int previous = -1;
    for (int k = 0; k < n; k++) {
      int at = (order == null ? k : order[k]) * WIDTH;
      if (order == null && !reached(v, at)) {
        continue;
      }
      int b = order == null ? k : positions.cell(order[k]);
      int flags = flags(v, at, POSITIVE, ONE_POSITIVE) | flags(v, at + 2, NEGATIVE, ONE_NEGATIVE);
      StateBytes.writeVarint(out, 16L * (b - previous) + flags);
      for (int c = 0; c < WIDTH; c += 2) {
        if ((flags & (c == 0 ? POSITIVE : NEGATIVE)) != 0) {
          out.writeDouble(v[at + c]);
          if ((flags & (c == 0 ? ONE_POSITIVE : ONE_NEGATIVE)) == 0) {
            out.writeDouble(v[at + c + 1]);
          }
        }
      }
      previous = b;
    }
  }

  /** A class's flags: {@code some} unless its range at {@code v[at..at+1]} is the empty one, and {@code one} if one score. */
  private static int flags(double[] v, int at, int some, int one) {
    long low = Double.doubleToRawLongBits(v[at]);
    long high = Double.doubleToRawLongBits(v[at + 1]);
    if (low == EMPTY_LOW && high == EMPTY_HIGH) {
      return 0;
    }
    return some | (low == high ? one : 0);
  }

  private static final long EMPTY_LOW = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
  private static final long EMPTY_HIGH = Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY);

  /**
   * Reads ranges in the form {@link #writeTo} writes, or in the form of format versions 6 and
   * older: the size, the number of bins, then each bin's index and four values.
   */
  static ScoreRanges readFrom(DataInput in) throws IOException {
    int first = in.readInt();
    ScoreRanges r = new ScoreRanges(StateBytes.sizeOf(first));
    int count = in.readInt();
    if (r.dense == null && CompensatedArray.denseFor(count, r.size)) {
      r.densify(); // at once, rather than after filling that many bins sparsely
    }
    r.widenBy(in, first < 0, count);
    return r;
  }

  /**
   * Widens every bin's ranges to hold those of the ranges that {@link #readFrom} would read from
   * {@code in}, as {@link #merge} does, bin by bin as they are read.
   */
  void mergeFrom(DataInput in) throws IOException {
    int first = in.readInt();
    int otherSize = StateBytes.sizeOf(first);
    if (otherSize != size) {
      throw new IOException("score ranges of " + otherSize + " bins cannot be added to ones of " + size);
    }
    widenBy(in, first < 0, in.readInt());
  }

  /** Widens each of {@code count} bins read from {@code in}, in the compact form or the older one, to hold its ranges. */
  private void widenBy(DataInput in, boolean compact, int count) throws IOException {
    int previous = -1;
    double[] v = new double[WIDTH];
    for (int k = 0; k < count; k++) {
      System.arraycopy(NONE, 0, v, 0, WIDTH);
      int bin;
      if (compact) {
        long step = StateBytes.readVarint(in);
        long at = previous + (step >>> 4);
        bin = at > Integer.MAX_VALUE || at <= previous ? -1 : (int) at;
        int flags = (int) step & 15;
        for (int c = 0; c < WIDTH; c += 2) {
          if ((flags & (c == 0 ? POSITIVE : NEGATIVE)) != 0) {
            v[c] = in.readDouble();
            v[c + 1] = (flags & (c == 0 ? ONE_POSITIVE : ONE_NEGATIVE)) != 0 ? v[c] : in.readDouble();
          }
        }
      } else {
        bin = in.readInt();
        for (int c = 0; c < WIDTH; c++) {
          v[c] = in.readDouble();
        }
      }
      if (bin < 0 || bin >= size) {
        throw new IOException("bin " + bin + " is outside 0.." + (size - 1) + " or out of order");
      }
      widenAll(bin, v, 0);
      previous = bin;
    }
  }
}
