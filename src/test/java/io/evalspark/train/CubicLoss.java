package io.evalspark.train;

import io.evalspark.loss.PointLoss;

/** A user's loss, as a user would write one: {@code |p - y|^3} with its derivative. */
public final class CubicLoss implements PointLoss {
  private static final long serialVersionUID = 1L;

  @Override
  public double value(double y, double p) {
    return Math.pow(Math.abs(p - y), 3);
  }

  @Override
  public double gradient(double y, double p) {
    return 3 * (p - y) * Math.abs(p - y);
  }
}
