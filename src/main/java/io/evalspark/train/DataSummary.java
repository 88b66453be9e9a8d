package io.evalspark.train;

import io.evalspark.metrics.WeightedMoments;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What packing saw: rows kept for training and validation, rows refused by reason with an example,
 * the largest label, and the training features' moments for standardisation ({@link
 * WeightedMoments}: deviations from a pivot, so that a feature far from 0, such as a timestamp,
 * keeps its spread, which sums of squares would lose to rounding).
 */
public final class DataSummary implements Serializable {
  private static final long serialVersionUID = 1L;
  private long trainRows;
  private long validationRows;
  private long weighedTrainRows;
  private long weighedValidationRows;
  private double trainWeight;
  private double validationWeight;
  private final Map<String, Long> refused = new LinkedHashMap<>();
  private final Map<String, String> examples = new LinkedHashMap<>();
  private double maxLabel = Double.NEGATIVE_INFINITY;
  private final WeightedMoments[] moments;

  DataSummary(int features) {
    moments = new WeightedMoments[features];
    for (int i = 0; i < features; i++) {
      moments[i] = new WeightedMoments();
    }
  }

  void accept(double[] x, double label, double weight, boolean validation) {
    maxLabel = Math.max(maxLabel, label);
    if (validation) {
      validationRows++;
      weighedValidationRows += weight > 0.0 ? 1 : 0;
      validationWeight += weight;
      return;
    }
    trainRows++;
    weighedTrainRows += weight > 0.0 ? 1 : 0;
    trainWeight += weight;
    for (int i = 0; i < moments.length; i++) {
      moments[i].update(x[i], 1.0);
    }
  }

  void refuse(String reason, String example) {
    refused.merge(reason, 1L, Long::sum);
    examples.putIfAbsent(reason, example);
  }

  /** Adds another partition's summary (in partition order, so that the sums are reproducible). */
  DataSummary merge(DataSummary other) {
    trainRows += other.trainRows;
    for (int i = 0; i < moments.length; i++) {
      moments[i].merge(other.moments[i]);
    }
    validationRows += other.validationRows;
    weighedTrainRows += other.weighedTrainRows;
    weighedValidationRows += other.weighedValidationRows;
    trainWeight += other.trainWeight;
    validationWeight += other.validationWeight;
    other.refused.forEach((reason, n) -> refused.merge(reason, n, Long::sum));
    other.examples.forEach(examples::putIfAbsent);
    maxLabel = Math.max(maxLabel, other.maxLabel);
    return this;
  }

  /** Rows kept for training. */
  public long trainRows() {
    return trainRows;
  }

  /** Rows split off for validation. */
  public long validationRows() {
    return validationRows;
  }

  /** Rows kept for training whose weight is above 0. */
  long weighedTrainRows() {
    return weighedTrainRows;
  }

  /** Rows split off for validation whose weight is above 0. */
  long weighedValidationRows() {
    return weighedValidationRows;
  }

  /** The summed weight of the rows kept for training: infinite where it is beyond a double. */
  double trainWeight() {
    return trainWeight;
  }

  /** The summed weight of the rows split off for validation: infinite where it is beyond a double. */
  double validationWeight() {
    return validationWeight;
  }

  /** Rows left out because they cannot be trained on, all reasons together. */
  public long skippedRows() {
    return refused.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Refused rows by reason. */
  public Map<String, Long> refused() {
    return refused;
  }

  /** One refused row per reason. */
  public Map<String, String> examples() {
    return examples;
  }

  /** The largest label kept, or -infinity when none was. */
  public double maxLabel() {
    return maxLabel;
  }

  /** The training features' means. */
  double[] means() {
    double[] m = new double[moments.length];
    for (int i = 0; i < m.length; i++) {
      m[i] = moments[i].mean();
    }
    return m;
  }

  /** The training features' sample standard deviations, 1 where a feature is constant. */
  double[] scales() {
    double[] s = new double[moments.length];
    for (int i = 0; i < s.length; i++) {
      double mean = moments[i].mean();
      double variance = trainRows < 2 ? 0.0 : moments[i].squaredDeviations() / (trainRows - 1);
      s[i] = variance > 1e-24 * Math.max(1.0, mean * mean) ? Math.sqrt(variance) : 1.0;
    }
    return s;
  }
}
