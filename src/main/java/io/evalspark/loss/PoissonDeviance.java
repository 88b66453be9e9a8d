package io.evalspark.loss;

/**
 * The unit Poisson deviance, {@code 2 (y log(y / p) - y + p)} with {@code y log(y / p) = 0} at
 * {@code y = 0}: the row term of scikit-learn's {@code mean_poisson_deviance}. Defined for a count
 * {@code y >= 0} and a rate {@code p > 0}; NaN elsewhere, so that a mean over such a row is
 * undefined, where scikit-learn raises an error.
 */
public final class PoissonDeviance implements PointLoss {
  private static final long serialVersionUID = 1L;

  @Override
  public double value(double y, double p) {
    if (!(y >= 0.0 && p > 0.0)) {
      return Double.NaN;
    }
    double ylogy = y == 0.0 ? 0.0 : y * Math.log(y / p);
    return 2.0 * (ylogy - y + p);
  }

  @Override
  public double gradient(double y, double p) {
    if (!(y >= 0.0 && p > 0.0)) {
      return Double.NaN;
    }
    return 2.0 * (1.0 - y / p);
  }
}
