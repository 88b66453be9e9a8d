package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The losses reported as metrics (hinge, squared hinge, focal loss, squared log error, Poisson loss
 * and deviances, KL divergence), each against its definition computed here, or against the
 * documented examples of Keras and scikit-learn.
 */
class LossMetricsTest {
  private static final double[] Y = {0, 0, 1, 1, 1, 0};
  private static final double[] P = {0.1, 0.6, 0.35, 0.8, 0.9, 0.2};
  private static final double[] W = {1, 2, 0.5, 3, 1, 1.5};

  private static Map<String, Double> binary(BinarySettings settings, double[] y, double[] score, double[] w) {
    BinaryState s = new BinaryState(settings);
    for (int i = 0; i < y.length; i++) s.update(y[i], score[i], w[i]);
    return s.metrics();
  }

  private static double weightedMean(double[] terms, double[] w) {
    double sum = 0.0;
    double weight = 0.0;
    for (int i = 0; i < terms.length; i++) {
      sum += w[i] * terms[i];
      weight += w[i];
    }
    return sum / weight;
  }

  @Test
  void hingeLossesOfProbabilitiesByHand() {
    // Labels 0/1 read as -1/1: max(0, 1 - s p) is 1 + p for a negative, 1 - p for a positive.
    double[] gaps = {1.1, 1.6, 0.65, 0.2, 0.1, 1.2};
    double[] squares = new double[gaps.length];
    for (int i = 0; i < gaps.length; i++) squares[i] = gaps[i] * gaps[i];
    Map<String, Double> m = binary(BinarySettings.defaults(), Y, P, W);
    assertEquals(weightedMean(gaps, W), m.get("hinge"), 1e-15);
    assertEquals(weightedMean(squares, W), m.get("squared_hinge"), 1e-15);
  }

  @Test
  void focalLossByHandWithAndWithoutClassBalancing() {
    // p_t is the probability given to the true class; the loss is a_t (1 - p_t)^gamma (-log p_t).
    double[] pTrue = {0.9, 0.4, 0.35, 0.8, 0.9, 0.8};
    double[] plain = new double[pTrue.length];
    double[] balanced = new double[pTrue.length];
    double[] gammaHalf = new double[pTrue.length];
    for (int i = 0; i < pTrue.length; i++) {
      plain[i] = (1 - pTrue[i]) * (1 - pTrue[i]) * -Math.log(pTrue[i]);
      balanced[i] = (Y[i] == 1 ? 0.25 : 0.75) * plain[i];
      gammaHalf[i] = Math.sqrt(1 - pTrue[i]) * -Math.log(pTrue[i]);
    }
    BinarySettings d = BinarySettings.defaults();
    assertEquals(weightedMean(plain, W), binary(d, Y, P, W).get("focal_loss"), 1e-15);
    assertEquals(weightedMean(balanced, W), binary(d.focal(2.0, 0.25), Y, P, W).get("focal_loss"), 1e-15);
    assertEquals(weightedMean(gammaHalf, W), binary(d.focal(0.5, Double.NaN), Y, P, W).get("focal_loss"), 1e-15);
    Map<String, Double> gammaZero = binary(d.focal(0.0, Double.NaN), Y, P, W);
    assertEquals(gammaZero.get("log_loss"), gammaZero.get("focal_loss"), 1e-15, "gamma 0 is the log loss");
  }

  @Test
  void focalLossOfLogitsMatchesKerasDocumentedExample() {
    // Keras's BinaryFocalCrossentropy documentation: y_true [0, 1, 0, 0], logits [-18.6, 0.51, 2.94, -12.8],
    // gamma 2: 0.691; with class balancing (alpha 0.25): 0.51 (both given to three decimals).
    double[] y = {0, 1, 0, 0};
    double[] z = {-18.6, 0.51, 2.94, -12.8};
    double[] w = {1, 1, 1, 1};
    BinarySettings logits = new BinarySettings(0.5, true, 100, Double.NaN, 200);
    assertEquals(0.691, binary(logits, y, z, w).get("focal_loss"), 5e-4);
    assertEquals(0.51, binary(logits.focal(2.0, 0.25), y, z, w).get("focal_loss"), 5e-3);
  }

  @Test
  void focalSettingsAreCheckedNamingTheSetting() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> BinarySettings.defaults().focal(-1.0, Double.NaN));
    assertTrue(e.getMessage().startsWith("focal gamma must be"), e.getMessage());
    e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> BinarySettings.defaults().focal(2.0, 1.5));
    assertTrue(e.getMessage().startsWith("focal alpha must be in [0, 1]"), e.getMessage());
  }

  private static Map<String, Double> regression(double[] y, double[] p, double[] w) {
    RegressionState s = new RegressionState(RegressionSettings.defaults());
    for (int i = 0; i < y.length; i++) s.update(y[i], p[i], w[i]);
    return s.metrics();
  }

  @Test
  void regressionLossesMatchScikitLearnsDocumentedExamples() {
    double[] ones = {1, 1, 1, 1};
    // mean_squared_log_error([3, 5, 2.5, 7], [2.5, 5, 4, 8]) = 0.039...
    double[] y = {3, 5, 2.5, 7};
    double[] p = {2.5, 5, 4, 8};
    double msle = 0.0;
    for (int i = 0; i < 4; i++) msle += Math.pow(Math.log(1 + p[i]) - Math.log(1 + y[i]), 2) / 4;
    assertEquals(msle, regression(y, p, ones).get("msle"), 1e-15);
    assertEquals(0.0397, regression(y, p, ones).get("msle"), 1e-4);
    // mean_poisson_deviance([2, 0, 1, 4], [0.5, 0.5, 2., 2.]) = 1.4260...
    double[] counts = {2, 0, 1, 4};
    double[] rates = {0.5, 0.5, 2, 2};
    double poissonDeviance = 2 * (2 * Math.log(2 / 0.5) - 2 + 0.5 + 0.5 + Math.log(0.5) - 1 + 2
        + 4 * Math.log(2) - 4 + 2) / 4;
    assertEquals(poissonDeviance, regression(counts, rates, ones).get("mean_poisson_deviance"), 1e-14);
    assertEquals(1.4260, regression(counts, rates, ones).get("mean_poisson_deviance"), 1e-4);
    // mean_gamma_deviance([2, 0.5, 1, 4], [0.5, 0.5, 2., 2.]) = 1.0568...
    double[] positive = {2, 0.5, 1, 4};
    double gammaDeviance = 0.0;
    for (int i = 0; i < 4; i++) gammaDeviance += 2 * (Math.log(rates[i] / positive[i]) + positive[i] / rates[i] - 1) / 4;
    assertEquals(gammaDeviance, regression(positive, rates, ones).get("mean_gamma_deviance"), 1e-15);
    assertEquals(1.0568, regression(positive, rates, ones).get("mean_gamma_deviance"), 1e-4);
    // Keras's poisson: mean of p - y log(p + 1e-7), weighted.
    double[] w = {1, 3, 0.5, 2};
    double[] terms = new double[4];
    for (int i = 0; i < 4; i++) terms[i] = rates[i] - counts[i] * Math.log(rates[i] + 1e-7);
    assertEquals(weightedMean(terms, w), regression(counts, rates, w).get("poisson"), 1e-15);
  }

  @Test
  void aLossIsUndefinedWhereARowIsOutsideItsDomainAndTheOthersStayDefined() {
    double[] ones = {1, 1, 1};
    // A label of 0 leaves the Gamma deviance undefined, not the Poisson deviance.
    Map<String, Double> zero = regression(new double[] {0, 1, 2}, new double[] {0.5, 1, 2}, ones);
    assertTrue(zero.get("mean_gamma_deviance").isNaN());
    assertEquals(2 * 0.5 / 3, zero.get("mean_poisson_deviance"), 1e-15);
    // A label of -2 leaves both deviances and the squared log error undefined; the mse stays.
    Map<String, Double> negative = regression(new double[] {-2, 1, 2}, new double[] {0.5, 1, 2}, ones);
    assertTrue(negative.get("msle").isNaN());
    assertTrue(negative.get("mean_poisson_deviance").isNaN());
    assertTrue(negative.get("mean_gamma_deviance").isNaN());
    assertEquals(2.5 * 2.5 / 3, negative.get("mse"), 1e-15);
    // Undefined stays undefined through a merge with a state of rows inside every domain.
    RegressionState bad = new RegressionState(RegressionSettings.defaults());
    bad.update(-2.0, 0.5, 1.0);
    RegressionState good = new RegressionState(RegressionSettings.defaults());
    good.update(1.0, 2.0, 1.0);
    good.merge(bad);
    assertTrue(good.metrics().get("msle").isNaN());
  }

  @Test
  void klDivergenceOfClassLabelsIsMinusTheMeanLogProbabilityOfTheTrueClass() {
    MulticlassState s = new MulticlassState(new MulticlassSettings(3, false, true, 0));
    double[][] p = {{0.7, 0.2, 0.1}, {0.3, 0.6, 0.1}, {0.5, 0.25, 0.25}};
    double[] y = {0, 1, 2};
    double[] w = {1, 2, 0.5};
    double[] terms = new double[3];
    for (int i = 0; i < 3; i++) {
      s.update(y[i], null, p[i], w[i]);
      terms[i] = -Math.log(p[i][(int) y[i]]);
    }
    assertEquals(weightedMean(terms, w), s.metrics().get("kl_divergence"), 1e-15);
  }
}
