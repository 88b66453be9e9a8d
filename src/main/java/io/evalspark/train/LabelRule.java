package io.evalspark.train;

/** Which labels a loss can take; a row with another label is refused before training starts. */
public enum LabelRule {
  /** Any finite number (regression losses). */
  FINITE("a finite number"),
  /** 0 or 1 (binary cross-entropy, and any loss on a sigmoid output, whose metrics are binary). */
  ZERO_OR_ONE("0 or 1"),
  /** -1 or 1, or 0 taken as -1 (hinge losses). */
  SIGNED("-1 or 1 (0 is taken as -1)"),
  /** A count or rate of at least 0 (Poisson). */
  NON_NEGATIVE("a number >= 0"),
  /** A whole class index from 0 to classes - 1 (categorical cross-entropy). */
  CLASS_INDEX("a whole class index from 0 to classes - 1");

  private final String expected;

  LabelRule(String expected) {
    this.expected = expected;
  }

  /** What a label must be, in words. */
  public String expected() {
    return expected;
  }

  /** Whether {@code y} is a label this rule takes, with {@code classes} classes where that matters. */
  public boolean accepts(double y, int classes) {
    if (Double.isNaN(y) || Double.isInfinite(y)) {
      return false;
    }
    switch (this) {
      case ZERO_OR_ONE: return y == 0.0 || y == 1.0;
      case SIGNED: return y == -1.0 || y == 0.0 || y == 1.0;
      case NON_NEGATIVE: return y >= 0.0;
      case CLASS_INDEX: return y >= 0.0 && y == Math.rint(y) && (classes <= 0 || y < classes);
      default: return true;
    }
  }
}
