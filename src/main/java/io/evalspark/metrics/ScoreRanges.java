package io.evalspark.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The lowest and highest score of each class in each histogram bin: what says whether a bin's
 * positives and negatives share one score (a true tie) or come in a known order. Like {@link
 * CompensatedArray} it starts sparse (the bins a row reached, found through {@link CellPositions})
 * and turns dense once more than an eighth of its bins, or 4,096, are filled; serialised sparsely
 * either way.
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
      positions = new CellPositions(size);
      sparse = empty(4);
    }
  }

  private static double[] empty(int bins) {
    double[] a = new double[bins * WIDTH];
    for (int i = 0; i < a.length; i += 2) {
      a[i] = Double.POSITIVE_INFINITY;
      a[i + 1] = Double.NEGATIVE_INFINITY;
    }
    return a;
  }

  int size() {
    return size;
  }

  /** Widens bin {@code bin}'s range of {@code positive}'s class to hold {@code score}. */
  void update(int bin, boolean positive, double score) {
    widen(bin, positive, score, score);
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
        if (positions.filled() + 1 > size * CompensatedArray.DENSE_SHARE
            || positions.filled() >= CompensatedArray.SPARSE_MOST) {
          densify();
          widen(bin, positive, low, high);
          return;
        }
        k = fill(bin);
      }
      a = sparse;
      at = k * WIDTH;
    }
    int c = at + (positive ? 0 : 2);
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

  private void densify() {
    double[] d = empty(size);
    for (int k = 0; k < positions.filled(); k++) {
      System.arraycopy(sparse, k * WIDTH, d, positions.cell(k) * WIDTH, WIDTH);
    }
    dense = d;
    positions = null;
    sparse = null;
  }

  /** Bin {@code bin}'s four values (lowest and highest positive, lowest and highest negative). */
  double[] get(int bin) {
    if (dense != null) {
      return Arrays.copyOfRange(dense, bin * WIDTH, bin * WIDTH + WIDTH);
    }
    int k = positions.positionOf(bin);
    return k < 0 ? empty(1) : Arrays.copyOfRange(sparse, k * WIDTH, k * WIDTH + WIDTH);
  }

  /** Widens every bin's ranges to hold the other's. */
  void merge(ScoreRanges other) {
    if (other.size != size) {
      throw new IllegalArgumentException("cannot merge score ranges of " + size + " and " + other.size + " bins");
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
        int at = i * WIDTH;
        if (dense[at] <= dense[at + 1] || dense[at + 2] <= dense[at + 3]) {
          bin.accept(i, dense, at);
        }
      }
    } else {
      for (int k : positions.ascending()) {
        bin.accept(positions.cell(k), sparse, k * WIDTH);
      }
    }
  }

  void writeTo(DataOutput out) throws IOException {
    int[] count = {0};
    forEachBin((b, v, at) -> count[0]++);
    out.writeInt(size);
    out.writeInt(count[0]);
    IOException[] failed = {null};
    forEachBin((b, v, at) -> {
      try {
        out.writeInt(b);
        for (int c = 0; c < WIDTH; c++) {
          out.writeDouble(v[at + c]);
        }
      } catch (IOException e) {
        failed[0] = e;
      }
    });
    if (failed[0] != null) {
      throw failed[0];
    }
  }

  static ScoreRanges readFrom(DataInput in) throws IOException {
    ScoreRanges r = new ScoreRanges(in.readInt());
    int count = in.readInt();
    for (int k = 0; k < count; k++) {
      int bin = in.readInt();
      if (bin < 0 || bin >= r.size) {
        throw new IOException("bin " + bin + " is outside 0.." + (r.size - 1));
      }
      double[] v = new double[WIDTH];
      for (int c = 0; c < WIDTH; c++) {
        v[c] = in.readDouble();
      }
      r.widenAll(bin, v, 0);
    }
    return r;
  }
}
