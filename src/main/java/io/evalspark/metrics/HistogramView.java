package io.evalspark.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * A read-only view of a {@link ScoreHistogram}: the weight of positives and negatives per bin, and
 * what follows from them with thresholds at bin edges. Because binning keeps the order of scores in
 * different bins, only a positive and a negative in the same bin have an unknown order.
 */
public final class HistogramView {
  private final double[] positives;
  private final double[] negatives;
  private final double totalPositives;
  private final double totalNegatives;

  HistogramView(double[] positives, double[] negatives, double totalPositives, double totalNegatives) {
    this.positives = positives;
    this.negatives = negatives;
    this.totalPositives = totalPositives;
    this.totalNegatives = totalNegatives;
  }

  /** The number of bins. */
  public int bins() {
    return positives.length;
  }

  /** The weight of positives in bin {@code b}. */
  public double positives(int b) {
    return positives[b];
  }

  /** The weight of negatives in bin {@code b}. */
  public double negatives(int b) {
    return negatives[b];
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
    for (int b = 0; b < bins(); b++) {
      ordered.add(positives[b] * negativesBelow.value());
      sameBin.add(positives[b] * negatives[b]);
      negativesBelow.add(negatives[b]);
      positiveTotal.add(positives[b]);
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
    for (int b = bins() - 1; b >= 0; b--) {
      if (positives[b] == 0.0 && negatives[b] == 0.0) {
        continue;
      }
      tp.add(positives[b]);
      fp.add(negatives[b]);
      points.add(new Point((double) b / bins(), tp.value(), fp.value()));
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
