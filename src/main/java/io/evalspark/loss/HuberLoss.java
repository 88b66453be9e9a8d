package io.evalspark.loss;

/**
 * Huber loss with threshold {@code delta} (Keras {@code Huber}): {@code 0.5 e^2} for
 * {@code |e| <= delta}, else {@code delta * (|e| - 0.5 delta)}, where {@code e = p - y}.
 */
public final class HuberLoss implements PointLoss {
  private static final long serialVersionUID = 1L;
  private final double delta;

  /** A Huber loss; {@code delta} must be positive. */
  public HuberLoss(double delta) {
    this.delta = checkedDelta(delta);
  }

  /** {@code delta}, checked as a Huber delta: a positive finite number. */
  public static double checkedDelta(double delta) {
    if (!(delta > 0.0) || Double.isInfinite(delta)) {
      throw new IllegalArgumentException("Huber delta must be a positive finite number, got " + delta);
    }
    return delta;
  }

  /** The threshold between the quadratic and the linear part. */
  public double delta() {
    return delta;
  }

  @Override
  public double value(double y, double p) {
    double a = Math.abs(p - y);
    return a <= delta ? 0.5 * a * a : delta * (a - 0.5 * delta);
  }

  @Override
  public double gradient(double y, double p) {
    double e = p - y;
    return Math.abs(e) <= delta ? e : delta * Math.signum(e);
  }
}
