package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A refinement plan's size follows its cells, so that a pass over many slices, each with a plan of
 * a few cells, does not hold a table of the whole score range for each; and its lookup finds every
 * row of the split cells, and no other.
 */
class CellSplitTest {
  @Test
  void aPlanOfFewCellsIsSmall() throws Exception {
    BinaryState first = new BinaryState(new BinarySettings(0.5, false, 1_000, 1.0, 10));
    Random r = new Random(3);
    for (int i = 0; i < 200; i++) {
      first.update(i % 3 == 0 ? 1.0 : 0.0, 0.3 + 0.01 * r.nextDouble(), 1.0); // in ten bins, every bin mixed
    }
    HistogramView view = first.ranking();
    CellSplit split = CellSplit.of(view, RankingMetrics.widths(view), 0.0, 64);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(split);
    }
    // its cells' scores, parts and offsets take about 300 bytes; a table of a million slots 128 KB
    assertTrue(bytes.size() < 4_096, "a plan of " + view.filled() + " cells takes " + bytes.size() + " bytes");
  }

  @Test
  void everyRowOfASplitCellFindsAPartAndNoOtherRowDoes() {
    BinaryState first = new BinaryState(new BinarySettings(0.5, false, 100, 1.0, 10));
    Random r = new Random(9);
    int n = 30_000;
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      // most rows piled within 1e-4 of 0.2, where many cells start in one slot; a few spread out
      p[i] = i % 10 == 0 ? r.nextDouble() : 0.2 + 1e-4 * r.nextDouble();
      first.update(i % 4 == 0 ? 1.0 : 0.0, p[i], 1.0);
    }
    HistogramView one = first.ranking();
    CellSplit second = CellSplit.of(one, RankingMetrics.widths(one), 0.0, 4_096);
    SplitCounts counts = second.emptyCounts();
    for (int i = 0; i < n; i++) {
      counts.update(p[i], i % 4 == 0, 1.0);
    }
    HistogramView two = second.refine(one, counts);
    CellSplit third = CellSplit.of(two, RankingMetrics.widths(two), 0.0, 1 << 16);
    assertFindsTheRowsOfItsCells(one, second, p); // cells of a first-pass bin each, over many slots
    assertFindsTheRowsOfItsCells(two, third, p); // many cells starting in one slot
  }

  /**
   * By the definition: a row is in a split cell of {@code plan} iff its score lies in the range of
   * a cell of {@code view} (the plan's) that the plan splits.
   */
  private static void assertFindsTheRowsOfItsCells(HistogramView view, CellSplit plan, double[] p) {
    int expected = 0;
    int found = 0;
    for (double score : p) {
      boolean inSplitCell = false;
      for (int k = 0; k < view.filled(); k++) {
        inSplitCell |= score >= view.lowest(k) && score <= view.highest(k) && plan.splits(k);
      }
      expected += inSplitCell ? 1 : 0;
      found += plan.partOf(score) >= 0 ? 1 : 0;
    }
    assertTrue(expected > 1_000, "the plan splits cells of many rows: " + expected);
    assertEquals(expected, found);
  }
}
