package io.evalspark.train;

/**
 * Categorical cross-entropy of a class index y over softmax(z), computed from the logits:
 * {@code log(sum_k exp(z_k)) - z_y}, with derivative {@code softmax(z) - onehot(y)}. The same
 * whether the softmax is the model's output or applied by the loss ({@code --from-logits}).
 */
final class SoftmaxCrossEntropy implements OutputLoss {
  private static final long serialVersionUID = 1L;

  @Override
  public double value(double y, double[] z, double[] a) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0.0;
    for (double v : z) {
      sum += Math.exp(v - max);
    }
    return max + Math.log(sum) - z[(int) y];
  }

  @Override
  public void gradient(double y, double[] z, double[] a, double[] dz) {
    Activation.softmax(z, dz, z.length);
    dz[(int) y] -= 1.0;
  }
}
