package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoreHistogramTest {
  private static ScoreHistogram histogram(int bins, double[] y, double[] s, double[] w) {
    ScoreHistogram h = new ScoreHistogram(bins);
    for (int i = 0; i < y.length; i++) h.update(s[i], y[i] == 1.0, w[i]);
    return h;
  }

  @Test
  void scikitLearnDocumentedExample() {
    // scikit-learn's documented example: roc_auc_score = 0.75, average_precision_score = 0.8333...
    double[] y = {0, 0, 1, 1};
    double[] s = {0.1, 0.4, 0.35, 0.8};
    ScoreHistogram h = histogram(10_000, y, s, new double[] {1, 1, 1, 1});
    assertEquals(0.75, RankingMetrics.rocAuc(h.view()), 1e-15);
    assertEquals(0.75, RankingMetrics.rocAucLower(h.view()), 1e-15);
    assertEquals(0.75, RankingMetrics.rocAucUpper(h.view()), 1e-15);
    // AP by hand: thresholds 0.8 (R=1/2, P=1), 0.4 (R=1/2, P=1/2), 0.35 (R=1, P=2/3): 1/2*1 + 1/2*2/3
    assertEquals(0.5 + 1.0 / 3, RankingMetrics.averagePrecision(h.view()), 1e-15);
  }

  @Test
  void prAucIsTheTrapezoidOverThePrPoints() {
    double[] y = {0, 0, 1, 1};
    double[] s = {0.1, 0.4, 0.35, 0.8};
    ScoreHistogram h = histogram(10_000, y, s, new double[] {1, 1, 1, 1});
    // Points (recall, precision) from the top: (0, 1) start, (1/2, 1), (1/2, 1/2), (1, 2/3), (1, 1/2).
    double area = 0.5 * (1 + 1) / 2 + 0 + 0.5 * (0.5 + 2.0 / 3) / 2 + 0;
    assertEquals(area, RankingMetrics.prAuc(h.view()), 1e-15);
  }

  @Test
  void boundsAlwaysContainTheExactAucWithTiesAndCoarseBins() {
    Random r = new Random(42);
    for (int trial = 0; trial < 40; trial++) {
      int n = 300 + r.nextInt(300);
      int bins = 1 + r.nextInt(trial % 2 == 0 ? 20 : 5000);
      double[] y = new double[n];
      double[] s = new double[n];
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = r.nextDouble() < 0.4 ? 1 : 0;
        double raw = Math.min(1.0, Math.max(0.0, 0.5 + 0.25 * r.nextGaussian() + 0.2 * y[i]));
        s[i] = trial % 3 == 0 ? Math.round(raw * 40) / 40.0 : raw; // many exact ties in a third
        w[i] = trial % 4 == 0 ? 0.5 + r.nextInt(4) : 1.0;
      }
      double exact = Reference.rocAuc(y, s, w);
      ScoreHistogram h = histogram(bins, y, s, w);
      assertTrue(RankingMetrics.rocAucLower(h.view()) <= exact + 1e-12 && exact <= RankingMetrics.rocAucUpper(h.view()) + 1e-12,
          "trial " + trial + ": " + RankingMetrics.rocAucLower(h.view()) + " <= " + exact + " <= " + RankingMetrics.rocAucUpper(h.view()));
      assertTrue(RankingMetrics.rocAucLower(h.view()) <= RankingMetrics.rocAuc(h.view()) && RankingMetrics.rocAuc(h.view()) <= RankingMetrics.rocAucUpper(h.view()));
    }
  }

  @Test
  void averagePrecisionBoundsAlwaysContainTheExactValue() {
    Random r = new Random(99);
    for (int trial = 0; trial < 40; trial++) {
      int n = 200 + r.nextInt(400);
      int bins = 1 + r.nextInt(trial % 2 == 0 ? 10 : 3000);
      double[] y = new double[n];
      double[] s = new double[n];
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = r.nextDouble() < 0.3 ? 1 : 0;
        double raw = Math.min(1.0, Math.max(0.0, 0.45 + 0.2 * r.nextGaussian() + 0.2 * y[i]));
        s[i] = trial % 3 == 0 ? Math.round(raw * 25) / 25.0 : raw;
        w[i] = trial % 4 == 1 ? 0.25 + r.nextInt(5) : 1.0;
      }
      double exact = Reference.averagePrecision(y, s, w);
      ScoreHistogram h = histogram(bins, y, s, w);
      assertTrue(RankingMetrics.averagePrecisionLower(h.view()) <= exact + 1e-12 && exact <= RankingMetrics.averagePrecisionUpper(h.view()) + 1e-12,
          "trial " + trial + ": " + RankingMetrics.averagePrecisionLower(h.view()) + " <= " + exact + " <= " + RankingMetrics.averagePrecisionUpper(h.view()));
      assertTrue(RankingMetrics.averagePrecisionLower(h.view()) <= RankingMetrics.averagePrecision(h.view()) && RankingMetrics.averagePrecision(h.view()) <= RankingMetrics.averagePrecisionUpper(h.view()));
    }
  }

  @Test
  void averagePrecisionBoundsByHandInOneBin() {
    // One bin, two positives around one negative (0.3 and 0.9 around 0.5), so their order is not
    // known from the ranges. Best order: both positives tied on top, precision 2/2 -> AP 1. Worst:
    // negative first, then the positives at distinct scores: 1/2 and 2/3 -> AP 7/12; the bound is
    // the integral (2 - ln 3) / 2 = 0.4507..., below 7/12.
    ScoreHistogram h = histogram(1, new double[] {1, 1, 0}, new double[] {0.3, 0.9, 0.5}, new double[] {1, 1, 1});
    assertEquals(HistogramView.Order.UNKNOWN, h.view().order(0));
    assertEquals(1.0, RankingMetrics.averagePrecisionUpper(h.view()), 1e-15);
    assertEquals((2 - Math.log(3)) / 2, RankingMetrics.averagePrecisionLower(h.view()), 1e-15);
  }

  @Test
  void theScoreRangesProveTheOrderInABin() {
    // Positives 0.3 and 0.5 below a negative at 0.9: the negative ranks first for certain, so the
    // best case is the positives tied below it, precision 2/3 -> upper bound 2/3; the exact AP is
    // 1/2 * 1/2 + 1/2 * 2/3 = 7/12, and every pair is misordered: AUC 0 exactly.
    ScoreHistogram below = histogram(1, new double[] {1, 1, 0}, new double[] {0.3, 0.5, 0.9}, new double[] {1, 1, 1});
    assertEquals(HistogramView.Order.NEGATIVES_ABOVE, below.view().order(0));
    assertEquals(2.0 / 3, RankingMetrics.averagePrecisionUpper(below.view()), 1e-15);
    assertTrue(RankingMetrics.averagePrecisionLower(below.view()) <= 7.0 / 12);
    assertEquals(0.0, RankingMetrics.rocAucLower(below.view()));
    assertEquals(0.0, RankingMetrics.rocAucUpper(below.view()));
    // A positive at 0.7 above negatives at 0.2 and 0.4: AUC 1 and AP 1, both exact.
    ScoreHistogram above = histogram(1, new double[] {1, 0, 0}, new double[] {0.7, 0.2, 0.4}, new double[] {1, 1, 1});
    assertEquals(1.0, RankingMetrics.rocAucLower(above.view()));
    assertEquals(1.0, RankingMetrics.averagePrecisionLower(above.view()), 1e-15);
    assertEquals(1.0, RankingMetrics.averagePrecisionUpper(above.view()), 1e-15);
    // A true tie: one positive and two negatives, all at 0.6: AUC 1/2 and AP 1/3, both exact.
    ScoreHistogram tie = histogram(1, new double[] {1, 0, 0}, new double[] {0.6, 0.6, 0.6}, new double[] {1, 1, 1});
    assertEquals(0.5, RankingMetrics.rocAucLower(tie.view()));
    assertEquals(0.5, RankingMetrics.rocAucUpper(tie.view()));
    assertEquals(1.0 / 3, RankingMetrics.averagePrecisionLower(tie.view()), 1e-15);
    assertEquals(1.0 / 3, RankingMetrics.averagePrecisionUpper(tie.view()), 1e-15);
  }

  @Test
  void exactWhenEveryBinHoldsOneDistinctScore() {
    // Scores on bin centres: binning loses nothing, so every area equals its exact value.
    Random r = new Random(7);
    int bins = 1000;
    int n = 2000;
    double[] y = new double[n];
    double[] s = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextDouble() < 0.3 ? 1 : 0;
      int bin = Math.min(bins - 1, Math.max(0, (int) (bins * (0.45 + 0.2 * r.nextGaussian() + 0.15 * y[i]))));
      s[i] = (bin + 0.5) / bins;
      w[i] = 1 + r.nextInt(3);
    }
    ScoreHistogram h = histogram(bins, y, s, w);
    double exact = Reference.rocAuc(y, s, w);
    assertEquals(exact, RankingMetrics.rocAuc(h.view()), 1e-12);
    assertEquals(Reference.averagePrecision(y, s, w), RankingMetrics.averagePrecision(h.view()), 1e-12);
  }

  @Test
  void undefinedWithoutBothClasses() {
    ScoreHistogram h = histogram(10, new double[] {1, 1}, new double[] {0.2, 0.7}, new double[] {1, 1});
    assertTrue(Double.isNaN(RankingMetrics.rocAuc(h.view())));
    ScoreHistogram negativesOnly = histogram(10, new double[] {0, 0}, new double[] {0.2, 0.7}, new double[] {1, 1});
    assertTrue(Double.isNaN(RankingMetrics.averagePrecision(negativesOnly.view())));
    assertTrue(Double.isNaN(RankingMetrics.prAuc(negativesOnly.view())));
  }

  @Test
  void rocCurveRunsFromOriginToOneOneAndIsThinned() {
    Random r = new Random(3);
    ScoreHistogram h = new ScoreHistogram(10_000);
    for (int i = 0; i < 20_000; i++) h.update(r.nextDouble(), r.nextBoolean(), 1.0);
    double[] fpr = RankingCurves.roc(h.view(), 200).columns().get("fpr");
    double[] tpr = RankingCurves.roc(h.view(), 200).columns().get("tpr");
    assertTrue(fpr.length <= 200, "points: " + fpr.length);
    assertEquals(0.0, fpr[0]);
    assertEquals(0.0, tpr[0]);
    assertEquals(1.0, fpr[fpr.length - 1], 1e-15);
    assertEquals(1.0, tpr[tpr.length - 1], 1e-15);
    for (int i = 1; i < fpr.length; i++) assertTrue(fpr[i] >= fpr[i - 1] && tpr[i] >= tpr[i - 1]);
  }

  @Test
  void histogramsOfDifferentSizesDoNotMerge() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ScoreHistogram(10).merge(new ScoreHistogram(20)));
    assertTrue(e.getMessage().contains("10 and 20 bins"));
  }
}
