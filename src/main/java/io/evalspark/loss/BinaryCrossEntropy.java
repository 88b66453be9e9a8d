package io.evalspark.loss;

/**
 * Binary cross-entropy (log loss) of a label y in [0, 1]. On probabilities, p is clipped to
 * {@code [1e-15, 1 - 1e-15]} so that a confident mistake costs about 34.5 rather than infinity;
 * on logits (raw margins z) it is computed exactly as {@code max(z, 0) - y z + log1p(exp(-|z|))}.
 */
public final class BinaryCrossEntropy implements PointLoss {
  private static final long serialVersionUID = 1L;
  /** Probabilities are clipped this far from 0 and 1. */
  public static final double EPSILON = 1e-15;
  private final boolean fromLogits;

  /** A log loss on probabilities, or on logits where {@code fromLogits}. */
  public BinaryCrossEntropy(boolean fromLogits) {
    this.fromLogits = fromLogits;
  }

  @Override
  public double value(double y, double p) {
    if (fromLogits) {
      return Logs.softplus(p) - y * p;
    }
    double q = clip(p);
    if (y == 1.0) {
      return -Math.log(q);
    }
    if (y == 0.0) {
      return -Math.log(1.0 - q);
    }
    return -(y * Math.log(q) + (1.0 - y) * Math.log(1.0 - q));
  }

  @Override
  public double gradient(double y, double p) {
    if (fromLogits) {
      return Logistic.sigmoid(p) - y;
    }
    double q = clip(p);
    return (q - y) / (q * (1.0 - q));
  }

  private static double clip(double p) {
    return Math.min(Math.max(p, EPSILON), 1.0 - EPSILON);
  }
}
