package io.evalspark.loss;

/**
 * Poisson loss of a count y >= 0 under a predicted rate p > 0 (Keras {@code poisson}):
 * {@code p - y log(p + 1e-7)}, the negative log-likelihood up to terms free of p.
 */
public final class PoissonLoss implements PointLoss {
  private static final long serialVersionUID = 1L;
  /** Added to the rate inside the logarithm, as Keras does, so that a rate of 0 stays finite. */
  public static final double EPSILON = 1e-7;

  @Override
  public double value(double y, double p) {
    return p - y * Math.log(p + EPSILON);
  }

  @Override
  public double gradient(double y, double p) {
    return 1.0 - y / (p + EPSILON);
  }
}
