package io.evalspark.metrics;

import static io.evalspark.metrics.ThresholdMetrics.ratio;

import java.util.ArrayList;
import java.util.List;

/**
 * Multiclass metrics from a confusion matrix, as scikit-learn defines them
 * (https://scikit-learn.org/stable/modules/model_evaluation.html). Averages run over the classes
 * present, those with a true or a predicted row, as scikit-learn does when no labels are given.
 */
public final class MatrixMetrics {
  private final ConfusionMatrix m;
  private final double[] actual;
  private final double[] predicted;
  private final double correct;
  private final double total;

  /** A read-only view of the matrix with its margins. */
  public MatrixMetrics(ConfusionMatrix m) {
    this.m = m;
    int k = m.classes();
    actual = new double[k];
    predicted = new double[k];
    CompensatedSum diagonal = new CompensatedSum();
    CompensatedSum all = new CompensatedSum();
    for (int a = 0; a < k; a++) {
      CompensatedSum row = new CompensatedSum();
      for (int p = 0; p < k; p++) {
        row.add(m.count(a, p));
        all.add(m.count(a, p));
      }
      actual[a] = row.value();
      diagonal.add(m.count(a, a));
    }
    for (int p = 0; p < k; p++) {
      CompensatedSum column = new CompensatedSum();
      for (int a = 0; a < k; a++) {
        column.add(m.count(a, p));
      }
      predicted[p] = column.value();
    }
    correct = diagonal.value();
    total = all.value();
  }

  /** Classes with a true or a predicted row. */
  public List<Integer> presentClasses() {
    List<Integer> present = new ArrayList<>();
    for (int c = 0; c < actual.length; c++) {
      if (actual[c] > 0.0 || predicted[c] > 0.0) {
        present.add(c);
      }
    }
    return present;
  }

  /** The weight of every row. */
  public double total() {
    return total;
  }

  /** Correct / all. */
  public double accuracy() {
    return total == 0.0 ? Double.NaN : correct / total;
  }

  /** Of the rows predicted as class c, the share that are c. */
  public double precision(int c) {
    return ratio(m.count(c, c), predicted[c]);
  }

  /** Of the rows of class c, the share predicted as c. */
  public double recall(int c) {
    return ratio(m.count(c, c), actual[c]);
  }

  /** The harmonic mean of precision and recall of class c. */
  public double f1(int c) {
    return ratio(2.0 * m.count(c, c), actual[c] + predicted[c]);
  }

  /** The weight of rows of class c. */
  public double support(int c) {
    return actual[c];
  }

  /** Per-class metric averaged over present classes, each class counting once. */
  public double macro(PerClass metric) {
    List<Integer> present = presentClasses();
    CompensatedSum s = new CompensatedSum();
    for (int c : present) {
      s.add(metric.of(this, c));
    }
    return present.isEmpty() ? Double.NaN : s.value() / present.size();
  }

  /** Per-class metric averaged with each class weighted by its support. */
  public double weighted(PerClass metric) {
    CompensatedSum s = new CompensatedSum();
    for (int c : presentClasses()) {
      s.add(actual[c] * metric.of(this, c));
    }
    return ratio(s.value(), total);
  }

  /** Cohen's kappa: (observed agreement - chance agreement) / (1 - chance agreement). */
  public double cohenKappa() {
    double observed = correct / total;
    double chance = 0.0;
    for (int c = 0; c < actual.length; c++) {
      chance += (actual[c] / total) * (predicted[c] / total);
    }
    return chance == 1.0 ? Double.NaN : (observed - chance) / (1.0 - chance);
  }

  /** Matthews correlation coefficient in Gorodkin's multiclass form; 0 where undefined. */
  public double mcc() {
    double sumTrueTimesPredicted = 0.0;
    double sumPredictedSquared = 0.0;
    double sumTrueSquared = 0.0;
    for (int c = 0; c < actual.length; c++) {
      sumTrueTimesPredicted += actual[c] * predicted[c];
      sumPredictedSquared += predicted[c] * predicted[c];
      sumTrueSquared += actual[c] * actual[c];
    }
    double numerator = correct * total - sumTrueTimesPredicted;
    double denominator = Math.sqrt((total * total - sumPredictedSquared) * (total * total - sumTrueSquared));
    return ratio(numerator, denominator);
  }

  /** A per-class metric, for averaging. */
  @FunctionalInterface
  public interface PerClass {
    /** The metric of class c. */
    double of(MatrixMetrics metrics, int c);
  }
}
