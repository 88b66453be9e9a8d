package io.evalspark.metrics;

/** Checks of the arrays a row holds (labels, items, scores), for the states' reasons a row is invalid. */
final class RowValues {
  /**
   * What an id (an item, a label number) that fails {@link #finite} may be: the readers give NaN for
   * a null element and for a long no double holds exactly.
   */
  static final String NOT_EXACT = "null, NaN, infinite or a whole number beyond 2^53 (which no double holds exactly)";

  private RowValues() {}

  /** Whether no value is NaN or infinite. */
  static boolean finite(double[] values) {
    for (double v : values) {
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        return false;
      }
    }
    return true;
  }

  /** Whether every value is finite and at least 0. */
  static boolean nonNegative(double[] values) {
    for (double v : values) {
      if (!(v >= 0.0) || Double.isInfinite(v)) {
        return false;
      }
    }
    return true;
  }

  /** Whether every value is in [0, 1] (none NaN). */
  static boolean probabilities(double[] values) {
    for (double v : values) {
      if (!(v >= 0.0 && v <= 1.0)) {
        return false;
      }
    }
    return true;
  }

  /** Whether every value is 0 or 1. */
  static boolean zeroOrOne(double[] values) {
    for (double v : values) {
      if (v != 0.0 && v != 1.0) {
        return false;
      }
    }
    return true;
  }
}
