package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MulticlassStateTest {
  @Test
  void scikitLearnDocumentedExample() {
    // scikit-learn's documented example: y_true = [0, 1, 2, 0, 1, 2], y_pred = [0, 2, 1, 0, 0, 1]:
    // macro precision 0.22, macro recall 0.33, macro f1 0.26..., accuracy 1/3.
    double[] y = {0, 1, 2, 0, 1, 2};
    double[] p = {0, 2, 1, 0, 0, 1};
    MulticlassState s = new MulticlassState(new MulticlassSettings(0, true, false, 0));
    for (int i = 0; i < y.length; i++) s.update(y[i], p[i], null, 1.0);
    Map<String, Double> m = s.metrics();
    assertEquals(1.0 / 3, m.get("accuracy"), 1e-15);
    assertEquals(1.0 / 3, m.get("micro_f1"), 1e-15);
    // Class 0: precision 2/3, recall 1, f1 0.8; classes 1 and 2: all 0.
    assertEquals((2.0 / 3) / 3, m.get("macro_precision"), 1e-15);
    assertEquals(1.0 / 3, m.get("macro_recall"), 1e-15);
    assertEquals(0.8 / 3, m.get("macro_f1"), 1e-15);
    assertEquals(0.8 / 3, m.get("weighted_f1"), 1e-15); // equal supports
    // Kappa: observed 1/3, chance = (2*3 + 2*2 + 2*1) / 36 = 1/3 -> 0.
    assertEquals(0.0, m.get("cohen_kappa"), 1e-15);
    // Gorodkin MCC: c=2, s=6, t=(2,2,2), p=(3,2,1): (12 - 12) / ... = 0.
    assertEquals(0.0, m.get("mcc"), 1e-15);
  }

  @Test
  void probabilitiesGiveLogLossTopKAndArgmax() {
    MulticlassState s = new MulticlassState(new MulticlassSettings(0, false, true, 2));
    s.update(0.0, null, new double[] {0.7, 0.2, 0.1}, 1.0); // argmax 0, top-2 hit
    s.update(1.0, null, new double[] {0.5, 0.3, 0.2}, 1.0); // argmax 0, top-2 hit
    s.update(2.0, null, new double[] {0.6, 0.3, 0.1}, 2.0); // argmax 0, top-2 miss
    Map<String, Double> m = s.metrics();
    assertEquals(1.0 / 4, m.get("accuracy"), 1e-15);
    assertEquals(-(Math.log(0.7) + Math.log(0.3) + 2 * Math.log(0.1)) / 4, m.get("log_loss"), 1e-15);
    assertEquals(2.0 / 4, m.get("top_2_accuracy"), 1e-15);
    assertArrayEquals(new double[] {1, 0, 0}, s.details().confusionMatrix()[0]);
    assertEquals(2.0, s.details().confusionMatrix()[2][0]);
    List<MulticlassDetails.ClassMetrics> perClass = s.details().perClass();
    assertEquals(3, perClass.size());
    assertEquals(0.25, perClass.get(0).precision(), 1e-15);
    assertEquals(2.0, perClass.get(2).support(), 1e-15);
  }

  @Test
  void probabilitiesAreRescaledToSumToOne() {
    MulticlassState s = new MulticlassState(new MulticlassSettings(0, false, true, 0));
    s.update(1.0, null, new double[] {0.2, 0.2}, 1.0);
    assertEquals(Math.log(2), s.metrics().get("log_loss"), 1e-15);
  }

  @Test
  void cohenKappaByHand() {
    // Matrix [[3, 1], [2, 4]]: observed 0.7; chance = (4*5 + 6*5) / 100 = 0.5 -> kappa 0.4.
    MulticlassState s = new MulticlassState(new MulticlassSettings(0, true, false, 0));
    int[][] cells = {{3, 1}, {2, 4}};
    for (int a = 0; a < 2; a++) for (int p = 0; p < 2; p++) for (int k = 0; k < cells[a][p]; k++) s.update((double) a, (double) p, null, 1.0);
    assertEquals(0.4, s.metrics().get("cohen_kappa"), 1e-15);
    // Binary MCC of the same matrix (positive = 1): tp 4, fn 2, fp 1, tn 3.
    assertEquals((4.0 * 3 - 1 * 2) / Math.sqrt(5.0 * 6 * 4 * 5), s.metrics().get("mcc"), 1e-15);
  }

  @Test
  void classIndicesOutOfRangeAreInvalid() {
    MulticlassState s = new MulticlassState(new MulticlassSettings(3, true, true, 0));
    s.update(3.0, 0.0, new double[] {0.5, 0.3, 0.2}, 1.0);
    s.update(1.5, 0.0, new double[] {0.5, 0.3, 0.2}, 1.0);
    s.update(1.0, 0.0, new double[] {0.5, 0.5}, 1.0);
    s.update(1.0, 0.0, new double[] {0.5, 1.3, 0.2}, 1.0);
    s.update(1.0, -1.0, new double[] {0.5, 0.3, 0.2}, 1.0);
    Map<String, Long> reasons = s.rowCounts().invalidByReason();
    assertEquals(1L, reasons.get("label is a class index out of range (>= the number of classes)"));
    assertEquals(1L, reasons.get("label is not a class index (a whole number >= 0)"));
    assertEquals(1L, reasons.get("probabilities do not have one entry per class"));
    assertEquals(1L, reasons.get("a probability is NaN or outside [0, 1]"));
    assertEquals(1L, reasons.get("prediction is not a class index (a whole number >= 0)"));
    assertEquals(0, s.rowCounts().evaluatedRows());
  }

  @Test
  void aLongExampleIsCut() {
    MulticlassState s = new MulticlassState(new MulticlassSettings(0, false, true, 0));
    double[] many = new double[500];
    many[0] = 2.0; // outside [0, 1]
    s.update(0.0, null, many, 1.0);
    String example = s.rowCounts().exampleByReason().get("a probability is NaN or outside [0, 1]");
    assertEquals(RowCounts.MAX_EXAMPLE_LENGTH + 3, example.length());
    assertTrue(example.startsWith("label=0.0, prediction=null, probabilities=[2.0, 0.0, 0.0, "), example);
    assertTrue(example.endsWith("..."), example);
  }
}
