package io.evalspark.train;

import io.evalspark.loss.PointLoss;

/**
 * A pointwise loss on a single output. On activations, the chain rule goes through the output
 * activation: {@code dL/dz = dL/da * da/dz}. On logits (binary cross-entropy, which is exact and
 * stable that way whether the sigmoid is in the model or in the loss) it reads z directly.
 */
final class PointOutputLoss implements OutputLoss {
  private static final long serialVersionUID = 1L;
  private final PointLoss loss;
  private final Activation output;
  private final boolean onLogits;

  PointOutputLoss(PointLoss loss, Activation output, boolean onLogits) {
    this.loss = loss;
    this.output = output;
    this.onLogits = onLogits;
  }

  @Override
  public double value(double y, double[] z, double[] a) {
    return loss.value(y, onLogits ? z[0] : a[0]);
  }

  @Override
  public void gradient(double y, double[] z, double[] a, double[] dz) {
    dz[0] = onLogits ? loss.gradient(y, z[0]) : loss.gradient(y, a[0]) * output.derivative(z[0], a[0]);
  }
}
