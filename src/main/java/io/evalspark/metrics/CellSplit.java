package io.evalspark.metrics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A refinement pass's plan for one state: which cells of its ranking view hold pairs of unknown
 * order (or positives whose share of average precision is not known), each split into equal parts
 * between its lowest and highest score. A pass counts the rows of those cells into the parts
 * ({@link SplitCounts}), and {@link #refine} puts the parts in the cells' place. Every split cell
 * holds at least two distinct scores, which fall in different parts, so passes make progress until
 * every cell is known. A plan has at most {@code budget} parts (and two a cell at least), shared
 * among its cells by the weight of what each leaves unknown, so that one pass narrows the bounds
 * by about the parts a cell gets; a part's counts cost at most 64 bytes.
 */
public final class CellSplit implements Serializable {
  private static final long serialVersionUID = 1L;
  private final int[] cells;
  private final double[] lowest;
  private final double[] highest;
  private final int[] parts;
  /** Where each cell's parts start among all parts; the last entry is their number. */
  private final int[] offset;
  /** The first-pass bins, every cell lying in one of them. */
  private final int bins;
  /** The first split cell of each first-pass bin, or of a later one; the last entry is the cells' number. */
  private final int[] firstOfBin;

  private CellSplit(int bins, int[] cells, double[] lowest, double[] highest, int[] parts) {
    this.cells = cells;
    this.lowest = lowest;
    this.highest = highest;
    this.parts = parts;
    this.offset = new int[parts.length + 1];
    for (int i = 0; i < parts.length; i++) {
      offset[i + 1] = offset[i] + parts[i];
    }
    this.bins = bins;
    this.firstOfBin = new int[bins + 1];
    int i = 0;
    for (int b = 0; b <= bins; b++) {
      while (i < lowest.length && binOf(lowest[i]) < b) {
        i++;
      }
      firstOfBin[b] = i;
    }
  }

  private int binOf(double p) {
    return Math.min((int) (p * bins), bins - 1);
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
    List<double[]> chosen = new ArrayList<>(); // cell, weight of what it leaves unknown
    for (int k = 0; k < view.filled(); k++) {
      boolean unknownPairs = auc && view.order(k) == HistogramView.Order.UNKNOWN;
      boolean unknownShare = ap && !view.positivesShareOneScore(k);
      if ((unknownPairs || unknownShare) && view.lowest(k) < view.highest(k)) {
        chosen.add(new double[] {k, view.positives(k) * (view.negatives(k) + 1)});
      }
    }
    if (chosen.isEmpty()) {
      return null;
    }
    if (chosen.size() > budget / 2) { // the most uncertain first; the rest wait for a later pass
      chosen.sort(Comparator.comparingDouble((double[] c) -> -c[1]));
      chosen = new ArrayList<>(chosen.subList(0, budget / 2));
    }
    double unknown = 0;
    for (double[] c : chosen) {
      unknown += c[1];
    }
    chosen.sort(Comparator.comparingDouble((double[] c) -> c[0]));
    int n = chosen.size();
    int[] cells = new int[n];
    double[] lowest = new double[n];
    double[] highest = new double[n];
    int[] parts = new int[n];
    int spare = budget - 2 * n;
    for (int i = 0; i < n; i++) {
      cells[i] = (int) chosen.get(i)[0];
      lowest[i] = view.lowest(cells[i]);
      highest[i] = view.highest(cells[i]);
      parts[i] = 2 + (int) (spare * (chosen.get(i)[1] / unknown));
    }
    return new CellSplit(view.bins(), cells, lowest, highest, parts);
  }

  /** Empty counts for this plan. */
  public SplitCounts emptyCounts() {
    return new SplitCounts(this);
  }

  /** The parts of all cells. */
  int parts() {
    return offset[parts.length];
  }

  /** The part a probability falls in, as an index over all split cells' parts; -1 if in none. */
  int partOf(double p) {
    int bin = binOf(p); // a cell lies in one first-pass bin: search only that bin's cells
    int from = firstOfBin[bin];
    int to = firstOfBin[bin + 1];
    if (from == to) {
      return -1;
    }
    int i = Arrays.binarySearch(lowest, from, to, p);
    if (i < 0) {
      i = -i - 2; // the last cell starting below p
    }
    if (i < from || p > highest[i]) {
      return -1;
    }
    double width = highest[i] - lowest[i];
    int part = (int) ((p - lowest[i]) / width * parts[i]);
    return offset[i] + Math.min(Math.max(part, 0), parts[i] - 1);
  }

  /** {@code view} with each split cell replaced by its non-empty parts. */
  public HistogramView refine(HistogramView view, SplitCounts counts) {
    int n = view.filled();
    List<double[]> out = new ArrayList<>(); // edge, positives, negatives, 4 range values
    int next = 0;
    for (int k = 0; k < n; k++) {
      if (next < cells.length && cells[next] == k) {
        double step = (highest[next] - lowest[next]) / parts[next];
        for (int j = 0; j < parts[next]; j++) {
          int at = offset[next] + j;
          double pos = counts.positives(at);
          double neg = counts.negatives(at);
          if (pos != 0.0 || neg != 0.0) {
            double[] r = counts.ranges(at);
            out.add(new double[] {lowest[next] + j * step, pos, neg, r[0], r[1], r[2], r[3]});
          }
        }
        next++;
      } else {
        out.add(new double[] {view.edge(k), view.positives(k), view.negatives(k), view.lowestPositive(k),
            view.highestPositive(k), view.lowestNegative(k), view.highestNegative(k)});
      }
    }
    int m = out.size();
    double[] edge = new double[m];
    double[] pos = new double[m];
    double[] neg = new double[m];
    double[] ranges = new double[ScoreRanges.WIDTH * m];
    for (int i = 0; i < m; i++) {
      double[] c = out.get(i);
      edge[i] = c[0];
      pos[i] = c[1];
      neg[i] = c[2];
      System.arraycopy(c, 3, ranges, ScoreRanges.WIDTH * i, ScoreRanges.WIDTH);
    }
    return new HistogramView(view.bins(), edge, pos, neg, ranges);
  }
}
