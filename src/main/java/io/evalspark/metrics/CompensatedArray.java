package io.evalspark.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A fixed or growing array of compensated sums (histogram bins, confusion-matrix cells) whose memory
 * follows what the rows fill, not its size: it starts sparse, holding only the cells a row reached
 * (sorted indices and their sums), and turns dense (two primitive arrays, an update allocates
 * nothing) once more than {@link #DENSE_SHARE} of its cells, or {@link #SPARSE_MOST}, are filled. A state of a slice with a
 * few rows is a few hundred bytes whatever the bin count. Serialised sparsely either way: the size,
 * then the non-zero cells.
 */
final class CompensatedArray implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  /** Arrays of at most this many cells are dense from the start. */
  static final int SMALL = 64;
  /** The filled share of cells beyond which the array turns dense. */
  static final double DENSE_SHARE = 1.0 / 8;
  /**
   * The most cells held sparsely whatever the size: an insertion shifts the cells after it, so a
   * sparse array of many filled cells (a refinement's millions of parts) would be slow to fill.
   */
  static final int SPARSE_MOST = 4096;

  private final int size;
  // dense form (null while sparse)
  private double[] sum;
  private double[] compensation;
  // sparse form: the first `filled` entries, by ascending index
  private int[] index;
  private double[] sparseSum;
  private double[] sparseCompensation;
  private int filled;

  CompensatedArray(int size) {
    this.size = size;
    if (size <= SMALL) {
      sum = new double[size];
      compensation = new double[size];
    } else {
      index = new int[4];
      sparseSum = new double[4];
      sparseCompensation = new double[4];
    }
  }

  int size() {
    return size;
  }

  void add(int i, double x) {
    if (sum != null) {
      addTo(sum, compensation, i, x);
      return;
    }
    int at = Arrays.binarySearch(index, 0, filled, i);
    if (at < 0) {
      if (i < 0 || i >= size) {
        throw new ArrayIndexOutOfBoundsException("cell " + i + " of " + size);
      }
      if (filled + 1 > size * DENSE_SHARE || filled >= SPARSE_MOST) {
        densify();
        addTo(sum, compensation, i, x);
        return;
      }
      at = insert(-at - 1, i);
    }
    addTo(sparseSum, sparseCompensation, at, x);
  }

  private static void addTo(double[] sums, double[] compensations, int i, double x) {
    double s = sums[i];
    double t = s + x;
    double error = Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s;
    if (error != 0.0) {
      // Whole-number weights (counts) never round, so a histogram of unweighted rows touches only
      // its sums: one cache line a row instead of two.
      compensations[i] += error;
    }
    sums[i] = t;
  }

  private int insert(int at, int i) {
    if (filled == index.length) {
      int grown = Math.min(size, index.length * 2);
      index = Arrays.copyOf(index, grown);
      sparseSum = Arrays.copyOf(sparseSum, grown);
      sparseCompensation = Arrays.copyOf(sparseCompensation, grown);
    }
    System.arraycopy(index, at, index, at + 1, filled - at);
    System.arraycopy(sparseSum, at, sparseSum, at + 1, filled - at);
    System.arraycopy(sparseCompensation, at, sparseCompensation, at + 1, filled - at);
    index[at] = i;
    sparseSum[at] = 0.0;
    sparseCompensation[at] = 0.0;
    filled++;
    return at;
  }

  private void densify() {
    sum = new double[size];
    compensation = new double[size];
    for (int k = 0; k < filled; k++) {
      sum[index[k]] = sparseSum[k];
      compensation[index[k]] = sparseCompensation[k];
    }
    index = null;
    sparseSum = null;
    sparseCompensation = null;
    filled = 0;
  }

  double get(int i) {
    return sumAt(i) + compensationAt(i);
  }

  private double sumAt(int i) {
    if (sum != null) {
      return sum[i];
    }
    int at = Arrays.binarySearch(index, 0, filled, i);
    return at < 0 ? 0.0 : sparseSum[at];
  }

  private double compensationAt(int i) {
    if (sum != null) {
      return compensation[i];
    }
    int at = Arrays.binarySearch(index, 0, filled, i);
    return at < 0 ? 0.0 : sparseCompensation[at];
  }

  /** Adds cell {@code j} of {@code other}, both of its parts, into cell {@code i}. */
  void addCell(int i, CompensatedArray other, int j) {
    add(i, other.sumAt(j));
    add(i, other.compensationAt(j));
  }

  /** The compensated sum of all cells. */
  double total() {
    CompensatedSum s = new CompensatedSum();
    forEachCell((i, cellSum, cellCompensation) -> {
      s.add(cellSum);
      s.add(cellCompensation);
    });
    return s.value();
  }

  /** Adds another array cell by cell; it must not be longer than this one. */
  void merge(CompensatedArray other) {
    other.forEachCell((i, cellSum, cellCompensation) -> {
      add(i, cellSum);
      add(i, cellCompensation);
    });
  }

  /** Calls {@code cell} for every cell that holds anything, by ascending index. */
  void forEachCell(Cell cell) {
    if (sum != null) {
      for (int i = 0; i < size; i++) {
        if (sum[i] != 0.0 || compensation[i] != 0.0) {
          cell.accept(i, sum[i], compensation[i]);
        }
      }
    } else {
      for (int k = 0; k < filled; k++) {
        if (sparseSum[k] != 0.0 || sparseCompensation[k] != 0.0) { // a row of weight 0 fills nothing
          cell.accept(index[k], sparseSum[k], sparseCompensation[k]);
        }
      }
    }
  }

  /** One cell's index and the two parts of its sum. */
  @FunctionalInterface
  interface Cell {
    void accept(int index, double sum, double compensation);
  }

  void writeTo(DataOutput out) throws IOException {
    int[] nonZero = {0};
    forEachCell((i, s, c) -> nonZero[0]++);
    out.writeInt(size);
    out.writeInt(nonZero[0]);
    IOException[] failed = {null};
    forEachCell((i, s, c) -> {
      try {
        out.writeInt(i);
        out.writeDouble(s);
        out.writeDouble(c);
      } catch (IOException e) {
        failed[0] = e;
      }
    });
    if (failed[0] != null) {
      throw failed[0];
    }
  }

  static CompensatedArray readFrom(DataInput in) throws IOException {
    CompensatedArray a = new CompensatedArray(in.readInt());
    int nonZero = in.readInt();
    if (a.sum == null && (nonZero > a.size * DENSE_SHARE || nonZero > SPARSE_MOST)) {
      a.densify();
    }
    for (int k = 0; k < nonZero; k++) {
      int i = in.readInt();
      double s = in.readDouble();
      double c = in.readDouble();
      if (i < 0 || i >= a.size || (a.sum == null && a.filled > 0 && i <= a.index[a.filled - 1])) {
        throw new IOException("cell " + i + " is out of order or outside 0.." + (a.size - 1));
      }
      if (a.sum != null) {
        a.sum[i] = s;
        a.compensation[i] = c;
      } else {
        int at = a.insert(a.filled, i);
        a.sparseSum[at] = s;
        a.sparseCompensation[at] = c;
      }
    }
    return a;
  }
}
