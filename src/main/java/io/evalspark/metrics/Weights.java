package io.evalspark.metrics;

/** The rule every task applies to a row weight. */
final class Weights {
  private Weights() {}

  /** Why a weight cannot be used, or null when it can: it must be a finite number {@code >= 0}. */
  static String invalidReason(Double weight) {
    if (weight == null || weight.isNaN() || weight.isInfinite() || weight < 0.0) {
      return "weight is null, NaN, negative or infinite";
    }
    return null;
  }
}
