package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** For every state: metric(merge(state(A), state(B))) == metric(A u B), in any order and grouping. */
class StateMergeTest {
  /** Feeds row i of a seeded random table into a state. */
  interface Feeder<S> {
    void feed(S state, Random r);
  }

  static Stream<Arguments> states() {
    Supplier<BinaryState> binary = () -> new BinaryState(new BinarySettings(0.4, false, 1000, 2.0, 50));
    Feeder<BinaryState> binaryRows = (s, r) -> {
      double y = r.nextDouble() < 0.35 ? 1 : 0;
      double p = Math.min(1, Math.max(0, 0.4 + 0.2 * y + 0.25 * r.nextGaussian()));
      s.update(r.nextInt(50) == 0 ? null : (Double) y, (Double) p, (Double) (0.5 + r.nextInt(4)));
    };
    Supplier<MulticlassState> multiclass = () -> new MulticlassState(new MulticlassSettings(0, true, true, 2));
    Feeder<MulticlassState> multiclassRows = (s, r) -> {
      int k = 4;
      double[] p = new double[k];
      for (int c = 0; c < k; c++) p[c] = r.nextDouble();
      s.update((double) r.nextInt(k), (double) r.nextInt(k), p, 1.0 + r.nextInt(2));
    };
    Supplier<RegressionState> regression = () -> new RegressionState(new RegressionSettings(1.5));
    Feeder<RegressionState> regressionRows = (s, r) -> {
      double y = 1e6 + 10 * r.nextGaussian(); // a large mean: naive sums of squares would cancel
      s.update(y, y + r.nextGaussian() * 2, 0.25 + r.nextDouble());
    };
    return Stream.of(
        Arguments.of("binary", binary, binaryRows),
        Arguments.of("multiclass", multiclass, multiclassRows),
        Arguments.of("regression", regression, regressionRows));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("states")
  <S extends EvaluationState<S>> void mergedPartsEqualTheWhole(String name, Supplier<S> empty, Feeder<S> rows) {
    int n = 5000;
    S whole = empty.get();
    Random r = new Random(11);
    for (int i = 0; i < n; i++) rows.feed(whole, r);

    // The same rows cut into 7 uneven parts, merged in reverse order and in a tree.
    int[] cuts = {0, 13, 900, 901, 2500, 4000, 4999, n};
    Random replay = new Random(11);
    java.util.List<S> parts = new java.util.ArrayList<>();
    for (int p = 0; p + 1 < cuts.length; p++) {
      S part = empty.get();
      for (int i = cuts[p]; i < cuts[p + 1]; i++) rows.feed(part, replay);
      parts.add(part);
    }
    S reversed = empty.get();
    for (int p = parts.size() - 1; p >= 0; p--) reversed.merge(copy(parts.get(p)));
    S left = copy(parts.get(0));
    left.merge(copy(parts.get(1)));
    S right = copy(parts.get(2));
    for (int p = 3; p < parts.size(); p++) right.merge(copy(parts.get(p)));
    left.merge(right);

    assertSameMetrics(whole.metrics(), reversed.metrics());
    assertSameMetrics(whole.metrics(), left.metrics());
    assertEquals(whole.rowCounts().rows(), reversed.rowCounts().rows());
    assertEquals(whole.rowCounts().invalidRows(), left.rowCounts().invalidRows());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("states")
  <S extends EvaluationState<S>> void mergingAnEmptyStateChangesNothing(String name, Supplier<S> empty, Feeder<S> rows) {
    S s = empty.get();
    Random r = new Random(5);
    for (int i = 0; i < 500; i++) rows.feed(s, r);
    byte[] before = s.toByteArray();
    s.merge(empty.get());
    assertTrue(java.util.Arrays.equals(before, s.toByteArray()), "bytes changed");
  }

  @SuppressWarnings("unchecked")
  private static <S extends EvaluationState<S>> S copy(S s) {
    return (S) EvaluationStates.fromByteArray(s.toByteArray());
  }

  private static void assertSameMetrics(Map<String, Double> expected, Map<String, Double> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((k, v) -> {
      double a = actual.get(k);
      double tolerance = v.isNaN() ? 0.0 : 1e-12 * Math.max(1.0, Math.abs(v)); // NaN: undefined on both sides
      assertEquals(v, a, tolerance, k);
    });
  }

  @Test
  void statesOfDifferentSettingsAreNotMergedAndTheMessageNamesWhatDiffers() {
    BinaryState fine = new BinaryState(BinarySettings.defaults().withBins(1000));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> fine.merge(new BinaryState(BinarySettings.defaults())));
    assertEquals("cannot merge binary states made with different settings: bins 1000 and 10000", e.getMessage());
    RegressionState huber = new RegressionState(new RegressionSettings(2.0));
    e = assertThrows(IllegalArgumentException.class, () -> huber.merge(new RegressionState(RegressionSettings.defaults())));
    assertEquals("cannot merge regression states made with different settings: huberDelta 2.0 and 1.0", e.getMessage());
  }
}
