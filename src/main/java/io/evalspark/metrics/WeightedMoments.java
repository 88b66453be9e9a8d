package io.evalspark.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Weighted mean and sum of squared deviations of one variable, updated by West's weighted form of
 * Welford's method and merged by Chan et al.'s pairwise formula; stable where sums of squares cancel.
 */
final class WeightedMoments {
  private double weight;
  private double mean;
  private double squaredDeviations;

  void update(double x, double w) {
    if (w == 0.0) {
      return;
    }
    weight += w;
    double delta = x - mean;
    mean += delta * w / weight;
    squaredDeviations += w * delta * (x - mean);
  }

  void merge(WeightedMoments other) {
    if (other.weight == 0.0) {
      return;
    }
    double total = weight + other.weight;
    double delta = other.mean - mean;
    mean += delta * other.weight / total;
    squaredDeviations += other.squaredDeviations + delta * delta * weight * other.weight / total;
    weight = total;
  }

  double weight() {
    return weight;
  }

  double mean() {
    return mean;
  }

  /** The weighted sum of squared deviations from the mean, sum of w * (x - mean)^2. */
  double squaredDeviations() {
    return squaredDeviations;
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeDouble(weight);
    out.writeDouble(mean);
    out.writeDouble(squaredDeviations);
  }

  static WeightedMoments readFrom(DataInput in) throws IOException {
    WeightedMoments m = new WeightedMoments();
    m.weight = in.readDouble();
    m.mean = in.readDouble();
    m.squaredDeviations = in.readDouble();
    return m;
  }
}
