package io.evalspark.train;

import io.evalspark.core.Task;

/**
 * The output of a model, named as on the command line ({@code --model}): linear, logistic, softmax
 * and Poisson regression when there are no hidden layers.
 */
public enum ModelOutput {
  /** One unit, no activation: regression, or a margin for hinge losses. */
  LINEAR(Activation.LINEAR),
  /** One sigmoid unit: the probability of the positive class. */
  LOGISTIC(Activation.SIGMOID),
  /** One softmax unit per class. */
  SOFTMAX(Activation.SOFTMAX),
  /** One exponential unit: a positive rate, for the Poisson loss. */
  POISSON(Activation.EXPONENTIAL);

  private final Activation activation;

  ModelOutput(Activation activation) {
    this.activation = activation;
  }

  /** The output layer's activation. */
  public Activation activation() {
    return activation;
  }

  /** The task its predictions are evaluated as. */
  public Task task() {
    return this == LOGISTIC ? Task.BINARY : this == SOFTMAX ? Task.MULTICLASS : Task.REGRESSION;
  }
}
