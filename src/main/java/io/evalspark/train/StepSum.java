package io.evalspark.train;

import java.io.Serializable;

/** One partition's share of a mini-batch: the weighted sums of gradients and losses, and the weight. */
final class StepSum implements Serializable {
  private static final long serialVersionUID = 1L;
  final double[] gradient;
  double loss;
  double weight;

  StepSum(int parameters) {
    gradient = new double[parameters];
  }

  /** Adds {@code other} into this sum. */
  StepSum merge(StepSum other) {
    for (int i = 0; i < gradient.length; i++) {
      gradient[i] += other.gradient[i];
    }
    loss += other.loss;
    weight += other.weight;
    return this;
  }

  /**
   * The gradient and loss of a partition's share of mini-batch {@code step} of {@code steps}: the
   * step's slice of its rows in the epoch's {@code order}.
   */
  static StepSum ofStep(FeatureBlock block, int[] order, int step, int steps, Network net, OutputLoss loss,
      double[] params) {
    int n = block.rows();
    return of(block, order, (int) ((long) n * step / steps), (int) ((long) n * (step + 1) / steps), net, loss, params);
  }

  /** The gradient and loss of a mini-batch share: rows {@code order[from..to)} of {@code block}. */
  private static StepSum of(FeatureBlock block, int[] order, int from, int to, Network net, OutputLoss loss, double[] params) {
    StepSum sum = new StepSum(params.length);
    Network.Workspace ws = net.workspace();
    double[] x = block.features();
    for (int k = from; k < to; k++) {
      int i = order[k];
      double w = block.weight(i);
      double y = block.label(i);
      net.forward(params, x, block.offset(i), ws);
      sum.loss += w * loss.value(y, ws.outputLogits(), ws.output());
      sum.weight += w;
      loss.gradient(y, ws.outputLogits(), ws.output(), ws.outputDelta());
      net.backward(params, ws, w, sum.gradient);
    }
    return sum;
  }
}
