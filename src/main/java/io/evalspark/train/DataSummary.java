package io.evalspark.train;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What packing saw: rows kept for training and validation, rows refused by reason with an example,
 * the largest label, and the training features' means and sums of squared deviations for
 * standardisation (updated row by row and merged by Welford's and Chan's rules, so that a feature
 * far from 0, such as a timestamp, keeps its spread: sums of squares would lose it to rounding).
 */
public final class DataSummary implements Serializable {
  private static final long serialVersionUID = 1L;
  private long trainRows;
  private long validationRows;
  private long weighedTrainRows;
  private long weighedValidationRows;
  private final Map<String, Long> refused = new LinkedHashMap<>();
  private final Map<String, String> examples = new LinkedHashMap<>();
  private double maxLabel = Double.NEGATIVE_INFINITY;
  private final double[] mean;
  private final double[] squaredDeviations;

  DataSummary(int features) {
    mean = new double[features];
    squaredDeviations = new double[features];
  }

  void accept(double[] x, double label, double weight, boolean validation) {
    maxLabel = Math.max(maxLabel, label);
    if (validation) {
      validationRows++;
      weighedValidationRows += weight > 0.0 ? 1 : 0;
      return;
    }
    trainRows++;
    weighedTrainRows += weight > 0.0 ? 1 : 0;
    for (int i = 0; i < mean.length; i++) {
      double delta = x[i] - mean[i];
      mean[i] += delta / trainRows;
      squaredDeviations[i] += delta * (x[i] - mean[i]);
    }
  }

  void refuse(String reason, String example) {
    refused.merge(reason, 1L, Long::sum);
    examples.putIfAbsent(reason, example);
  }

  /** Adds another partition's summary (in partition order, so that the sums are reproducible). */
  DataSummary merge(DataSummary other) {
    long rows = trainRows + other.trainRows;
    for (int i = 0; i < mean.length && other.trainRows > 0; i++) {
      double delta = other.mean[i] - mean[i];
      double share = (double) other.trainRows / rows;
      mean[i] += delta * share;
      squaredDeviations[i] += other.squaredDeviations[i] + delta * delta * trainRows * share;
    }
    trainRows = rows;
    validationRows += other.validationRows;
    weighedTrainRows += other.weighedTrainRows;
    weighedValidationRows += other.weighedValidationRows;
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
    return mean.clone();
  }

  /** The training features' sample standard deviations, 1 where a feature is constant. */
  double[] scales() {
    double[] s = new double[mean.length];
    for (int i = 0; i < s.length; i++) {
      double variance = trainRows < 2 ? 0.0 : squaredDeviations[i] / (trainRows - 1);
      s[i] = variance > 1e-24 * Math.max(1.0, mean[i] * mean[i]) ? Math.sqrt(variance) : 1.0;
    }
    return s;
  }
}
