package io.evalspark.loss;

/**
 * Binary focal cross-entropy as Keras's {@code BinaryFocalCrossentropy} defines it (Lin et al.
 * 2017): {@code a_t (1 - p_t)^gamma bce(y, p)}, where {@code p_t = y p + (1 - y)(1 - p)}, {@code
 * bce} is {@link BinaryCrossEntropy} (on logits where the scores are logits, p then being their
 * sigmoid), and {@code a_t = y alpha + (1 - y)(1 - alpha)} with class balancing, 1 without it.
 * Gamma 0 without class balancing is the log loss.
 */
public final class FocalLoss implements PointLoss {
  private static final long serialVersionUID = 1L;
  /** Keras's default focusing parameter. */
  public static final double DEFAULT_GAMMA = 2.0;
  /** What a class-balancing alpha must be. */
  public static final String ALPHA_RULE = "focal alpha must be in [0, 1]";

  private final double gamma;
  private final double alpha;
  private final boolean fromLogits;
  private final BinaryCrossEntropy crossEntropy;

  /**
   * The focal loss with focusing parameter {@code gamma >= 0} and, unless {@code alpha} is NaN,
   * class balancing by {@code alpha} in [0, 1], of probabilities or, where {@code fromLogits}, logits.
   */
  public FocalLoss(double gamma, double alpha, boolean fromLogits) {
    if (!(gamma >= 0.0 && !Double.isInfinite(gamma))) {
      throw new IllegalArgumentException("focal gamma must be a finite number >= 0, got " + gamma);
    }
    if (!Double.isNaN(alpha) && !(alpha >= 0.0 && alpha <= 1.0)) {
      throw new IllegalArgumentException(ALPHA_RULE + ", got " + alpha);
    }
    this.gamma = gamma;
    this.alpha = alpha;
    this.fromLogits = fromLogits;
    this.crossEntropy = new BinaryCrossEntropy(fromLogits);
  }

  @Override
  public double value(double y, double score) {
    return ofCrossEntropy(y, fromLogits ? Logistic.sigmoid(score) : score, crossEntropy.value(y, score));
  }

  /**
   * The loss of a row whose probability is {@code p} and whose {@link BinaryCrossEntropy} is
   * {@code crossEntropy}, for callers that already computed it.
   */
  public double ofCrossEntropy(double y, double p, double crossEntropy) {
    return balance(y) * focus(1.0 - pTrue(y, p)) * crossEntropy;
  }

  @Override
  public double gradient(double y, double score) {
    double p = fromLogits ? Logistic.sigmoid(score) : score;
    double dp = fromLogits ? p * (1.0 - p) : 1.0;
    double miss = 1.0 - pTrue(y, p);
    double focus = focus(miss);
    double dFocus = gamma == 0.0 ? 0.0 : -gamma * Math.pow(miss, gamma - 1.0) * (2.0 * y - 1.0) * dp;
    return balance(y) * (dFocus * crossEntropy.value(y, score) + focus * crossEntropy.gradient(y, score));
  }

  /**
   * {@code miss^gamma}: at gamma 2 (Keras's default) a product, the correctly rounded square, which
   * {@code Math.pow} gives within an ulp, without its call a row.
   */
  private double focus(double miss) {
    return gamma == 2.0 ? miss * miss : Math.pow(miss, gamma);
  }

  private static double pTrue(double y, double p) {
    return y * p + (1.0 - y) * (1.0 - p);
  }

  private double balance(double y) {
    return Double.isNaN(alpha) ? 1.0 : y * alpha + (1.0 - y) * (1.0 - alpha);
  }
}
