package io.evalspark.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Independent reference formulas for tests, computed from the rows directly (pair counting,
 * sorting), never from a state.
 */
public final class Reference {
  private Reference() {}

  /** Exact weighted ROC AUC by counting every (positive, negative) pair; ties count half. */
  public static double rocAuc(double[] y, double[] s, double[] w) {
    double ordered = 0;
    double pairs = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] != 1.0) continue;
      for (int j = 0; j < y.length; j++) {
        if (y[j] != 0.0) continue;
        double ww = w[i] * w[j];
        pairs += ww;
        if (s[i] > s[j]) ordered += ww;
        else if (s[i] == s[j]) ordered += 0.5 * ww;
      }
    }
    return ordered / pairs;
  }

  /** Average precision as scikit-learn: sum over distinct thresholds of (recall step) x precision. */
  public static double averagePrecision(double[] y, double[] s, double[] w) {
    Integer[] order = new Integer[y.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> s[i]).reversed());
    double positives = 0;
    for (int i = 0; i < y.length; i++) positives += y[i] * w[i];
    double tp = 0, fp = 0, ap = 0, previousRecall = 0;
    for (int k = 0; k < order.length; k++) {
      int i = order[k];
      tp += y[i] * w[i];
      fp += (1 - y[i]) * w[i];
      boolean lastOfThreshold = k == order.length - 1 || s[order[k + 1]] != s[i];
      if (lastOfThreshold) {
        double recall = tp / positives;
        ap += (recall - previousRecall) * (tp / (tp + fp));
        previousRecall = recall;
      }
    }
    return ap;
  }

  /** Mean of -[y log q + (1-y) log(1-q)], q = p clipped to [1e-15, 1 - 1e-15] as documented. */
  public static double logLoss(double[] y, double[] p, double[] w) {
    double total = 0, weight = 0;
    for (int i = 0; i < y.length; i++) {
      double q = Math.min(Math.max(p[i], 1e-15), 1 - 1e-15);
      total += w[i] * -(y[i] * Math.log(q) + (1 - y[i]) * Math.log(1 - q));
      weight += w[i];
    }
    return total / weight;
  }
}
