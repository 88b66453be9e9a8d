package io.evalspark.train;

import io.evalspark.loss.PointLoss;

/** A user's loss whose gradient fails on a row labelled above 0.5: training fails in its first step. */
public final class FailingLoss implements PointLoss {
  private static final long serialVersionUID = 1L;

  @Override
  public double value(double y, double p) {
    return (p - y) * (p - y);
  }

  @Override
  public double gradient(double y, double p) {
    if (y > 0.5) {
      throw new IllegalStateException("the failing loss met a row labelled " + y);
    }
    return 2 * (p - y);
  }
}
