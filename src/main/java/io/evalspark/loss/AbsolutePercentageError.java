package io.evalspark.loss;

/**
 * {@code |p - y| / max(|y|, eps)} with eps the double machine epsilon: the row term of mean
 * absolute percentage error as scikit-learn defines it (a fraction, not multiplied by 100).
 */
public final class AbsolutePercentageError implements PointLoss {
  private static final long serialVersionUID = 1L;
  private static final double EPSILON = Math.ulp(1.0);

  @Override
  public double value(double y, double p) {
    return Math.abs(p - y) / Math.max(Math.abs(y), EPSILON);
  }

  @Override
  public double gradient(double y, double p) {
    return Math.signum(p - y) / Math.max(Math.abs(y), EPSILON);
  }
}
