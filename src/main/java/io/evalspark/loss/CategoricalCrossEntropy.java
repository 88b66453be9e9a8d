package io.evalspark.loss;

/**
 * Categorical cross-entropy of one row: {@code -log(p[y] / sum(p))}, the probabilities rescaled to
 * sum to one (as Keras and scikit-learn do) and clipped at {@link BinaryCrossEntropy#EPSILON}.
 */
public final class CategoricalCrossEntropy {
  private CategoricalCrossEntropy() {}

  /** The loss of true class {@code y} under {@code probabilities}, which must sum to more than 0. */
  public static double value(int y, double[] probabilities) {
    double sum = 0.0;
    for (double p : probabilities) {
      sum += p;
    }
    double q = Math.min(Math.max(probabilities[y] / sum, BinaryCrossEntropy.EPSILON), 1.0 - BinaryCrossEntropy.EPSILON);
    return -Math.log(q);
  }
}
