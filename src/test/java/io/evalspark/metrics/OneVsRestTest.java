package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OneVsRestTest {
  private static final int CLASSES = 5;

  /** Rows of {@code CLASSES} classes whose true class tends to get more probability, rounded to {@code digits}. */
  private static double[][] rows(int n, int digits, long seed, double[] labels, double[] weights) {
    Random r = new Random(seed);
    double[][] p = new double[n][CLASSES];
    double scale = Math.pow(10, digits);
    for (int i = 0; i < n; i++) {
      int y = r.nextInt(CLASSES - 1); // the last class never occurs as a label
      labels[i] = y;
      weights[i] = 0.5 + r.nextInt(3);
      double sum = 0;
      for (int c = 0; c < CLASSES; c++) {
        p[i][c] = Math.exp(r.nextGaussian() + (c == y ? 1.0 : 0.0));
        sum += p[i][c];
      }
      for (int c = 0; c < CLASSES; c++) {
        p[i][c] = digits > 0 ? Math.round(p[i][c] / sum * scale) / scale : p[i][c] / sum;
      }
    }
    return p;
  }

  /** Per class c: the rows' probability of c, and 1 where the row is of class c. */
  private static double[] column(double[][] p, int c) {
    double[] s = new double[p.length];
    for (int i = 0; i < p.length; i++) s[i] = p[i][c];
    return s;
  }

  private static double[] isClass(double[] labels, int c) {
    double[] y = new double[labels.length];
    for (int i = 0; i < y.length; i++) y[i] = labels[i] == c ? 1.0 : 0.0;
    return y;
  }

  /** The macro and support-weighted averages of per-class AUCs computed by counting pairs, over classes that occur. */
  private static double[] reference(double[][] p, double[] labels, double[] w) {
    double macro = 0, weighted = 0, support = 0;
    int present = 0;
    for (int c = 0; c < CLASSES; c++) {
      double[] y = isClass(labels, c);
      double positives = 0;
      for (int i = 0; i < y.length; i++) positives += y[i] * w[i];
      if (positives == 0) continue;
      double auc = Reference.rocAuc(y, column(p, c), w);
      macro += auc;
      present++;
      weighted += positives * auc;
      support += positives;
    }
    return new double[] {macro / present, weighted / support};
  }

  private static MulticlassState state(double[][] p, double[] labels, double[] w, int from, int to) {
    return state(p, labels, w, from, to, 0);
  }

  @Test
  void threeDecimalProbabilitiesGiveExactAveragesWhoseBoundsCoincide() {
    int n = 3000;
    double[] labels = new double[n];
    double[] w = new double[n];
    double[][] p = rows(n, 3, 7, labels, w);
    MulticlassState s = state(p, labels, w, 0, n / 3);
    s.merge(state(p, labels, w, n / 3, n));
    Map<String, Double> m = s.metrics();
    double[] expected = reference(p, labels, w);
    assertEquals(expected[0], m.get("macro_roc_auc"), 1e-12);
    assertEquals(expected[1], m.get("weighted_roc_auc"), 1e-12);
    for (String name : new String[] {"macro_roc_auc", "weighted_roc_auc"}) {
      assertEquals(m.get(name), m.get(name + "_lower"), 1e-12, name);
      assertEquals(m.get(name), m.get(name + "_upper"), 1e-12, name);
    }
    assertTrue(expected[0] > 0.6, "the rows are informative: " + expected[0]);
  }

  @Test
  void fullPrecisionProbabilitiesLieWithinTheBounds() {
    int n = 3000;
    double[] labels = new double[n];
    double[] w = new double[n];
    double[][] p = rows(n, 0, 11, labels, w);
    Map<String, Double> m = state(p, labels, w, 0, n).metrics();
    double[] expected = reference(p, labels, w);
    assertBoundsHold(expected, m);
    assertEquals(expected[0], m.get("macro_roc_auc"), 1e-4);
    assertTrue(m.get("macro_roc_auc_upper") - m.get("macro_roc_auc_lower") < 1e-3, m.toString());
  }

  @Test
  void namedBinsSizeEachClassesHistogram() {
    int n = 3000;
    double[] labels = new double[n];
    double[] w = new double[n];
    double[][] p = rows(n, 3, 7, labels, w);
    double[] expected = reference(p, labels, w);
    // 2,000 bins a class still hold one 3-decimal probability a bin: exact, the bounds coincide.
    Map<String, Double> fine = state(p, labels, w, 0, n, 2000).metrics();
    assertEquals(expected[0], fine.get("macro_roc_auc"), 1e-12);
    assertEquals(fine.get("macro_roc_auc_lower"), fine.get("macro_roc_auc_upper"), 1e-12);
    // 20 bins a class mix many probabilities a bin: the bounds part, and still hold the value.
    Map<String, Double> coarse = state(p, labels, w, 0, n, 20).metrics();
    assertTrue(coarse.get("macro_roc_auc_upper") - coarse.get("macro_roc_auc_lower") > 1e-3, coarse.toString());
    assertBoundsHold(expected, coarse);
  }

  /** The macro and weighted averages' bounds hold {@code expected}'s two values. */
  private static void assertBoundsHold(double[] expected, Map<String, Double> m) {
    assertTrue(m.get("macro_roc_auc_lower") <= expected[0] && expected[0] <= m.get("macro_roc_auc_upper"), m.toString());
    assertTrue(m.get("weighted_roc_auc_lower") <= expected[1] && expected[1] <= m.get("weighted_roc_auc_upper"),
        m.toString());
  }

  /** Rows from..to of a state whose one-vs-rest histograms have {@code bins} bins a class (0: the default). */
  private static MulticlassState state(double[][] p, double[] labels, double[] w, int from, int to, int bins) {
    MulticlassState s = new MulticlassState(new MulticlassSettings(0, false, true, 0, bins));
    for (int i = from; i < to; i++) s.update(labels[i], Double.NaN, p[i], w[i]);
    return s;
  }

  @Test
  void byHand() {
    // The last row weighs 0, so it counts in no class. Class 0: positives at 0.8 and 0.4, negatives at 0.4 and
    // 0.1 -> pairs (0.8>0.4, 0.8>0.1, a tie, 0.4>0.1): 3.5/4. Class 1: its positive at 0.5 against 0.1, 0.3 and
    // 0.3 -> 1. Class 2: its positive at 0.5 against 0.1, 0.3 and 0.1 -> 1. Supports 2, 1 and 1.
    double[][] p = {{0.8, 0.1, 0.1}, {0.4, 0.3, 0.3}, {0.4, 0.5, 0.1}, {0.1, 0.3, 0.5}, {0.4, 0.6, 0.0}};
    double[] labels = {0, 0, 1, 2, 1};
    double[] w = {1, 1, 1, 1, 0};
    Map<String, Double> m = state(p, labels, w, 0, p.length).metrics();
    double class0 = 3.5 / 4;
    double class1 = 1.0;
    double class2 = 1.0;
    assertEquals((class0 + class1 + class2) / 3, m.get("macro_roc_auc"), 1e-15);
    assertEquals((2 * class0 + class1 + class2) / 4, m.get("weighted_roc_auc"), 1e-15);
  }

  @Test
  void rowsOfDifferentLengthsLeaveTheAveragesUndefined() {
    MulticlassState s = new MulticlassState(new MulticlassSettings(0, false, true, 0));
    s.update(0.0, Double.NaN, new double[] {0.7, 0.3}, 1.0);
    s.update(1.0, Double.NaN, new double[] {0.7, 0.3}, 1.0);
    assertEquals(0.5, s.metrics().get("macro_roc_auc"), 1e-15);
    MulticlassState other = new MulticlassState(new MulticlassSettings(0, false, true, 0));
    other.update(2.0, Double.NaN, new double[] {0.2, 0.3, 0.5}, 1.0);
    s.merge(other);
    assertTrue(s.metrics().get("macro_roc_auc").isNaN());
    assertEquals(2.0 / 3, s.metrics().get("accuracy"), 1e-15, "the other metrics still count every row");
  }

  @Test
  void withoutProbabilitiesTheyAreNotReported() {
    MulticlassState s = new MulticlassState(new MulticlassSettings(0, true, false, 0));
    s.update(0.0, 0.0, null, 1.0);
    assertTrue(!s.metrics().containsKey("macro_roc_auc"), s.metrics().toString());
  }
}
