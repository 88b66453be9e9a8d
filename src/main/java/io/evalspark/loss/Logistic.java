package io.evalspark.loss;

/** The logistic function, turning a raw margin into a probability without overflow. */
public final class Logistic {
  private Logistic() {}

  /** {@code 1 / (1 + exp(-z))}. */
  public static double sigmoid(double z) {
    if (z >= 0) {
      return 1.0 / (1.0 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1.0 + e);
  }
}
