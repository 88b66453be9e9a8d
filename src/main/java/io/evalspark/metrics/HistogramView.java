package io.evalspark.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * A read-only view of a {@link ScoreHistogram}: its non-empty bins in ascending order, each with
 * the weight of positives and negatives in it, and what follows from them with thresholds at bin
 * edges. Because binning keeps the order of scores in different bins, only a positive and a
 * negative in the same bin have an unknown order. Empty bins add nothing to any formula, so only the
 * non-empty ones are held.
 */
public final class HistogramView {
  private final int bins;
  private final int[] bin;
  private final double[] positives;
  private final double[] negatives;
  private final double totalPositives;
  private final double totalNegatives;

  HistogramView(int bins, int[] bin, double[] positives, double[] negatives, double totalPositives,
      double totalNegatives) {
    this.bins = bins;
    this.bin = bin;
    this.positives = positives;
    this.negatives = negatives;
    this.totalPositives = totalPositives;
    this.totalNegatives = totalNegatives;
  }

  /** The number of bins, empty ones included. */
  public int bins() {
    return bins;
  }

  /** How many bins hold any weight. */
  public int filled() {
    return bin.length;
  }

  /** The bin index of the k-th non-empty bin, in ascending order. */
  public int bin(int k) {
    return bin[k];
  }

  /** The weight of positives in the k-th non-empty bin. */
  public double positives(int k) {
    return positives[k];
  }

  /** The weight of negatives in the k-th non-empty bin. */
  public double negatives(int k) {
    return negatives[k];
  }

  /** The weight of all positives. */
  public double totalPositives() {
    return totalPositives;
  }

  /** The weight of all negatives. */
  public double totalNegatives() {
    return totalNegatives;
  }

  /**
   * Weight of (positive, negative) pairs ordered across bins, within one bin, and in all (NaN when
   * a class is missing).
   */
  public Pairs pairs() {
    CompensatedSum negativesBelow = new CompensatedSum();
    CompensatedSum ordered = new CompensatedSum();
    CompensatedSum sameBin = new CompensatedSum();
    CompensatedSum positiveTotal = new CompensatedSum();
    for (int k = 0; k < bin.length; k++) {
      ordered.add(positives[k] * negativesBelow.value());
      sameBin.add(positives[k] * negatives[k]);
      negativesBelow.add(negatives[k]);
      positiveTotal.add(positives[k]);
    }
    double all = positiveTotal.value() * negativesBelow.value();
    return new Pairs(ordered.value(), sameBin.value(), all == 0.0 ? Double.NaN : all);
  }

  /** Pair weights: ordered across bins, in the same bin, and in all. */
  public record Pairs(double ordered, double sameBin, double all) {}

  /**
   * One point per non-empty bin, from the highest score down: its lower edge as the threshold, and
   * the weight of positives and negatives at or above it.
   */
  public List<Point> points() {
    List<Point> points = new ArrayList<>();
    CompensatedSum tp = new CompensatedSum();
    CompensatedSum fp = new CompensatedSum();
    for (int k = bin.length - 1; k >= 0; k--) {
      tp.add(positives[k]);
      fp.add(negatives[k]);
      points.add(new Point((double) bin[k] / bins, tp.value(), fp.value()));
    }
    return points;
  }

  /** A threshold and the positive and negative weight scored at or above it. */
  public record Point(double threshold, double tp, double fp) {
    /** tp / (tp + fp). */
    public double precision() {
      return tp / (tp + fp);
    }
  }
}
