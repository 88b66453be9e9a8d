package io.evalspark.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Weighted counts of positives and negatives in equal-width score bins over [0, 1]. ROC, PR and
 * their areas are derived from it with thresholds at bin edges. Because binning keeps the order of
 * scores in different bins, only pairs of a positive and a negative in the same bin have an unknown
 * order: the exact ROC AUC (ties counted half) lies between {@link #rocAucLower()} and
 * {@link #rocAucUpper()}, and {@link #rocAuc()} counts every such pair half.
 */
public final class ScoreHistogram {
  /** The default number of bins. */
  public static final int DEFAULT_BINS = 10_000;
  private final CompensatedArray positives;
  private final CompensatedArray negatives;

  /** An empty histogram of {@code bins} bins. */
  public ScoreHistogram(int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("a score histogram needs at least one bin, got " + bins);
    }
    positives = new CompensatedArray(bins);
    negatives = new CompensatedArray(bins);
  }

  private ScoreHistogram(CompensatedArray positives, CompensatedArray negatives) {
    this.positives = positives;
    this.negatives = negatives;
  }

  /** The number of bins. */
  public int bins() {
    return positives.size();
  }

  /** Counts one row: a score in [0, 1], its class, its weight. */
  public void update(double score, boolean positive, double w) {
    int bins = positives.size();
    int bin = Math.min((int) (score * bins), bins - 1);
    (positive ? positives : negatives).add(bin, w);
  }

  /** Adds another histogram of the same number of bins. */
  public void merge(ScoreHistogram other) {
    if (other.bins() != bins()) {
      throw new IllegalArgumentException(
          "cannot merge score histograms of " + bins() + " and " + other.bins() + " bins");
    }
    positives.merge(other.positives);
    negatives.merge(other.negatives);
  }

  /**
   * The score distribution per class in {@code bins} equal-width bins (fewer when the histogram has
   * fewer): each bin's lower and upper edge and the weight of negatives and positives in it.
   */
  public Curve distribution(int bins) {
    int fine = positives.size();
    int coarse = Math.min(bins, fine);
    double[][] columns = new double[4][coarse];
    for (int c = 0; c < coarse; c++) {
      columns[0][c] = (double) c / coarse;
      columns[1][c] = (c + 1.0) / coarse;
    }
    for (int b = 0; b < fine; b++) {
      int c = (int) ((long) b * coarse / fine);
      columns[2][c] += negatives.get(b);
      columns[3][c] += positives.get(b);
    }
    return new Curve(new String[] {"lower", "upper", "negatives", "positives"}, columns);
  }

  /** Area under the ROC curve, pairs within one bin counted half (the trapezoidal area). */
  public double rocAuc() {
    double[] parts = rocPairs();
    return (parts[0] + 0.5 * parts[1]) / parts[2];
  }

  /** A certified lower bound of the exact ROC AUC: every same-bin pair counted as misordered. */
  public double rocAucLower() {
    double[] parts = rocPairs();
    return parts[0] / parts[2];
  }

  /** A certified upper bound of the exact ROC AUC: every same-bin pair counted as ordered. */
  public double rocAucUpper() {
    double[] parts = rocPairs();
    return (parts[0] + parts[1]) / parts[2];
  }

  /** Weight of (positive, negative) pairs ordered across bins, within one bin, and in all. */
  private double[] rocPairs() {
    CompensatedSum negativesBelow = new CompensatedSum();
    CompensatedSum ordered = new CompensatedSum();
    CompensatedSum sameBin = new CompensatedSum();
    CompensatedSum positiveTotal = new CompensatedSum();
    for (int b = 0; b < bins(); b++) {
      double pos = positives.get(b);
      double neg = negatives.get(b);
      ordered.add(pos * negativesBelow.value());
      sameBin.add(pos * neg);
      negativesBelow.add(neg);
      positiveTotal.add(pos);
    }
    double pairs = positiveTotal.value() * negativesBelow.value();
    return new double[] {ordered.value(), sameBin.value(), pairs == 0.0 ? Double.NaN : pairs};
  }

  /**
   * Average precision as scikit-learn defines it, the sum over thresholds of (recall step) x
   * precision, with thresholds at the lower edges of non-empty bins; NaN without positives.
   */
  public double averagePrecision() {
    double[][] pr = precisionRecallPoints();
    CompensatedSum ap = new CompensatedSum();
    double previousRecall = 0.0;
    for (int i = 0; i < pr[0].length; i++) {
      ap.add((pr[1][i] - previousRecall) * pr[2][i]);
      previousRecall = pr[1][i];
    }
    return totalPositives() == 0.0 ? Double.NaN : ap.value();
  }

  /**
   * A certified lower bound of the exact average precision: in every bin, its negatives rank above
   * its positives and its positives have distinct scores. A positive of weight w that has x of its
   * bin's positive weight at or above it (itself included) adds (w / P) (A + x) / (A + x + C), where
   * A and C are the positive and negative weight it ranks below; that term rises with x, so over the
   * bin the sum is at least the integral of (A + x) / (A + x + C) dx from 0 to the bin's positive
   * weight n, which is n - C log((A + n + C) / (A + C)). NaN without positives.
   */
  public double averagePrecisionLower() {
    return averagePrecisionBound(true);
  }

  /**
   * A certified upper bound of the exact average precision: in every bin, its positives tie at its
   * top score and its negatives rank below them. NaN without positives.
   */
  public double averagePrecisionUpper() {
    return averagePrecisionBound(false);
  }

  private double averagePrecisionBound(boolean lower) {
    double positives = totalPositives();
    if (positives == 0.0) {
      return Double.NaN;
    }
    CompensatedSum bound = new CompensatedSum();
    CompensatedSum tpAbove = new CompensatedSum();
    CompensatedSum fpAbove = new CompensatedSum();
    for (int b = bins() - 1; b >= 0; b--) {
      double n = this.positives.get(b);
      double neg = negatives.get(b);
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
    return bound.value() / positives;
  }

  /**
   * Area under the precision-recall curve by the trapezoidal rule, starting at recall 0 with the
   * first point's precision (as Spark MLlib's areaUnderPR); NaN without positives.
   */
  public double prAuc() {
    double[][] pr = precisionRecallPoints();
    if (pr[0].length == 0 || totalPositives() == 0.0) {
      return Double.NaN;
    }
    CompensatedSum area = new CompensatedSum();
    double recall = 0.0;
    double precision = pr[2][0];
    for (int i = 0; i < pr[0].length; i++) {
      area.add((pr[1][i] - recall) * (pr[2][i] + precision) / 2.0);
      recall = pr[1][i];
      precision = pr[2][i];
    }
    return area.value();
  }

  /** The ROC curve (threshold, fpr, tpr) from (0, 0) to (1, 1), at most {@code maxPoints} points including the origin. */
  public Curve rocCurve(int maxPoints) {
    double[][] c = cumulative();
    double pos = totalPositives();
    double neg = negatives.total();
    List<double[]> points = new ArrayList<>();
    points.add(new double[] {Double.NaN, 0.0, 0.0});
    for (int i : sample(c[0].length, maxPoints - 1)) {
      points.add(new double[] {c[0][i], c[2][i] / neg, c[1][i] / pos});
    }
    return new Curve(new String[] {"threshold", "fpr", "tpr"}, columns(points, 3));
  }

  /** The precision-recall curve (threshold, recall, precision), at most {@code maxPoints} points including the origin. */
  public Curve prCurve(int maxPoints) {
    double[][] pr = precisionRecallPoints();
    List<double[]> points = new ArrayList<>();
    for (int i : sample(pr[0].length, maxPoints)) {
      points.add(new double[] {pr[0][i], pr[1][i], pr[2][i]});
    }
    return new Curve(new String[] {"threshold", "recall", "precision"}, columns(points, 3));
  }

  /** Thresholds, recall and precision at each non-empty bin, from the highest score down. */
  private double[][] precisionRecallPoints() {
    double[][] c = cumulative();
    double pos = totalPositives();
    int n = c[0].length;
    double[][] pr = new double[3][n];
    for (int i = 0; i < n; i++) {
      pr[0][i] = c[0][i];
      pr[1][i] = c[1][i] / pos;
      pr[2][i] = c[1][i] / (c[1][i] + c[2][i]);
    }
    return pr;
  }

  /** For each non-empty bin from the top: its lower edge, positives and negatives at or above it. */
  private double[][] cumulative() {
    List<double[]> rows = new ArrayList<>();
    CompensatedSum tp = new CompensatedSum();
    CompensatedSum fp = new CompensatedSum();
    for (int b = bins() - 1; b >= 0; b--) {
      double pos = positives.get(b);
      double neg = negatives.get(b);
      if (pos == 0.0 && neg == 0.0) {
        continue;
      }
      tp.add(pos);
      fp.add(neg);
      rows.add(new double[] {(double) b / bins(), tp.value(), fp.value()});
    }
    return columns(rows, 3);
  }

  private double totalPositives() {
    return positives.total();
  }

  /** Indices 0..n-1 thinned to about {@code maxPoints}, always keeping the last. */
  private static int[] sample(int n, int maxPoints) {
    int step = Math.max(1, (n + maxPoints - 1) / Math.max(1, maxPoints));
    List<Integer> kept = new ArrayList<>();
    for (int i = step - 1; i < n; i += step) {
      kept.add(i);
    }
    if (n > 0 && kept.get(kept.size() - 1) != n - 1) {
      kept.add(n - 1);
    }
    return kept.stream().mapToInt(Integer::intValue).toArray();
  }

  private static double[][] columns(List<double[]> rows, int width) {
    double[][] out = new double[width][rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < width; j++) {
        out[j][i] = rows.get(i)[j];
      }
    }
    return out;
  }

  void writeTo(DataOutput out) throws IOException {
    positives.writeTo(out);
    negatives.writeTo(out);
  }

  static ScoreHistogram readFrom(DataInput in) throws IOException {
    CompensatedArray pos = CompensatedArray.readFrom(in);
    return new ScoreHistogram(pos, CompensatedArray.readFrom(in));
  }
}
