package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Rows whose weights add up to 0 count as many rows as none: every metric of every task is
 * undefined (NaN) but the binary counts, which are 0, as for a state of no rows. A ratio such as
 * accuracy has no rows to be a share of, so 0 would claim a model that is always wrong.
 */
class ZeroWeightTest {
  private static final Set<String> COUNTS = Set.of("tp", "fp", "tn", "fn");

  private static void assertUndefined(Map<String, Double> metrics) {
    assertTrue(metrics.size() > 5, metrics.toString());
    metrics.forEach((name, value) -> {
      if (COUNTS.contains(name)) {
        assertEquals(0.0, value, name);
      } else {
        assertTrue(Double.isNaN(value), () -> name + " = " + value + " of rows that weigh 0 in all");
      }
    });
  }

  @Test
  void binary() {
    BinaryState s = new BinaryState(BinarySettings.defaults());
    s.update(1.0, 0.9, 0.0);
    s.update(0.0, 0.2, 0.0);
    assertEquals(2, s.rowCounts().evaluatedRows());
    assertUndefined(s.metrics());
  }

  @Test
  void regression() {
    RegressionState s = new RegressionState(RegressionSettings.defaults());
    s.update(1.0, 0.9, 0.0);
    s.update(0.0, 0.2, 0.0);
    assertUndefined(s.metrics());
  }

  @Test
  void multiclass() {
    MulticlassState s = new MulticlassState(new MulticlassSettings(0, true, true, 2));
    s.update(1.0, 1.0, new double[] {0.3, 0.7}, 0.0);
    s.update(0.0, 1.0, new double[] {0.4, 0.6}, 0.0);
    assertUndefined(s.metrics());
  }

  @Test
  void multilabel() {
    MultilabelState s = new MultilabelState(MultilabelSettings.arrays());
    s.updateSets(new double[] {1.0}, new double[] {1.0, 2.0}, 0.0);
    assertUndefined(s.metrics());
    MultilabelState scored = new MultilabelState(MultilabelSettings.indicators(List.of(), 0.5));
    scored.updateIndicators(new double[] {1.0, 0.0}, new double[] {0.8, 0.6}, 0.0);
    assertUndefined(scored.metrics());
  }

  @Test
  void ranking() {
    RankedListsState s = new RankedListsState(new RankedListsSettings(List.of(2)));
    s.update(new double[] {3.0, 1.0}, new double[] {1.0}, 0.0);
    assertUndefined(s.metrics());
  }

  @Test
  void weightsThatAddUpBeyondADoubleLeaveEveryMetricUndefined() {
    // two rows of weight 1e308 add up to infinity: a weighted mean (a finite sum over it) would be 0
    double heavy = 1e308;
    BinaryState b = new BinaryState(BinarySettings.defaults());
    b.update(1.0, 0.9, heavy);
    b.update(0.0, 0.2, heavy);
    assertUndefinedBut(b.metrics(), Set.of("tp", "fp", "tn", "fn"));
    RegressionState r = new RegressionState(RegressionSettings.defaults());
    r.update(1.0, 0.9, heavy);
    r.update(0.0, 0.2, heavy);
    assertUndefinedBut(r.metrics(), Set.of());
    MulticlassState m = new MulticlassState(new MulticlassSettings(0, true, true, 2));
    m.update(1.0, 1.0, new double[] {0.3, 0.7}, heavy);
    m.update(0.0, 1.0, new double[] {0.4, 0.6}, heavy);
    assertUndefinedBut(m.metrics(), Set.of());
    MultilabelState l = new MultilabelState(MultilabelSettings.arrays());
    l.updateSets(new double[] {1.0}, new double[] {1.0, 2.0}, heavy);
    l.updateSets(new double[] {2.0}, new double[] {2.0}, heavy);
    assertUndefinedBut(l.metrics(), Set.of());
    RankedListsState k = new RankedListsState(new RankedListsSettings(List.of(2)));
    k.update(new double[] {3.0, 1.0}, new double[] {1.0}, heavy);
    k.update(new double[] {1.0, 3.0}, new double[] {1.0}, heavy);
    assertUndefinedBut(k.metrics(), Set.of());
  }

  private static void assertUndefinedBut(Map<String, Double> metrics, Set<String> counts) {
    assertTrue(metrics.size() > 5, metrics.toString());
    metrics.forEach((name, value) -> assertTrue(counts.contains(name) || Double.isNaN(value),
        () -> name + " = " + value + " of rows whose weights add up to infinity"));
  }

  @Test
  void aRowOfWeight0AmongOthersIsNoRow() {
    // Positives 0.9 and 0.4, negative 0.6 (weight 1 each), and a negative at 0.95 of weight 0.
    BinaryState s = new BinaryState(BinarySettings.defaults());
    s.update(1.0, 0.9, 1.0);
    s.update(1.0, 0.4, 1.0);
    s.update(0.0, 0.6, 1.0);
    s.update(0.0, 0.95, 0.0);
    Map<String, Double> m = s.metrics();
    assertEquals(0.5, m.get("roc_auc"), 1e-15); // of 2 pairs, (0.9, 0.6) is ordered right
    assertEquals(1.0 / 3.0, m.get("accuracy"), 1e-15); // at 0.5: 0.9 right, 0.4 and 0.6 wrong
    assertEquals(1.0, m.get("fp"), 0.0);
    RegressionState r = new RegressionState(RegressionSettings.defaults());
    r.update(1.0, 1.5, 2.0);
    r.update(3.0, 2.0, 1.0);
    r.update(0.0, 100.0, 0.0);
    Map<String, Double> errors = r.metrics();
    assertEquals(1.0, errors.get("max_error"), 0.0);
    assertEquals((2 * 0.25 + 1.0) / 3.0, errors.get("mse"), 1e-15);
  }
}
