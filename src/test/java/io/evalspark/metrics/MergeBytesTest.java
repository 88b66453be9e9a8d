package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * A binary state's byte form merged straight into a state ({@link BinaryState#mergeBytes}): the
 * same sums, bit for bit, as merging the state read from it, and the metrics of the rows of both.
 */
class MergeBytesTest {
  /** 1,000 bins, and a custom metric state, so that every part of the byte form is merged. */
  private static final BinarySettings SETTINGS = new BinarySettings(0.4, false, 1000, 2.0, 50)
      .with(CustomMetrics.NONE.withClasses(List.of("io.evalspark.job.FarRows")));

  /**
   * Rows {@code from} (inclusive) to {@code to} of a seeded table: scores of full precision near
   * 0.3 and 0.6, weights 0.5 to 3.5 unless {@code unit}, and an invalid label every 97th row.
   */
  private static void rows(BinaryState s, int from, int to, boolean unit) {
    for (int i = from; i < to; i++) {
      Random r = new Random(1_000_003L * i);
      double y = r.nextDouble() < 0.35 ? 1 : 0;
      double p = Math.min(1, Math.max(0, 0.3 + 0.3 * y + 0.2 * r.nextGaussian()));
      s.update(i % 97 == 0 ? 2.0 : y, p, unit ? 1.0 : 0.5 + r.nextInt(4) + r.nextDouble());
    }
  }

  private static BinaryState of(int from, int to, boolean unit) {
    BinaryState s = new BinaryState(SETTINGS);
    rows(s, from, to, unit);
    return s;
  }

  /** {@code into} with {@code from}'s bytes merged in both ways; asserts the two are the same bytes, and returns one. */
  private static BinaryState sameBothWays(BinaryState into, BinaryState from) {
    byte[] bytes = from.toByteArray();
    BinaryState read = BinaryState.fromByteArray(into.toByteArray());
    read.merge(BinaryState.fromByteArray(bytes));
    BinaryState streamed = BinaryState.fromByteArray(into.toByteArray());
    streamed.mergeBytes(bytes);
    assertArrayEquals(read.toByteArray(), streamed.toByteArray());
    return streamed;
  }

  @Test
  void sparseAndDenseByteFormsMergeIntoSparseAndDenseStatesAsTheirStatesDo() {
    // 20 rows fill few of the 1,000 bins (sparse); 4,000 fill most (dense)
    int[][] parts = {{0, 0}, {0, 20}, {20, 4_020}, {4_020, 4_100}, {4_100, 9_000}};
    for (boolean unit : new boolean[] {true, false}) {
      for (int[] a : parts) {
        for (int[] b : parts) {
          BinaryState merged = sameBothWays(of(a[0], a[1], unit), of(b[0], b[1], unit));
          if (a[1] == b[0]) { // adjacent rows: the merge holds the rows of both
            assertSameMetrics(of(a[0], b[1], unit), merged, a[0] + ".." + b[1] + (unit ? "" : ", weighted"));
          }
        }
      }
    }
  }

  @Test
  void aThousandSlicesMergeToTheStateOfAllTheirRows() {
    BinaryState overall = new BinaryState(SETTINGS);
    for (int slice = 0; slice < 1_000; slice++) {
      overall.mergeBytes(of(20 * slice, 20 * slice + 20, false).toByteArray());
    }
    assertSameMetrics(of(0, 20_000, false), overall, "1,000 slices of 20 rows");
    assertEquals(20_000, overall.rowCounts().rows());
    assertEquals(20_000 / 97 + 1, overall.rowCounts().invalidRows());
  }

  @Test
  void aHistogramWithoutScoreRangesLeavesTheMergeWithoutThemEitherWay() {
    BinaryState withoutRanges = new BinaryState(SETTINGS, false); // an interval group's: its ranges are unknown
    rows(withoutRanges, 0, 3_000, false);
    BinaryState into = sameBothWays(of(3_000, 3_500, false), withoutRanges);
    sameBothWays(into, of(3_500, 4_000, false)); // ranges read past, into a state that has none
    sameBothWays(of(3_500, 4_000, false), into);
  }

  @Test
  void aStateOfOtherSettingsOrDamagedBytesIsRefused() {
    BinaryState into = of(0, 100, true);
    BinaryState other = new BinaryState(new BinarySettings(0.4, false, 500, 2.0, 50));
    other.update(1.0, 0.5, 1.0);
    IllegalArgumentException settings = assertThrows(IllegalArgumentException.class,
        () -> into.mergeBytes(other.toByteArray()));
    assertTrue(settings.getMessage().contains("500"), settings.getMessage());
    byte[] cut = java.util.Arrays.copyOf(of(0, 100, true).toByteArray(), 300);
    IllegalArgumentException damaged = assertThrows(IllegalArgumentException.class, () -> into.mergeBytes(cut));
    assertTrue(damaged.getMessage().startsWith("a serialised binary state is damaged"), damaged.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> into.mergeBytes(new RegressionState(new RegressionSettings(1.0)).toByteArray()));
  }

  @Test
  void evaluationStatesMergeAnyKindsBytes() {
    RegressionState regression = new RegressionState(new RegressionSettings(1.0));
    RegressionState part = new RegressionState(new RegressionSettings(1.0));
    part.update(1.0, 2.0, 1.0);
    EvaluationStates.mergeBytes(regression, part.toByteArray());
    assertEquals(1, regression.rowCounts().rows());
    BinaryState binary = of(0, 10, true);
    EvaluationStates.mergeBytes(binary, of(10, 30, true).toByteArray());
    assertSameMetrics(of(0, 30, true), binary, "0..30");
  }

  @Test
  void aStateKeptAsBytesOrItselfMergesTheSame() {
    BinaryState part = of(500, 2_500, false);
    BinaryState fromBytes = of(0, 500, false);
    KeptState.ofBytes(part.toByteArray()).mergeInto(fromBytes);
    BinaryState fromItself = of(0, 500, false);
    KeptState.itself(part).mergeInto(fromItself);
    assertArrayEquals(fromItself.toByteArray(), fromBytes.toByteArray());
    assertSameMetrics(of(0, 2_500, false), fromBytes, "0..2,500");
  }

  private static void assertSameMetrics(BinaryState expected, BinaryState actual, String what) {
    Map<String, Double> e = expected.metrics();
    Map<String, Double> a = actual.metrics();
    assertEquals(e.keySet(), a.keySet(), what);
    BiConsumer<String, Double> same = (name, value) -> {
      double got = a.get(name);
      if (Double.isNaN(value)) {
        assertTrue(Double.isNaN(got), what + ": " + name + " is " + got);
      } else {
        assertEquals(value, got, 1e-12 * Math.max(1, Math.abs(value)), what + ": " + name);
      }
    };
    e.forEach(same);
  }
}
