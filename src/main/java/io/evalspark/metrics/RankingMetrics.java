package io.evalspark.metrics;

import java.util.List;

/**
 * Ranking metrics over a score histogram's view, as scikit-learn defines them
 * (https://scikit-learn.org/stable/modules/model_evaluation.html), with certified bounds: the exact
 * value over the unbinned scores (ties counted half) lies between each lower and upper bound.
 */
public final class RankingMetrics {
  private RankingMetrics() {}

  /** Area under the ROC curve, pairs within one bin counted half (the trapezoidal area). */
  public static double rocAuc(HistogramView h) {
    HistogramView.Pairs p = h.pairs();
    return (p.ordered() + 0.5 * p.sameBin()) / p.all();
  }

  /** A certified lower bound of the exact ROC AUC: every same-bin pair counted as misordered. */
  public static double rocAucLower(HistogramView h) {
    HistogramView.Pairs p = h.pairs();
    return p.ordered() / p.all();
  }

  /** A certified upper bound of the exact ROC AUC: every same-bin pair counted as ordered. */
  public static double rocAucUpper(HistogramView h) {
    HistogramView.Pairs p = h.pairs();
    return (p.ordered() + p.sameBin()) / p.all();
  }

  /**
   * Average precision, the sum over thresholds of (recall step) x precision, with thresholds at the
   * lower edges of non-empty bins; NaN without positives.
   */
  public static double averagePrecision(HistogramView h) {
    if (h.totalPositives() == 0.0) {
      return Double.NaN;
    }
    CompensatedSum ap = new CompensatedSum();
    double previousRecall = 0.0;
    for (HistogramView.Point p : h.points()) {
      double recall = p.tp() / h.totalPositives();
      ap.add((recall - previousRecall) * p.precision());
      previousRecall = recall;
    }
    return ap.value();
  }

  /**
   * A certified lower bound of the exact average precision: in every bin, its negatives rank above
   * its positives and its positives have distinct scores. A positive of weight w that has x of its
   * bin's positive weight at or above it (itself included) adds (w / P) (A + x) / (A + x + C), where
   * A and C are the positive and negative weight it ranks below; that term rises with x, so over the
   * bin the sum is at least the integral of (A + x) / (A + x + C) dx from 0 to the bin's positive
   * weight n, which is n - C log((A + n + C) / (A + C)). NaN without positives.
   */
  public static double averagePrecisionLower(HistogramView h) {
    return averagePrecisionBound(h, true);
  }

  /**
   * A certified upper bound of the exact average precision: in every bin, its positives tie at its
   * top score and its negatives rank below them. NaN without positives.
   */
  public static double averagePrecisionUpper(HistogramView h) {
    return averagePrecisionBound(h, false);
  }

  private static double averagePrecisionBound(HistogramView h, boolean lower) {
    if (h.totalPositives() == 0.0) {
      return Double.NaN;
    }
    CompensatedSum bound = new CompensatedSum();
    CompensatedSum tpAbove = new CompensatedSum();
    CompensatedSum fpAbove = new CompensatedSum();
    for (int k = h.filled() - 1; k >= 0; k--) {
      double n = h.positives(k);
      double neg = h.negatives(k);
      double a = tpAbove.value();
      if (n > 0.0) {
        if (lower) {
          double c = fpAbove.value() + neg;
          bound.add(c == 0.0 ? n : n - c * Math.log((a + n + c) / (a + c)));
        } else {
          bound.add(n * (a + n) / (a + n + fpAbove.value()));
        }
      }
      tpAbove.add(n);
      fpAbove.add(neg);
    }
    return bound.value() / h.totalPositives();
  }

  /**
   * Area under the precision-recall curve by the trapezoidal rule, starting at recall 0 with the
   * first point's precision (as Spark MLlib's areaUnderPR); NaN without positives.
   */
  public static double prAuc(HistogramView h) {
    List<HistogramView.Point> points = h.points();
    if (points.isEmpty() || h.totalPositives() == 0.0) {
      return Double.NaN;
    }
    CompensatedSum area = new CompensatedSum();
    double recall = 0.0;
    double precision = points.get(0).precision();
    for (HistogramView.Point p : points) {
      double r = p.tp() / h.totalPositives();
      area.add((r - recall) * (p.precision() + precision) / 2.0);
      recall = r;
      precision = p.precision();
    }
    return area.value();
  }
}
