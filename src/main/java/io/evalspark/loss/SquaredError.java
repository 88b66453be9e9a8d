package io.evalspark.loss;

/** {@code (p - y)^2}: the row term of mean squared error. */
public final class SquaredError implements PointLoss {
  private static final long serialVersionUID = 1L;

  @Override
  public double value(double y, double p) {
    double e = p - y;
    return e * e;
  }

  @Override
  public double gradient(double y, double p) {
    return 2.0 * (p - y);
  }
}
