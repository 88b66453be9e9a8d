package io.evalspark.metrics;

/**
 * Metrics of a binary classifier at one threshold, one formula each, as scikit-learn defines them
 * (https://scikit-learn.org/stable/modules/model_evaluation.html). A ratio whose denominator is zero
 * is 0, as with scikit-learn's {@code zero_division=0}.
 */
public final class ThresholdMetrics {
  private ThresholdMetrics() {}

  /** (tp + tn) / all. */
  public static double accuracy(Confusion c) {
    return ratio(c.tp() + c.tn(), c.tp() + c.tn() + c.fp() + c.fn());
  }

  /** tp / (tp + fp). */
  public static double precision(Confusion c) {
    return ratio(c.tp(), c.tp() + c.fp());
  }

  /** tp / (tp + fn), the true positive rate. */
  public static double recall(Confusion c) {
    return ratio(c.tp(), c.tp() + c.fn());
  }

  /** tn / (tn + fp), the true negative rate. */
  public static double specificity(Confusion c) {
    return ratio(c.tn(), c.tn() + c.fp());
  }

  /** (1 + b^2) tp / ((1 + b^2) tp + b^2 fn + fp): the weighted harmonic mean of precision and recall. */
  public static double fbeta(Confusion c, double beta) {
    double b2 = beta * beta;
    return ratio((1 + b2) * c.tp(), (1 + b2) * c.tp() + b2 * c.fn() + c.fp());
  }

  /** The mean of recall and specificity. */
  public static double balancedAccuracy(Confusion c) {
    return (recall(c) + specificity(c)) / 2.0;
  }

  /** Matthews correlation coefficient; 0 where a margin is empty. */
  public static double mcc(Confusion c) {
    double d = Math.sqrt((c.tp() + c.fp()) * (c.tp() + c.fn()) * (c.tn() + c.fp()) * (c.tn() + c.fn()));
    return ratio(c.tp() * c.tn() - c.fp() * c.fn(), d);
  }

  static double ratio(double numerator, double denominator) {
    return denominator == 0.0 ? 0.0 : numerator / denominator;
  }
}
