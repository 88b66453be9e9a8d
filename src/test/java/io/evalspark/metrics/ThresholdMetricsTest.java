package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ThresholdMetricsTest {
  private static Confusion counts(int tp, int fp, int tn, int fn) {
    ConfusionCounts c = new ConfusionCounts();
    for (int i = 0; i < tp; i++) c.update(true, true, 1.0);
    for (int i = 0; i < fp; i++) c.update(false, true, 1.0);
    for (int i = 0; i < tn; i++) c.update(false, false, 1.0);
    for (int i = 0; i < fn; i++) c.update(true, false, 1.0);
    return c.view();
  }

  @Test
  void formulasMatchHandComputation() {
    // tp=3 fp=1 tn=4 fn=2, worked by hand from the definitions.
    Confusion c = counts(3, 1, 4, 2);
    assertEquals(7.0 / 10, ThresholdMetrics.accuracy(c), 1e-15);
    assertEquals(3.0 / 4, ThresholdMetrics.precision(c), 1e-15);
    assertEquals(3.0 / 5, ThresholdMetrics.recall(c), 1e-15);
    assertEquals(4.0 / 5, ThresholdMetrics.specificity(c), 1e-15);
    // F1 = 2PR/(P+R) = 2*(3/4)*(3/5)/(3/4+3/5) = 2/3
    assertEquals(2.0 / 3, ThresholdMetrics.fbeta(c, 1.0), 1e-15);
    // F2 = 5PR/(4P+R) = 5*(9/20)/(3+3/5) = 2.25/3.6 = 0.625
    assertEquals(0.625, ThresholdMetrics.fbeta(c, 2.0), 1e-15);
    assertEquals(0.7, ThresholdMetrics.balancedAccuracy(c), 1e-15);
    // MCC = (3*4 - 1*2) / sqrt(4*5*5*6)
    assertEquals(10.0 / Math.sqrt(600.0), ThresholdMetrics.mcc(c), 1e-15);
  }

  @Test
  void emptyDenominatorsGiveZeroAsScikitLearnDoes() {
    Confusion noPredictedPositives = counts(0, 0, 5, 3);
    assertEquals(0.0, ThresholdMetrics.precision(noPredictedPositives));
    assertEquals(0.0, ThresholdMetrics.fbeta(noPredictedPositives, 1.0));
    assertEquals(0.0, ThresholdMetrics.mcc(noPredictedPositives));
    assertEquals(5.0 / 8, ThresholdMetrics.accuracy(noPredictedPositives), 1e-15);
  }

  @Test
  void weightsCountAsRepeatedRows() {
    ConfusionCounts weighted = new ConfusionCounts();
    weighted.update(true, true, 3.0);
    weighted.update(false, true, 1.0);
    weighted.update(false, false, 4.0);
    weighted.update(true, false, 2.0);
    Confusion repeated = counts(3, 1, 4, 2);
    assertEquals(ThresholdMetrics.mcc(repeated), ThresholdMetrics.mcc(weighted.view()), 1e-15);
    assertEquals(ThresholdMetrics.fbeta(repeated, 0.5), ThresholdMetrics.fbeta(weighted.view(), 0.5), 1e-15);
  }
}
