package io.evalspark.metrics;

import java.util.Set;

/**
 * Which way is better for each metric: losses, errors and miscounts are better smaller; every other
 * metric (accuracy, AUC, F1, R², kappa...) is better larger.
 */
public final class MetricDirection {
  private static final Set<String> SMALLER_IS_BETTER = Set.of(
      "fp", "fn", "log_loss", "brier", "ece", "mse", "rmse", "mae", "mape", "max_error", "huber", "log_cosh");

  private MetricDirection() {}

  /** Whether a larger value of this metric is better. */
  public static boolean largerIsBetter(String metric) {
    return !SMALLER_IS_BETTER.contains(metric);
  }
}
