package io.evalspark.loss;

/**
 * {@code log(cosh(p - y))} (Keras {@code log_cosh}), computed as
 * {@code |e| + log1p(exp(-2|e|)) - log 2} so that large errors do not overflow.
 */
public final class LogCoshLoss implements PointLoss {
  private static final long serialVersionUID = 1L;
  private static final double LOG_2 = Math.log(2.0);

  @Override
  public double value(double y, double p) {
    double a = Math.abs(p - y);
    return a + Logs.log1p(Math.exp(-2.0 * a)) - LOG_2;
  }

  @Override
  public double gradient(double y, double p) {
    return Math.tanh(p - y);
  }
}
