package io.evalspark.spark;

import java.io.Serializable;

/**
 * One multiclass input row for Spark's bean encoder. The encoder orders properties by name, so the
 * aggregator's input columns are given in that order: label, prediction, probabilities, weight.
 */
public final class MulticlassRow implements Serializable {
  private static final long serialVersionUID = 1L;
  private Double label;
  private Double prediction;
  private double[] probabilities;
  private Double weight;

  /** The true class index. */
  public Double getLabel() {
    return label;
  }

  /** Sets the true class index. */
  public void setLabel(Double label) {
    this.label = label;
  }

  /** The predicted class index, or null. */
  public Double getPrediction() {
    return prediction;
  }

  /** Sets the predicted class index. */
  public void setPrediction(Double prediction) {
    this.prediction = prediction;
  }

  /** One probability per class, or null. */
  public double[] getProbabilities() {
    return probabilities;
  }

  /** Sets the probabilities. */
  public void setProbabilities(double[] probabilities) {
    this.probabilities = probabilities;
  }

  /** The row weight. */
  public Double getWeight() {
    return weight;
  }

  /** Sets the row weight. */
  public void setWeight(Double weight) {
    this.weight = weight;
  }
}
