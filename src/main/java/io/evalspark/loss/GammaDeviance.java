package io.evalspark.loss;

/**
 * The unit Gamma deviance, {@code 2 (log(p / y) + y / p - 1)}: the row term of scikit-learn's
 * {@code mean_gamma_deviance}. Defined for {@code y > 0} and {@code p > 0}; NaN elsewhere, so that
 * a mean over such a row is undefined, where scikit-learn raises an error.
 */
public final class GammaDeviance implements PointLoss {
  private static final long serialVersionUID = 1L;

  @Override
  public double value(double y, double p) {
    if (!(y > 0.0 && p > 0.0)) {
      return Double.NaN;
    }
    return 2.0 * (Math.log(p / y) + y / p - 1.0);
  }

  @Override
  public double gradient(double y, double p) {
    if (!(y > 0.0 && p > 0.0)) {
      return Double.NaN;
    }
    return 2.0 * (1.0 / p - y / (p * p));
  }
}
