package io.evalspark.metrics;


/**
 * A read-only view of scores in cells: a {@link ScoreHistogram}'s non-empty bins, or the finer
 * cells of a refinement, in ascending order. Each cell has its lower edge, the weight of positives
 * and negatives in it, and the lowest and highest score of each class in it. Cells keep the order
 * of scores in different cells, so only a positive and a negative in the same cell can have an
 * unknown order; the score ranges often prove it: a true tie (one score for both classes) or all
 * positives above, or below, all negatives.
 */
public final class HistogramView {
  /** How a cell's positives and negatives are ordered. */
  public enum Order {
    /** Only one class has weight here: no pair in the cell. */
    ONE_CLASS,
    /** One score for both classes: every pair ties, counting half. */
    TIE,
    /** Every positive scores above every negative. */
    POSITIVES_ABOVE,
    /** Every negative scores above every positive. */
    NEGATIVES_ABOVE,
    /** The ranges overlap: the pairs' order is not known. */
    UNKNOWN
  }

  private final int bins;
  private final double[] edge;
  private final double[] positives;
  private final double[] negatives;
  /** Per cell: lowest and highest positive score, lowest and highest negative score. */
  private final double[] ranges;
  private final double totalPositives;
  private final double totalNegatives;
  /** Whether every row weighs 1, so that a cell's weight of a class is its number of rows. */
  private final boolean rowsWeighOne;
  /**
   * What sweeps of the cells found, kept because the view never changes and a report asks for them
   * several times (a refinement's views hold millions of cells): null until first asked for.
   */
  private volatile Pairs pairs;
  /** Average precision and its bounds ({@link RankingMetrics}); null until first asked for. */
  volatile double[] averagePrecisions;

  HistogramView(int bins, double[] edge, double[] positives, double[] negatives, double[] ranges) {
    this(bins, edge, positives, negatives, ranges, false);
  }

  HistogramView(int bins, double[] edge, double[] positives, double[] negatives, double[] ranges,
      boolean rowsWeighOne) {
    this.rowsWeighOne = rowsWeighOne;
    this.bins = bins;
    this.edge = edge;
    this.positives = positives;
    this.negatives = negatives;
    this.ranges = ranges;
    CompensatedSum p = new CompensatedSum();
    CompensatedSum n = new CompensatedSum();
    for (int k = 0; k < edge.length; k++) {
      p.add(positives[k]);
      n.add(negatives[k]);
    }
    this.totalPositives = p.value();
    this.totalNegatives = n.value();
  }

  /**
   * The same cells, of rows that each weigh 1 (an evaluation without a weight column): then a cell
   * holding two positives whose lowest and highest scores differ holds one at each.
   */
  public HistogramView ofRowsThatWeighOne() {
    return new HistogramView(bins, edge, positives, negatives, ranges, true);
  }

  /** Whether every row weighs 1 ({@link #ofRowsThatWeighOne}). */
  boolean rowsWeighOne() {
    return rowsWeighOne;
  }

  /** The number of bins of the first pass's histogram, empty ones included. */
  public int bins() {
    return bins;
  }

  /** How many cells hold any weight. */
  public int filled() {
    return edge.length;
  }

  /** The lower edge of the k-th cell, in ascending order. */
  public double edge(int k) {
    return edge[k];
  }

  /** The weight of positives in the k-th cell. */
  public double positives(int k) {
    return positives[k];
  }

  /** The weight of negatives in the k-th cell. */
  public double negatives(int k) {
    return negatives[k];
  }

  /** The lowest positive score in the k-th cell (negative infinity when not known). */
  public double lowestPositive(int k) {
    return ranges[4 * k];
  }

  /** The highest positive score in the k-th cell (positive infinity when not known). */
  public double highestPositive(int k) {
    return ranges[4 * k + 1];
  }

  /** The lowest negative score in the k-th cell. */
  public double lowestNegative(int k) {
    return ranges[4 * k + 2];
  }

  /** The highest negative score in the k-th cell. */
  public double highestNegative(int k) {
    return ranges[4 * k + 3];
  }

  /** The lowest score in the k-th cell, or its lower edge when the ranges are not known. */
  public double lowest(int k) {
    double low = Math.min(positives[k] > 0 ? lowestPositive(k) : Double.POSITIVE_INFINITY,
        negatives[k] > 0 ? lowestNegative(k) : Double.POSITIVE_INFINITY);
    return Double.isInfinite(low) ? edge[k] : low;
  }

  /** The highest score in the k-th cell, or its lower edge when the ranges are not known. */
  public double highest(int k) {
    double high = Math.max(positives[k] > 0 ? highestPositive(k) : Double.NEGATIVE_INFINITY,
        negatives[k] > 0 ? highestNegative(k) : Double.NEGATIVE_INFINITY);
    return Double.isInfinite(high) ? edge[k] : high;
  }

  /** The weight of all positives. */
  public double totalPositives() {
    return totalPositives;
  }

  /** The weight of all negatives. */
  public double totalNegatives() {
    return totalNegatives;
  }

  /** How the k-th cell's positives and negatives are ordered, as far as its score ranges prove. */
  public Order order(int k) {
    if (positives[k] == 0.0 || negatives[k] == 0.0) {
      return Order.ONE_CLASS;
    }
    double pLow = lowestPositive(k);
    double pHigh = highestPositive(k);
    double nLow = lowestNegative(k);
    double nHigh = highestNegative(k);
    if (pLow == pHigh && nLow == nHigh && pLow == nLow) {
      return Order.TIE;
    }
    if (pLow > nHigh) {
      return Order.POSITIVES_ABOVE;
    }
    return pHigh < nLow ? Order.NEGATIVES_ABOVE : Order.UNKNOWN;
  }

  /**
   * Whether the k-th cell's positives share one score and its negatives all rank above, below or
   * level with it: then the cell adds an exactly known amount to average precision, and that score
   * is a threshold whose counts are known.
   */
  public boolean positivesShareOneScore(int k) {
    if (positives[k] == 0.0) {
      return true;
    }
    double s = lowestPositive(k);
    if (s != highestPositive(k)) {
      return false;
    }
    return negatives[k] == 0.0 || highestNegative(k) < s || lowestNegative(k) > s
        || (lowestNegative(k) == s && highestNegative(k) == s);
  }

  /**
   * Whether the k-th cell holds two positives of distinct scores, each of weight 1, with its
   * negatives (if any) all above or all below both: then each positive is a threshold of its own
   * whose counts are known, and the cell adds an exactly known amount to average precision.
   */
  public boolean twoPositivesApart(int k) {
    if (!rowsWeighOne || positives[k] != 2.0 || lowestPositive(k) == highestPositive(k)) {
      return false;
    }
    Order order = order(k);
    return order == Order.ONE_CLASS || order == Order.POSITIVES_ABOVE || order == Order.NEGATIVES_ABOVE;
  }

  /** The negative weight of the k-th cell that scores at or above its positives' one score. */
  double negativesAtOrAboveTheirScore(int k) {
    return negatives[k] == 0.0 || highestNegative(k) < lowestPositive(k) ? 0.0 : negatives[k];
  }

  /**
   * Weight of (positive, negative) pairs whose order is known (a tie counting half), of those whose
   * order is not, and of all pairs (NaN when a class is missing); swept once, as the ROC AUC and its
   * bounds all ask for them.
   */
  public Pairs pairs() {
    Pairs p = pairs;
    if (p == null) {
      p = sweepPairs();
      pairs = p;
    }
    return p;
  }

  private Pairs sweepPairs() {
    CompensatedSum negativesBelow = new CompensatedSum();
    CompensatedSum ordered = new CompensatedSum();
    CompensatedSum unknown = new CompensatedSum();
    for (int k = 0; k < edge.length; k++) {
      ordered.add(positives[k] * negativesBelow.value());
      double inCell = positives[k] * negatives[k];
      switch (order(k)) {
        case TIE -> ordered.add(0.5 * inCell);
        case POSITIVES_ABOVE -> ordered.add(inCell);
        case UNKNOWN -> unknown.add(inCell);
        default -> { } // no pairs, or none ordered
      }
      negativesBelow.add(negatives[k]);
    }
    double all = totalPositives * totalNegatives;
    return new Pairs(ordered.value(), unknown.value(), all == 0.0 ? Double.NaN : all);
  }

  /** Pair weights: ordered (ties counting half), of unknown order, and in all. */
  public record Pairs(double ordered, double unknown, double all) {}

  /** Receives the points of a sweep, one call each, with nothing allocated per point. */
  @FunctionalInterface
  public interface PointSink {
    /** A threshold and the weight of positives ({@code tp}) and negatives ({@code fp}) at or above it. */
    void at(double threshold, double tp, double fp);
  }

  /** How many points {@link #points} gives: one per cell. */
  public int pointCount() {
    return edge.length;
  }

  /**
   * One point per cell, from the highest score down: the cell's lowest score as the threshold,
   * and the weight of positives and negatives at or above it.
   */
  public void points(PointSink sink) {
    CompensatedSum tp = new CompensatedSum();
    CompensatedSum fp = new CompensatedSum();
    for (int k = edge.length - 1; k >= 0; k--) {
      tp.add(positives[k]);
      fp.add(negatives[k]);
      sink.at(lowest(k), tp.value(), fp.value());
    }
  }

  /**
   * The thresholds whose counts are known, from the highest down: each cell's lowest score, and a
   * cell's positives' one score where they share one. These include every distinct positive score
   * once no cell holds two of them; the operating points are best at one of those.
   */
  public void thresholds(PointSink sink) {
    CompensatedSum tp = new CompensatedSum();
    CompensatedSum fp = new CompensatedSum();
    for (int k = edge.length - 1; k >= 0; k--) {
      if (positives[k] > 0.0 && positivesShareOneScore(k) && lowestPositive(k) > lowest(k)) {
        sink.at(lowestPositive(k), tp.value() + positives[k], fp.value() + negativesAtOrAboveTheirScore(k));
      }
      tp.add(positives[k]);
      fp.add(negatives[k]);
      sink.at(lowest(k), tp.value(), fp.value());
    }
  }
}
