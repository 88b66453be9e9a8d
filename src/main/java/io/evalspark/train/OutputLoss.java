package io.evalspark.train;

import java.io.Serializable;

/**
 * A loss of one row on a network's output layer: its value from the output pre-activations z and
 * activations a, and its derivative in z, which backpropagation starts from.
 */
public interface OutputLoss extends Serializable {
  /** The loss of label {@code y}. */
  double value(double y, double[] z, double[] a);

  /** Writes dLoss/dz into {@code dz}. */
  void gradient(double y, double[] z, double[] a, double[] dz);
}
