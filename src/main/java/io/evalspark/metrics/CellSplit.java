package io.evalspark.metrics;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A refinement pass's plan for one state: which cells of its ranking view hold pairs of unknown
 * order (or positives whose share of average precision is not known), each split into parts of
 * equally many doubles between its lowest and highest score. A pass counts the rows of those cells
 * into the parts ({@link SplitCounts}), and {@link #refine} puts the parts in the cells' place.
 * Every split cell holds at least two distinct scores, which fall in different parts, so passes
 * make progress until every cell is known; a cell of n parts a pass is known within log_n of its
 * doubles' count passes (at most 62 halvings of [0, 1]), however its scores spread. Within one
 * power of two, parts of equally many doubles are parts of equal width; parts of equal width would
 * split scores spread over many orders of magnitude (1e-300 to 1e-5 in the first bin) one order at
 * a time. A plan has at most {@code budget} parts (and two a cell at least), shared among its cells
 * by the weight of what each leaves unknown, so that one pass narrows the bounds by about the parts
 * a cell gets; a part's counts cost at most 64 bytes.
 */
public final class CellSplit implements Serializable {
  private static final long serialVersionUID = 1L;
  private final int[] cells;
  private final double[] lowest;
  private final double[] highest;
  private final int[] parts;
  /** Where each cell's parts start among all parts; the last entry is their number. */
  private final int[] offset;
  /** The most slots of [0, 1] a plan marks and indexes. */
  private static final int SLOTS_MOST = 1 << 20;
  /**
   * The equal slots of [0, 1] the plan marks and indexes: a power of two, four a cell (64 at
   * least, {@link #SLOTS_MOST} at most), so that a slot holds the start of about one cell and the
   * plan of a slice of few cells stays small.
   */
  private final int slots;
  /**
   * One bit a slot: set where a split cell reaches into the slot, so that most rows outside the
   * split cells are turned away by one read of a table that stays in the cache (128 KB at most).
   */
  private final long[] covered;
  /**
   * Entry s: the first cell whose lowest score lies in slot s or a later one; the last entry is
   * the cells' number. A row's cell is then found among the cells starting in its slot, or is the
   * one before them, without a search over many. Built where the plan is first used (four bytes a
   * slot), not sent with it.
   */
  private transient volatile int[] firstOfSlot;
  /**
   * Entry i: the parts of cell i a double of it moves up by, 1 / {@link #doublesPerPart}; built
   * where the plan is first used, not sent with it. The rounded product keeps the parts in the
   * doubles' order, and a cell's highest score at least one part above its lowest.
   */
  private transient volatile double[] partsPerDouble;

  private CellSplit(int[] cells, double[] lowest, double[] highest, int[] parts) {
    this.cells = cells;
    this.lowest = lowest;
    this.highest = highest;
    this.parts = parts;
    this.offset = new int[parts.length + 1];
    for (int i = 0; i < parts.length; i++) {
      offset[i + 1] = offset[i] + parts[i];
    }
    this.slots = Math.min(SLOTS_MOST, Math.max(64, Integer.highestOneBit(Math.max(1, 4 * cells.length - 1)) << 1));
    this.covered = new long[slots / 64];
    for (int c = 0; c < lowest.length; c++) {
      for (int slot = slotOf(lowest[c]); slot <= slotOf(highest[c]); slot++) {
        covered[slot >>> 6] |= 1L << slot;
      }
    }
  }

  private int slotOf(double p) {
    return Math.min(Math.max((int) (p * slots), 0), slots - 1);
  }

  /** {@link #firstOfSlot}, built on first use. */
  private int[] firstOfSlot() {
    int[] first = firstOfSlot;
    if (first == null) {
      first = new int[slots + 1];
      int c = 0;
      for (int slot = 0; slot <= slots; slot++) {
        while (c < lowest.length && slotOf(lowest[c]) < slot) {
          c++;
        }
        first[slot] = c;
      }
      firstOfSlot = first; // a task that built it too meanwhile built the same table
    }
    return first;
  }

  /**
   * The cells of {@code view} to split: those of unknown order when its ROC AUC bounds are wider
   * than {@code tolerance}, those whose positives' share is not known when its average precision
   * bounds are ({@code widths} are the view's), into at most {@code budget} parts; null when there
   * is nothing to split.
   */
  public static CellSplit of(HistogramView view, RankingMetrics.Widths widths, double tolerance, int budget) {
    boolean auc = widths.rocAuc() > tolerance;
    boolean ap = widths.averagePrecision() > tolerance;
    int filled = view.filled();
    int[] chosen = new int[filled];
    double[] unknown = new double[filled]; // the weight of what each chosen cell leaves unknown
    int n = 0;
    for (int k = 0; k < filled; k++) {
      boolean unknownPairs = auc && view.order(k) == HistogramView.Order.UNKNOWN;
      boolean unknownShare = ap && !view.positivesShareOneScore(k) && !view.twoPositivesApart(k);
      if ((unknownPairs || unknownShare) && view.lowest(k) < view.highest(k)) {
        double positives = view.positives(k);
        // the pairs a positive is in: with a negative (the ROC AUC's), with another positive or with
        // itself (average precision's, whose share needs each positive's own place)
        unknown[n] = positives * (view.negatives(k) + 1) + positives * positives;
        chosen[n++] = k;
      }
    }
    if (n == 0) {
      return null;
    }
    if (n > budget / 2) { // the most uncertain first (the first cells of those as uncertain); the rest wait
      double[] sorted = Arrays.copyOf(unknown, n);
      Arrays.sort(sorted);
      double cutoff = sorted[n - budget / 2];
      int above = 0;
      for (int i = 0; i < n; i++) {
        above += unknown[i] > cutoff ? 1 : 0;
      }
      int ties = budget / 2 - above;
      int m = 0;
      for (int i = 0; i < n; i++) {
        if (unknown[i] > cutoff || (unknown[i] == cutoff && ties-- > 0)) {
          chosen[m] = chosen[i];
          unknown[m++] = unknown[i];
        }
      }
      n = m;
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += unknown[i];
    }
    int[] cells = Arrays.copyOf(chosen, n);
    double[] lowest = new double[n];
    double[] highest = new double[n];
    int[] parts = new int[n];
    int spare = budget - 2 * n;
    for (int i = 0; i < n; i++) {
      lowest[i] = view.lowest(cells[i]);
      highest[i] = view.highest(cells[i]);
      parts[i] = 2 + (int) (spare * (unknown[i] / total));
    }
    return new CellSplit(cells, lowest, highest, parts);
  }

  /** Empty counts for this plan. */
  public SplitCounts emptyCounts() {
    return new SplitCounts(this);
  }

  /** The parts of all cells. */
  int parts() {
    return offset[parts.length];
  }

  /** Whether the plan splits cell {@code k} of its view. */
  boolean splits(int k) {
    return Arrays.binarySearch(cells, k) >= 0; // the cells are in ascending order, as refine reads them
  }

  /** The part a probability falls in, as an index over all split cells' parts; -1 if in none. */
  int partOf(double p) {
    int slot = slotOf(p);
    if ((covered[slot >>> 6] & (1L << slot)) == 0) {
      return -1;
    }
    int[] first = firstOfSlot();
    // the last cell starting at or below p: among those starting in its slot, or the one before them
    int i = Arrays.binarySearch(lowest, first[slot], first[slot + 1], p);
    if (i < 0) {
      i = -i - 2;
    }
    if (i < 0 || p > highest[i]) {
      return -1;
    }
    long part = (long) ((order(p) - order(lowest[i])) * partsPerDouble()[i]); // a product, not a long's division
    return offset[i] + (int) Math.min(Math.max(part, 0), parts[i] - 1);
  }

  /** {@link #partsPerDouble}, built on first use. */
  private double[] partsPerDouble() {
    double[] per = partsPerDouble;
    if (per == null) {
      per = new double[parts.length];
      for (int i = 0; i < per.length; i++) {
        per[i] = 1.0 / doublesPerPart(i);
      }
      partsPerDouble = per; // a task that built it too meanwhile built the same array
    }
    return per;
  }

  /**
   * A score's place among the doubles of [0, 1]: its bits, which order the doubles from 0 up as
   * they order the numbers (-0.0 as 0.0).
   */
  private static long order(double p) {
    return Double.doubleToRawLongBits(p + 0.0);
  }

  /**
   * How many doubles each part of cell {@code i} holds: {@code d / parts + 1} of the cell's {@code d
   * + 1}, so that its parts are at most {@code parts}, its lowest and highest score fall apart, and
   * a part holds one double where the cell holds fewer doubles than parts.
   */
  private long doublesPerPart(int i) {
    return (order(highest[i]) - order(lowest[i])) / parts[i] + 1;
  }

  /** {@code view} with each split cell replaced by its non-empty parts. */
  public HistogramView refine(HistogramView view, SplitCounts counts) {
    int n = view.filled();
    int reached = counts.reachedParts();
    int m = n - cells.length;
    for (int r = 0; r < reached; r++) {
      m += isFilled(counts, r) ? 1 : 0;
    }
    double[] edge = new double[m];
    double[] pos = new double[m];
    double[] neg = new double[m];
    double[] ranges = new double[ScoreRanges.WIDTH * m];
    int out = 0;
    int next = 0;
    int r = 0; // the next reached part, in ascending order as the cells and their parts are
    for (int k = 0; k < n; k++) {
      if (next < cells.length && cells[next] == k) {
        long step = doublesPerPart(next);
        for (; r < reached && counts.part(r) < offset[next + 1]; r++) {
          if (isFilled(counts, r)) {
            edge[out] = Double.longBitsToDouble(order(lowest[next]) + (counts.part(r) - offset[next]) * step);
            pos[out] = counts.positives(r);
            neg[out] = counts.negatives(r);
            counts.copyRanges(r, ranges, ScoreRanges.WIDTH * out);
            out++;
          }
        }
        next++;
      } else {
        edge[out] = view.edge(k);
        pos[out] = view.positives(k);
        neg[out] = view.negatives(k);
        int at = ScoreRanges.WIDTH * out;
        ranges[at] = view.lowestPositive(k);
        ranges[at + 1] = view.highestPositive(k);
        ranges[at + 2] = view.lowestNegative(k);
        ranges[at + 3] = view.highestNegative(k);
        out++;
      }
    }
    return new HistogramView(view.bins(), edge, pos, neg, ranges, view.rowsWeighOne());
  }

  /** Whether the r-th reached part of {@code counts} holds any weight. */
  private static boolean isFilled(SplitCounts counts, int r) {
    return counts.positives(r) != 0.0 || counts.negatives(r) != 0.0;
  }
}
