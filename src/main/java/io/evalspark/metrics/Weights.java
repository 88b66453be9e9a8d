package io.evalspark.metrics;

/** The rule every task applies to a row weight. */
public final class Weights {
  private Weights() {}

  /** Why a weight cannot be used, or null when it can: it must be a finite number {@code >= 0}. */
  static String invalidReason(Double weight) {
    return weight == null ? invalidReason(Double.NaN) : invalidReason(weight.doubleValue());
  }

  /** The same rule for a primitive weight, NaN standing for null. */
  public static String invalidReason(double weight) {
    if (Double.isNaN(weight) || Double.isInfinite(weight) || weight < 0.0) {
      return "weight is null, NaN, negative or infinite";
    }
    return null;
  }
}
