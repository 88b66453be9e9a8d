package io.evalspark.metrics;


/**
 * Ranking metrics over a score histogram's view, as scikit-learn defines them
 * (https://scikit-learn.org/stable/modules/model_evaluation.html), with certified bounds: the exact
 * value over the unbinned scores (ties counted half) lies between each lower and upper bound.
 */
public final class RankingMetrics {
  private RankingMetrics() {}

  /**
   * Area under the ROC curve: pairs whose order the cells prove count as they are (a tie half),
   * pairs of unknown order in one cell half (the trapezoidal area).
   */
  public static double rocAuc(HistogramView h) {
    HistogramView.Pairs p = h.pairs();
    return (p.ordered() + 0.5 * p.unknown()) / p.all();
  }

  /** A certified lower bound of the exact ROC AUC: every pair of unknown order counted as misordered. */
  public static double rocAucLower(HistogramView h) {
    HistogramView.Pairs p = h.pairs();
    return p.ordered() / p.all();
  }

  /** A certified upper bound of the exact ROC AUC: every pair of unknown order counted as ordered. */
  public static double rocAucUpper(HistogramView h) {
    HistogramView.Pairs p = h.pairs();
    return (p.ordered() + p.unknown()) / p.all();
  }

  /**
   * Average precision, the sum over thresholds of (recall step) x precision, as scikit-learn
   * defines it (tied scores one threshold). A cell whose positives share one score, with its
   * negatives above, below or level with it, adds exactly its share, and so does a cell of two
   * positives apart ({@link HistogramView#twoPositivesApart}); any other cell is taken as
   * one threshold at its lowest score, its negatives counted above its positives unless the ranges
   * prove them below. NaN without positives.
   */
  public static double averagePrecision(HistogramView h) {
    return averagePrecisions(h)[0];
  }

  /**
   * A certified lower bound of the exact average precision: in every cell whose share is not
   * known, the negatives that may rank above its positives do, and its positives have distinct
   * scores. A positive of weight w that has x of its cell's positive weight at or above it (itself
   * included) adds (w / P) (A + x) / (A + x + C), where A and C are the positive and negative weight
   * it ranks below; that term rises with x, so over the cell the sum is at least the integral of
   * (A + x) / (A + x + C) dx from 0 to the cell's positive weight n, which is
   * n - C log((A + n + C) / (A + C)). NaN without positives.
   */
  public static double averagePrecisionLower(HistogramView h) {
    return averagePrecisions(h)[1];
  }

  /**
   * A certified upper bound of the exact average precision: in every cell whose share is not known,
   * its positives tie at its top score, and only the negatives that must rank above them do. NaN
   * without positives.
   */
  public static double averagePrecisionUpper(HistogramView h) {
    return averagePrecisions(h)[2];
  }

  /** How far apart the certified bounds of the ROC AUC and of the average precision are. */
  public record Widths(double rocAuc, double averagePrecision) {
    /** Whether both are at most {@code tolerance} (NaN widths, of a missing class, are). */
    public boolean within(double tolerance) {
      return !(rocAuc > tolerance) && !(averagePrecision > tolerance);
    }
  }

  /** The widths of {@code h}'s bounds: the same bounds as above, each sweep of the cells made once. */
  public static Widths widths(HistogramView h) {
    HistogramView.Pairs p = h.pairs();
    double[] ap = averagePrecisions(h);
    return new Widths((p.ordered() + p.unknown()) / p.all() - p.ordered() / p.all(), ap[2] - ap[1]);
  }

  /** Average precision, its lower bound and its upper bound, from one sweep of the cells, made once a view. */
  private static double[] averagePrecisions(HistogramView h) {
    double[] values = h.averagePrecisions;
    if (values == null) {
      values = sweepAveragePrecisions(h);
      h.averagePrecisions = values;
    }
    return values;
  }

  private static double[] sweepAveragePrecisions(HistogramView h) {
    if (h.totalPositives() == 0.0) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    CompensatedSum value = new CompensatedSum();
    CompensatedSum lower = new CompensatedSum();
    CompensatedSum upper = new CompensatedSum();
    CompensatedSum tpAbove = new CompensatedSum();
    CompensatedSum fpAbove = new CompensatedSum();
    for (int k = h.filled() - 1; k >= 0; k--) {
      double n = h.positives(k);
      double neg = h.negatives(k);
      double a = tpAbove.value();
      double c = fpAbove.value();
      if (n > 0.0) {
        double known = Double.NaN;
        if (h.positivesShareOneScore(k)) {
          known = n * (a + n) / (a + n + c + h.negativesAtOrAboveTheirScore(k));
        } else if (h.twoPositivesApart(k)) {
          double above = c + (h.order(k) == HistogramView.Order.NEGATIVES_ABOVE ? neg : 0.0);
          known = (a + 1) / (a + 1 + above) + (a + 2) / (a + 2 + above);
        }
        if (!Double.isNaN(known)) {
          value.add(known);
          lower.add(known);
          upper.add(known);
        } else {
          HistogramView.Order order = h.order(k);
          double mustBeAbove = order == HistogramView.Order.NEGATIVES_ABOVE ? neg : 0.0;
          double mayBeAbove = order == HistogramView.Order.POSITIVES_ABOVE ? 0.0 : neg;
          value.add(n * (a + n) / (a + n + c + mayBeAbove));
          upper.add(n * (a + n) / (a + n + c + mustBeAbove));
          double below = c + mayBeAbove;
          lower.add(below == 0.0 ? n : n - below * Math.log((a + n + below) / (a + below)));
        }
      }
      tpAbove.add(n);
      fpAbove.add(neg);
    }
    double p = h.totalPositives();
    return new double[] {value.value() / p, lower.value() / p, upper.value() / p};
  }

  /**
   * Area under the precision-recall curve by the trapezoidal rule, starting at recall 0 with the
   * first point's precision (as Spark MLlib's areaUnderPR); NaN without positives.
   */
  public static double prAuc(HistogramView h) {
    if (h.pointCount() == 0 || h.totalPositives() == 0.0) {
      return Double.NaN;
    }
    CompensatedSum area = new CompensatedSum();
    double[] before = {0.0, Double.NaN}; // the recall and precision of the point before, or of none
    boolean[] first = {true};
    h.points((threshold, tp, fp) -> {
      double recall = tp / h.totalPositives();
      double precision = tp / (tp + fp);
      area.add((recall - before[0]) * (precision + (first[0] ? precision : before[1])) / 2.0);
      first[0] = false;
      before[0] = recall;
      before[1] = precision;
    });
    return area.value();
  }
}
