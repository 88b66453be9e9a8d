package io.evalspark.loss;

/** The logarithms the losses and formulas share. */
public final class Logs {
  private Logs() {}

  /**
   * {@code log(1 + x)}, accurate for x near 0, within 2 ulps of {@link StrictMath#log1p} (which is
   * within 1 ulp of the exact value), and about half its cost: {@code 1 + x} rounds to some {@code
   * u}, and {@code log(u) * x / (u - 1)} corrects that rounding to first order. The regression
   * losses take it twice or three times a row.
   */
  public static double log1p(double x) {
    double u = 1.0 + x;
    if (u == 1.0) {
      return x; // |x| below half an ulp of 1, where log(1 + x) rounds to x (and -0.0 stays -0.0)
    }
    if (u == Double.POSITIVE_INFINITY) {
      return u;
    }
    return Math.log(u) * (x / (u - 1.0));
  }

  /** {@code log(1 + exp(z))} without overflow: {@code max(z, 0) + log1p(exp(-|z|))}. */
  public static double softplus(double z) {
    return Math.max(z, 0.0) + log1p(Math.exp(-Math.abs(z)));
  }
}
