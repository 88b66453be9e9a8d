package io.evalspark.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A fixed or growing array of compensated sums (histogram bins, confusion-matrix cells) whose memory
 * follows what the rows fill, not its size: it starts sparse, holding only the cells a row reached
 * (their indices and sums, found through {@link CellPositions}, so a new cell costs the same
 * however many are filled), and turns dense (two primitive arrays, an update allocates nothing)
 * once more than {@link #DENSE_SHARE} of its cells, or {@link #SPARSE_MOST}, are filled. A state of
 * a slice with a few rows is a few hundred bytes whatever the bin count. Serialised sparsely either
 * way: the size, then the non-zero cells by ascending index (see {@link #writeTo}).
 */
final class CompensatedArray implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  /** Arrays of at most this many cells are dense from the start. */
  static final int SMALL = 64;
  /** The filled share of cells beyond which the array turns dense. */
  static final double DENSE_SHARE = 1.0 / 8;
  /**
   * The most cells held sparsely whatever the size: a sparse cell takes about twice a dense one's
   * memory and a lookup a row, so an array of many filled cells (a refinement's millions of parts)
   * is better dense.
   */
  static final int SPARSE_MOST = 4096;

  /** Whether an array of {@code size} cells is dense when {@code filled} of them are filled. */
  static boolean denseFor(long filled, int size) {
    return filled > size * DENSE_SHARE || filled > SPARSE_MOST;
  }

  private final int size;
  // dense form (null while sparse)
  private double[] sum;
  private double[] compensation;
  // sparse form: the filled cells' sums at their positions (null while dense)
  private CellPositions positions;
  private double[] sparseSum;
  private double[] sparseCompensation;

  CompensatedArray(int size) {
    this.size = size;
    if (size <= SMALL) {
      sum = new double[size];
      compensation = new double[size];
    } else {
      startSparse();
    }
  }

  /** Holds no cell, sparsely. */
  private void startSparse() {
    positions = new CellPositions(size);
    sparseSum = new double[4];
    sparseCompensation = new double[4];
  }

  int size() {
    return size;
  }

  void add(int i, double x) {
    if (sum != null) {
      addTo(sum, compensation, i, x);
    } else {
      addSparse(i, x);
    }
  }

  /**
   * {@link #add} while sparse: a method of its own, so that the dense path above stays small
   * enough for the compiler to inline it into the row's update.
   */
  private void addSparse(int i, double x) {
    int at = positions.positionOf(i);
    if (at < 0) {
      if (i < 0 || i >= size) {
        throw new ArrayIndexOutOfBoundsException("cell " + i + " of " + size);
      }
      if (denseFor(positions.filled() + 1, size)) {
        densify();
        addTo(sum, compensation, i, x);
        return;
      }
      at = fill(i);
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

  /** Fills cell {@code i} (not yet filled) with zero sums, and returns its position. */
  private int fill(int i) {
    int at = positions.add(i);
    if (at == sparseSum.length) {
      sparseSum = Arrays.copyOf(sparseSum, 2 * at);
      sparseCompensation = Arrays.copyOf(sparseCompensation, 2 * at);
    }
    return at;
  }

  /**
   * Turns dense now, if it is not yet: for an array about to be filled by enough rows that it would
   * turn dense anyway, so that it does not first fill cells sparsely only to copy them.
   */
  void makeDense() {
    if (sum == null) {
      densify();
    }
  }

  /** Empties every cell, keeping its form: a dense array stays dense, for the next rows a reused state counts. */
  void clear() {
    if (sum != null) {
      Arrays.fill(sum, 0.0);
      Arrays.fill(compensation, 0.0);
    } else {
      startSparse();
    }
  }

  private void densify() {
    sum = new double[size];
    compensation = new double[size];
    for (int p = 0; p < positions.filled(); p++) {
      sum[positions.cell(p)] = sparseSum[p];
      compensation[positions.cell(p)] = sparseCompensation[p];
    }
    positions = null;
    sparseSum = null;
    sparseCompensation = null;
  }

  double get(int i) {
    return sumAt(i) + compensationAt(i);
  }

  private double sumAt(int i) {
    if (sum != null) {
      return sum[i];
    }
    int at = positions.positionOf(i);
    return at < 0 ? 0.0 : sparseSum[at];
  }

  private double compensationAt(int i) {
    if (sum != null) {
      return compensation[i];
    }
    int at = positions.positionOf(i);
    return at < 0 ? 0.0 : sparseCompensation[at];
  }

  /** Adds cell {@code j} of {@code other}, both of its parts, into cell {@code i}. */
  void addCell(int i, CompensatedArray other, int j) {
    addCell(i, other.sumAt(j), other.compensationAt(j));
  }

  /** Adds a cell's two parts into cell {@code i}: its sum, then its rounding. */
  private void addCell(int i, double sum, double compensation) {
    add(i, sum);
    add(i, compensation);
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
    if (sum != null && other.sum != null) { // both dense: the same additions, in a loop the compiler keeps tight
      for (int i = 0; i < other.size; i++) {
        if (holds(other.sum[i], other.compensation[i])) {
          addTo(sum, compensation, i, other.sum[i]);
          addTo(sum, compensation, i, other.compensation[i]);
        }
      }
      return;
    }
    other.forEachCell(this::addCell);
  }

  /** Calls {@code cell} for every cell that holds anything, by ascending index. */
  void forEachCell(Cell cell) {
    int[] order = ascending();
    double[] s = sums();
    double[] c = compensations();
    int n = order == null ? size : order.length;
    for (int k = 0; k < n; k++) {
      int at = order == null ? k : order[k];
      if (holds(s[at], c[at])) { // a sparse cell of rows of weight 0 holds nothing
        cell.accept(order == null ? k : positions.cell(at), s[at], c[at]);
      }
    }
  }

  /** The sparse cells' positions by ascending index, or null while dense (then a cell is its own position). */
  private int[] ascending() {
    return sum != null ? null : positions.ascending();
  }

  private double[] sums() {
    return sum != null ? sum : sparseSum;
  }

  private double[] compensations() {
    return sum != null ? compensation : sparseCompensation;
  }

  /**
   * Whether a cell whose sum and rounding are these holds anything: {@code sum != 0.0 ||
   * compensation != 0.0}, read from their bits but the sign's, so that counting cells has no branch
   * to mispredict.
   */
  private static boolean holds(double sum, double compensation) {
    return ((Double.doubleToRawLongBits(sum) | Double.doubleToRawLongBits(compensation)) << 1) != 0;
  }

  /** How many cells hold anything. */
  private int nonZero() {
    int[] order = ascending();
    double[] s = sums();
    double[] c = compensations();
    int n = order == null ? size : order.length;
    int count = 0;
    for (int k = 0; k < n; k++) {
      int at = order == null ? k : order[k];
      count += holds(s[at], c[at]) ? 1 : 0;
    }
    return count;
  }

  /** The cells that hold anything, by ascending index, with their values (sum and rounding added). */
  Filled filled() {
    int[] index = new int[nonZero()];
    double[] value = new double[index.length];
    int[] k = {0};
    forEachCell((i, s, c) -> {
      index[k[0]] = i;
      value[k[0]++] = s + c;
    });
    return new Filled(index, value);
  }

  /** Cells by ascending index and their values. */
  record Filled(int[] indices, double[] values) {
    int count() {
      return indices.length;
    }

    int index(int k) {
      return indices[k];
    }

    double value(int k) {
      return values[k];
    }
  }

  /** One cell's index and the two parts of its sum. */
  @FunctionalInterface
  interface Cell {
    void accept(int index, double sum, double compensation);
  }

  /** The low bits of a written cell's step that give its kind; the rest are its distance from the one before. */
  private static final int KIND_BITS = 2;
  /** A written cell's kind: its sum as a double, and nothing more. */
  private static final int PLAIN = 0;
  /** Its sum and its rounding as doubles. */
  private static final int ROUNDED = 1;
  /** Its sum, a whole number from 1 to 2^53 (a count of rows that weigh 1), as a varint. */
  private static final int COUNT = 2;

  /**
   * Writes the cells that hold anything compactly: the size marked by {@link StateBytes#markedSize}
   * (which marks this form), their number marked the same way (which marks this form's cells of
   * version 9, whose counts are varints), then for each cell its distance from the one before (from
   * -1 for the first) times four plus its kind ({@link #PLAIN}, {@link #ROUNDED}, {@link #COUNT})
   * as a {@linkplain StateBytes#writeVarint varint}, then its sum (a varint when a count), and its
   * rounding when it has one. A cell of a few rows that weigh 1 takes 2 bytes, of others 9 or 17.
   */
  void writeTo(DataOutput out) throws IOException {
    out.writeInt(StateBytes.markedSize(size));
    out.writeInt(StateBytes.markedSize(nonZero()));
    int[] order = ascending();
    double[] s = sums();
    double[] c = compensations();
    int n = order == null ? size : order.length;
    int previous = -1;
    for (int k = 0; k < n; k++) {
      int at = order == null ? k : order[k];
      if (holds(s[at], c[at])) {
        int i = order == null ? k : positions.cell(at);
        int kind = Double.doubleToRawLongBits(c[at]) != 0 ? ROUNDED : isCount(s[at]) ? COUNT : PLAIN;
        StateBytes.writeVarint(out, ((long) (i - previous) << KIND_BITS) + kind);
        if (kind == COUNT) {
          StateBytes.writeVarint(out, (long) s[at]);
        } else {
          out.writeDouble(s[at]);
        }
        if (kind == ROUNDED) {
          out.writeDouble(c[at]);
        }
        previous = i;
      }
    }
  }

  /** Whether {@code sum} is a whole number from 1 to 2^53, which a long holds exactly. */
  private static boolean isCount(double sum) {
    return sum >= 1.0 && sum <= 0x1p53 && sum == Math.rint(sum);
  }

  /**
   * Reads an array in the form {@link #writeTo} writes, in the compact form of format versions 7 and
   * 8 (the cells' number not marked, a step twice the distance plus one when a rounding follows, every
   * sum a double), or in the form of versions 6 and older: the size, the number of cells, then each
   * cell's index, sum and rounding.
   */
  static CompensatedArray readFrom(DataInput in) throws IOException {
    int first = in.readInt();
    CompensatedArray a = new CompensatedArray(StateBytes.sizeOf(first));
    int cells = in.readInt();
    if (a.sum == null && denseFor(StateBytes.sizeOf(cells), a.size)) {
      a.densify();
    }
    readCells(in, first < 0, cells, a.size, (i, s, c) -> {
      if (a.sum != null) {
        a.sum[i] = s;
        a.compensation[i] = c;
      } else {
        int at = a.fill(i);
        a.sparseSum[at] = s;
        a.sparseCompensation[at] = c;
      }
    });
    return a;
  }

  /**
   * Adds the array that {@link #readFrom} would read from {@code in}, as {@link #merge} adds it,
   * cell by cell as they are read: the same sums, without making that array.
   */
  void mergeFrom(DataInput in) throws IOException {
    int first = in.readInt();
    int otherSize = StateBytes.sizeOf(first);
    if (otherSize > size) {
      throw new IOException("an array of " + otherSize + " cells cannot be added to one of " + size);
    }
    readCells(in, first < 0, in.readInt(), otherSize, (i, s, c) -> {
      if (holds(s, c)) {
        addCell(i, s, c);
      }
    });
  }

  /**
   * Reads the cells of an array of {@code size} whose number was written as {@code counted}, in one
   * of the compact forms or the older one, and hands each to {@code cell} by ascending index.
   */
  private static void readCells(DataInput in, boolean compact, int counted, int size, Cell cell) throws IOException {
    // version 9's cells are of three kinds (counts as varints), those of versions 7 and 8 of two (a rounding or not)
    int kindBits = compact && counted < 0 ? KIND_BITS : 1;
    int cells = StateBytes.sizeOf(counted);
    int previous = -1;
    for (int k = 0; k < cells; k++) {
      int i;
      double s;
      double c;
      if (compact) {
        long step = StateBytes.readVarint(in);
        int kind = (int) (step & ((1 << kindBits) - 1));
        long at = previous + (step >>> kindBits);
        i = at > Integer.MAX_VALUE ? -1 : (int) at;
        if (kind == COUNT) {
          s = StateBytes.readVarint(in);
        } else if (kind == PLAIN || kind == ROUNDED) {
          s = in.readDouble();
        } else {
          throw new IOException("cell " + i + " is of kind " + kind + "; the kinds are 0 to 2");
        }
        c = kind == ROUNDED ? in.readDouble() : 0.0;
      } else {
        i = in.readInt();
        s = in.readDouble();
        c = in.readDouble();
      }
      if (i < 0 || i >= size || i <= previous) {
        throw new IOException("cell " + i + " is out of order or outside 0.." + (size - 1));
      }
      cell.accept(i, s, c);
      previous = i;
    }
  }
}
