package io.evalspark.loss;

/**
 * Hinge loss of a raw margin p against a label y of -1 or 1 (a label 0 counts as -1, as in Keras):
 * {@code max(0, 1 - y p)}, or its square where {@code squared} ({@code squared_hinge}).
 */
public final class HingeLoss implements PointLoss {
  private static final long serialVersionUID = 1L;
  private final boolean squared;

  /** The hinge loss, or the squared hinge loss. */
  public HingeLoss(boolean squared) {
    this.squared = squared;
  }

  /** The signed label: -1 for a label of 0 or -1, 1 for 1. */
  public static double signed(double y) {
    return y == 0.0 ? -1.0 : y;
  }

  @Override
  public double value(double y, double p) {
    double gap = Math.max(0.0, 1.0 - signed(y) * p);
    return squared ? gap * gap : gap;
  }

  @Override
  public double gradient(double y, double p) {
    double s = signed(y);
    double gap = Math.max(0.0, 1.0 - s * p);
    if (gap == 0.0) {
      return 0.0;
    }
    return squared ? -2.0 * s * gap : -s;
  }
}
