package io.evalspark.loss;

/** {@code |p - y|}: the row term of mean absolute error (gradient 0 at p = y). */
public final class AbsoluteError implements PointLoss {
  private static final long serialVersionUID = 1L;

  @Override
  public double value(double y, double p) {
    return Math.abs(p - y);
  }

  @Override
  public double gradient(double y, double p) {
    return Math.signum(p - y);
  }
}
