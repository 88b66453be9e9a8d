package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BinaryStateTest {
  private static final double[] Y = {0, 0, 1, 1, 1, 0};
  private static final double[] P = {0.1, 0.6, 0.35, 0.8, 0.9, 0.2};
  private static final double[] W = {1, 1, 1, 1, 1, 1};

  private static BinaryState state(BinarySettings settings) {
    BinaryState s = new BinaryState(settings);
    for (int i = 0; i < Y.length; i++) s.update(Y[i], P[i], W[i]);
    return s;
  }

  @Test
  void everyMetricFromItsDefinition() {
    Map<String, Double> m = state(new BinarySettings(0.5, false, 10_000, 2.0, 200)).metrics();
    // At 0.5: predicted positive 0.6 (neg), 0.8, 0.9 (pos) -> tp 2, fp 1, tn 2, fn 1.
    assertEquals(2, m.get("tp"));
    assertEquals(1, m.get("fp"));
    assertEquals(2, m.get("tn"));
    assertEquals(1, m.get("fn"));
    assertEquals(4.0 / 6, m.get("accuracy"), 1e-15);
    assertEquals(2.0 / 3, m.get("f1"), 1e-15);
    assertEquals(5.0 * 2 / (5 * 2 + 4 * 1 + 1), m.get("fbeta"), 1e-15);
    // Pairs (pos > neg) of 9: 0.35 beats 0.1, 0.2; 0.8 and 0.9 beat all three -> 8/9.
    assertEquals(8.0 / 9, m.get("roc_auc"), 1e-15);
    assertEquals(Reference.logLoss(Y, P, W), m.get("log_loss"), 1e-15);
    double brier = (0.01 + 0.36 + 0.65 * 0.65 + 0.04 + 0.01 + 0.04) / 6;
    assertEquals(brier, m.get("brier"), 1e-15);
    assertEquals(Reference.averagePrecision(Y, P, W), m.get("average_precision"), 1e-15);
  }

  @Test
  void thresholdMovesOnlyTheThresholdMetrics() {
    Map<String, Double> low = state(new BinarySettings(0.3, false, 10_000, Double.NaN, 200)).metrics();
    // At 0.3: predicted positive 0.6, 0.35, 0.8, 0.9 -> tp 3, fp 1.
    assertEquals(3, low.get("tp"));
    assertEquals(1, low.get("fp"));
    assertEquals(8.0 / 9, low.get("roc_auc"), 1e-15);
    assertTrue(!low.containsKey("fbeta"));
  }

  @Test
  void logitsGiveTheSameMetricsAsTheirProbabilitiesButTheHingesOfTheLogits() {
    BinarySettings logits = new BinarySettings(0.5, true, 10_000, Double.NaN, 200);
    BinaryState fromLogits = new BinaryState(logits);
    double hinge = 0.0;
    double squaredHinge = 0.0;
    for (int i = 0; i < Y.length; i++) {
      double z = Math.log(P[i] / (1 - P[i]));
      fromLogits.update(Y[i], z, 1.0);
      double gap = Math.max(0.0, 1.0 - (Y[i] == 1.0 ? z : -z));
      hinge += gap / Y.length;
      squaredHinge += gap * gap / Y.length;
    }
    Map<String, Double> expected = new java.util.HashMap<>(state(BinarySettings.defaults()).metrics());
    // The hinge losses read the score as given (as Keras's hinge reads y_pred): here the logit.
    expected.put("hinge", hinge);
    expected.put("squared_hinge", squaredHinge);
    fromLogits.metrics().forEach((k, v) -> assertEquals(expected.get(k), v, 1e-12, k));
  }

  @Test
  void logLossOfLogitsStaysFiniteWhereProbabilitiesWouldRoundToOne() {
    BinaryState s = new BinaryState(new BinarySettings(0.5, true, 100, Double.NaN, 200));
    s.update(0.0, 50.0, 1.0); // sigmoid(50) rounds to 1; the exact loss is 50 + log1p(e^-50)
    assertEquals(50.0, s.metrics().get("log_loss"), 1e-12);
  }

  @Test
  void invalidRowsAreCountedByReasonWithAnExample() {
    BinaryState s = new BinaryState(BinarySettings.defaults());
    s.update(1.0, 0.7, 1.0);
    s.update(null, 0.7, 1.0);
    s.update(Double.NaN, 0.7, 1.0);
    s.update(2.0, 0.7, 1.0);
    s.update(1.0, 1.5, 1.0);
    s.update(1.0, null, 1.0);
    s.update(0.0, 0.2, -1.0);
    RowCounts rows = s.rowCounts();
    assertEquals(7, rows.rows());
    assertEquals(1, rows.evaluatedRows());
    assertEquals(6, rows.invalidRows());
    assertEquals(2L, rows.invalidByReason().get("label is null or NaN"));
    assertEquals(1L, rows.invalidByReason().get("label is not 0 or 1"));
    assertEquals(1L, rows.invalidByReason().get("score is not a probability in [0, 1]"));
    assertEquals(1L, rows.invalidByReason().get("score is null or NaN"));
    assertEquals(1L, rows.invalidByReason().get("weight is null, NaN, negative or infinite"));
    assertEquals("label=2.0, score=0.7, weight=1.0", rows.exampleByReason().get("label is not 0 or 1"));
    assertEquals(1, s.metrics().get("tp"));
  }

  /** Rows of one slice: labels 0 and 1, one label 2 (invalid), weights of halves, and scores all over [0, 1]. */
  private static double[][] sliceRows(int n, long seed) {
    java.util.Random r = new java.util.Random(seed);
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = new double[] {i == 1 ? 2 : r.nextInt(2), r.nextDouble(), 0.5 * (1 + r.nextInt(4))};
    }
    return rows;
  }

  private static void count(BinaryState state, double[][] rows) {
    for (double[] row : rows) {
      state.update(row[0], row[1], row[2]);
    }
  }

  @Test
  void statesMadeForManyRowsOrReusedFromSliceToSliceWriteTheBytesOfANewState() {
    BinarySettings settings = BinarySettings.defaults();
    // 5,000 and 3,000 rows fill more than an eighth of the 10,000 bins (a dense state, reused), 40 do not
    for (double[][] rows : java.util.List.of(sliceRows(5_000, 1), sliceRows(40, 2), sliceRows(3_000, 3),
        sliceRows(5_000, 4))) {
      BinaryState expected = new BinaryState(settings);
      count(expected, rows);
      byte[] bytes = expected.toByteArray();
      BinaryState made = BinaryState.forRows(settings, rows.length);
      count(made, rows);
      org.junit.jupiter.api.Assertions.assertArrayEquals(bytes, made.toByteArray(), rows.length + " rows, made for them");
      org.junit.jupiter.api.Assertions.assertArrayEquals(bytes,
          BinaryState.bytesOfRows(settings, rows.length, s -> count(s, rows)), rows.length + " rows, reused");
    }
  }

  @Test
  void aClearedStateIsANewOne() {
    BinarySettings settings = BinarySettings.defaults();
    BinaryState used = BinaryState.forRows(settings, 5_000);
    count(used, sliceRows(5_000, 5));
    used.clear();
    org.junit.jupiter.api.Assertions.assertArrayEquals(new BinaryState(settings).toByteArray(), used.toByteArray());
  }

  @Test
  void countingSliceAfterSliceAllocatesTheDenseArraysOnce() {
    BinarySettings settings = BinarySettings.defaults();
    double[][] rows = sliceRows(5_000, 6);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    BinaryState.bytesOfRows(settings, rows.length, s -> count(s, rows)); // the thread's state, made once
    long before = threads.getCurrentThreadAllocatedBytes();
    byte[] bytes = BinaryState.bytesOfRows(settings, rows.length, s -> count(s, rows));
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    // a new state's dense arrays alone take BYTES_PER_BIN a bin (640 KB); the byte form is written once more
    long dense = (long) BinarySettings.BYTES_PER_BIN * settings.bins();
    assertTrue(allocated < bytes.length * 3L + dense / 4, "allocated " + allocated + " bytes for a "
        + bytes.length + "-byte state");
  }
}
