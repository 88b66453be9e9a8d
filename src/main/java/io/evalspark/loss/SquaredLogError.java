package io.evalspark.loss;

/**
 * {@code (log1p(p) - log1p(y))^2}: the row term of scikit-learn's {@code mean_squared_log_error}
 * (Keras's {@code msle}). Defined for y and p above -1; NaN elsewhere, so that the mean of rows
 * that include such a row is undefined, where scikit-learn raises an error.
 */
public final class SquaredLogError implements PointLoss {
  private static final long serialVersionUID = 1L;

  @Override
  public double value(double y, double p) {
    if (!(y > -1.0 && p > -1.0)) {
      return Double.NaN;
    }
    double d = Logs.log1p(p) - Logs.log1p(y);
    return d * d;
  }

  @Override
  public double gradient(double y, double p) {
    if (!(y > -1.0 && p > -1.0)) {
      return Double.NaN;
    }
    return 2.0 * (Logs.log1p(p) - Logs.log1p(y)) / (1.0 + p);
  }
}
