package io.evalspark.train;

import io.evalspark.core.TrainingDivergedException;
import java.io.Serializable;

/**
 * One optimiser step from a mini-batch's merged sums, the same wherever it runs: on the driver
 * after a step's job, or in every task of an epoch's barrier stage ({@link BarrierEpoch}).
 */
final class StepUpdate implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Network net;
  private final double l2;

  StepUpdate(Network net, double l2) {
    this.net = net;
    this.l2 = l2;
  }

  /**
   * Moves {@code params} by the mean gradient of {@code sum} (its penalty included) with {@code
   * optimizer}; returns the mini-batch's loss, or NaN when it has no weight and the step is
   * skipped.
   *
   * @throws TrainingDivergedException when the loss, its gradient or a weight is not finite
   */
  double apply(StepSum sum, double[] params, Optimizer optimizer, int epoch, int step, int steps) {
    if (sum.weight == 0.0) {
      return Double.NaN;
    }
    double[] gradient = sum.gradient;
    for (int i = 0; i < gradient.length; i++) {
      gradient[i] /= sum.weight;
    }
    net.addPenaltyGradient(params, l2, gradient);
    double batchLoss = sum.loss / sum.weight + net.penalty(params, l2);
    boolean finite = Double.isFinite(batchLoss);
    for (int i = 0; finite && i < gradient.length; i++) {
      finite = Double.isFinite(gradient[i]);
    }
    if (!finite) {
      throw diverged("the loss became " + (Double.isFinite(batchLoss) ? "finite but its gradient is not" : batchLoss)
          + " at epoch " + (epoch + 1) + ", step " + (step + 1) + " of " + steps, optimizer);
    }
    optimizer.update(params, gradient);
    for (double w : params) {
      if (!Double.isFinite(w)) {
        throw diverged("a weight became " + w + " at epoch " + (epoch + 1) + ", step " + (step + 1) + " of " + steps,
            optimizer);
      }
    }
    return batchLoss;
  }

  /** Training's failure for {@code what}, with what to try instead. */
  static TrainingDivergedException diverged(String what, Optimizer optimizer) {
    return new TrainingDivergedException(what + ": training stopped and nothing was written. Try a lower"
        + " --learning-rate (now " + optimizer.learningRate() + "), standardised features, or a bounded loss");
  }
}
