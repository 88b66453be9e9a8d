package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A refinement pass's counts give the same refined cells however the rows are split among tasks
 * and whatever form the counts merge in (every part's record, or only the reached parts after
 * serialisation), with weight sums that are exact to the last bits even where they round.
 */
class SplitCountsTest {
  private static final int N = 20_000;

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  @Test
  void countsOfASmallPlanTakeLittleMemory() {
    BinaryState first = new BinaryState(new BinarySettings(0.5, false, 1_000, 1.0, 10));
    for (int i = 0; i < 100; i++) {
      first.update(i % 2, 0.3 + 1e-6 * i, 1.0); // in one bin, both classes
    }
    HistogramView view = first.ranking();
    CellSplit split = CellSplit.of(view, RankingMetrics.widths(view), 0.0, 64); // a slice's plan
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    SplitCounts[] slices = new SplitCounts[1_000];
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < slices.length; i++) {
      slices[i] = split.emptyCounts();
      slices[i].update(0.3, true, 1.0);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    // a record for each of the 64 parts is 3 KB: a thousand such counts, 3 MB at most
    assertTrue(allocated < 4_000_000, "1,000 counts of 64 parts allocated " + allocated + " bytes");
    assertEquals(1, slices[999].reachedParts());
  }

  @Test
  void mergedFormsGiveTheCellsOfOneCountWithExactWeightSums() throws Exception {
    Random r = new Random(5);
    double[] p = new double[N];
    boolean[] y = new boolean[N];
    double[] w = new double[N];
    BinaryState first = new BinaryState(new BinarySettings(0.5, false, 100, 1.0, 10));
    BigDecimal positives = BigDecimal.ZERO;
    for (int i = 0; i < N; i++) {
      y[i] = r.nextDouble() < 0.4;
      p[i] = Math.min(1, Math.max(0, 0.4 + (y[i] ? 0.2 : 0) + 0.2 * r.nextGaussian()));
      w[i] = 0.1 + r.nextInt(7) * 0.3; // sums of these round
      first.update(y[i] ? 1.0 : 0.0, p[i], w[i]);
      positives = y[i] ? positives.add(new BigDecimal(w[i])) : positives;
    }
    HistogramView view = first.ranking();
    CellSplit split = CellSplit.of(view, RankingMetrics.widths(view), 0.0, 4096);
    SplitCounts whole = split.emptyCounts();
    SplitCounts a = split.emptyCounts();
    SplitCounts b = split.emptyCounts();
    SplitCounts c = split.emptyCounts();
    for (int i = 0; i < N; i++) {
      whole.update(p[i], y[i], w[i]);
      (i % 3 == 0 ? a : i % 3 == 1 ? b : c).update(p[i], y[i], w[i]);
    }
    HistogramView once = split.refine(view, whole);
    SplitCounts reached = roundTrip(a).merge(roundTrip(b)).merge(roundTrip(c));
    SplitCounts everyPart = split.emptyCounts().merge(a).merge(roundTrip(b)).merge(c);
    for (SplitCounts merged : new SplitCounts[] {reached, everyPart}) {
      HistogramView refined = split.refine(view, merged);
      assertEquals(once.filled(), refined.filled());
      assertTrue(refined.filled() > view.filled(), "the cells were split");
      for (int k = 0; k < once.filled(); k++) {
        assertEquals(once.edge(k), refined.edge(k), 0.0);
        assertEquals(once.positives(k), refined.positives(k), 1e-15 * Math.max(1, once.positives(k)));
        assertEquals(once.negatives(k), refined.negatives(k), 1e-15 * Math.max(1, once.negatives(k)));
        assertEquals(once.lowestPositive(k), refined.lowestPositive(k), 0.0);
        assertEquals(once.highestNegative(k), refined.highestNegative(k), 0.0);
      }
      assertEquals(positives.doubleValue(), refined.totalPositives(), 1e-15 * positives.doubleValue());
    }
  }

  @Test
  void aWeightTooSmallToChangeTheSumStillCountsInEveryForm() throws Exception {
    BinaryState first = new BinaryState(new BinarySettings(0.5, false, 10, 1.0, 10));
    first.update(1.0, 0.30, 1.0);
    first.update(0.0, 0.31, 1.0);
    first.update(1.0, 0.32, 1.0);
    HistogramView view = first.ranking();
    CellSplit split = CellSplit.of(view, RankingMetrics.widths(view), 0.0, 64);
    SplitCounts big = split.emptyCounts();
    big.update(0.30, true, 1e16);
    SplitCounts reached = roundTrip(big);
    SplitCounts everyPart = split.emptyCounts().merge(big);
    for (int i = 0; i < 1000; i++) { // a task a row of weight 1: 1e16 + 1 rounds back to 1e16
      SplitCounts row = split.emptyCounts();
      row.update(0.30, true, 1.0);
      SplitCounts read = roundTrip(row);
      reached.merge(read);
      everyPart.merge(read);
    }
    double exact = 1e16 + 1000; // a double: 1e16 has a step of 2
    assertEquals(exact, split.refine(view, reached).totalPositives(), 0.0, "merged as reached parts");
    assertEquals(exact, split.refine(view, everyPart).totalPositives(), 0.0, "merged into every part's record");
    SplitCounts one = split.emptyCounts();
    one.update(0.30, true, 1e16);
    for (int i = 0; i < 1000; i++) {
      one.update(0.30, true, 1.0);
    }
    assertEquals(exact, split.refine(view, roundTrip(one)).totalPositives(), 0.0);
  }

  @Test
  void countsOfFewRowsKeptAsTheirPartsEqualCountsIntoEveryPartsRecord() throws Exception {
    Random r = new Random(8);
    int n = 20_000;
    double[] p = new double[n];
    boolean[] y = new boolean[n];
    BinaryState first = new BinaryState(new BinarySettings(0.5, false, 100, 1.0, 10));
    for (int i = 0; i < n; i++) {
      y[i] = r.nextDouble() < 0.3;
      p[i] = r.nextDouble();
      first.update(y[i] ? 1.0 : 0.0, p[i], 1.0);
    }
    HistogramView view = first.ranking();
    CellSplit split = CellSplit.of(view, RankingMetrics.widths(view), 0.0, 1 << 16);
    SplitCounts all = split.emptyCounts(); // 20,000 rows reach far more than 1 in 32 of 65,536 parts
    SplitCounts pieces = split.emptyCounts();
    for (int i = 0; i < n; i++) {
      all.update(p[i], y[i], 1.0);
    }
    for (int from = 0; from < n; from += 200) { // each piece's 200 rows stay a few parts' records
      SplitCounts piece = split.emptyCounts();
      for (int i = from; i < from + 200; i++) {
        piece.update(p[i], y[i], 1.0);
      }
      pieces.merge(from % 400 == 0 ? piece : roundTrip(piece));
    }
    HistogramView expected = split.refine(view, all);
    HistogramView actual = split.refine(view, roundTrip(pieces));
    assertEquals(expected.filled(), actual.filled());
    for (int k = 0; k < expected.filled(); k++) {
      assertEquals(expected.edge(k), actual.edge(k), 0.0);
      assertEquals(expected.positives(k), actual.positives(k), 0.0);
      assertEquals(expected.negatives(k), actual.negatives(k), 0.0);
      assertEquals(expected.lowestPositive(k), actual.lowestPositive(k), 0.0);
      assertEquals(expected.highestPositive(k), actual.highestPositive(k), 0.0);
      assertEquals(expected.lowestNegative(k), actual.lowestNegative(k), 0.0);
      assertEquals(expected.highestNegative(k), actual.highestNegative(k), 0.0);
    }
  }

  @Test
  void theByteFormOfEveryPartsRecordIsThatOfItsReachedPartsAndReadsBackWhole() throws Exception {
    int size = 1000;
    double[] every = SplitCounts.emptyRecords(size); // nothing reached: empty ranges
    int[] parts = {0, 3, 200, 201, 999};
    double[][] reached = { // positive weight, negative weight, positive range, negative range
        {1, 0, 0.1, 0.1, inf(), -inf()}, {2, 3, 0.2, 0.25, 0.21, 0.22}, {0.5, 0, 0.3, 0.3, inf(), -inf()},
        {0, 7, inf(), -inf(), 0.4, 0.4}, {0, 0, 0.9, 0.9, inf(), -inf()}}; // the last: a row of weight 0
    double[] records = new double[parts.length * SplitCounts.STRIDE];
    for (int k = 0; k < parts.length; k++) {
      System.arraycopy(reached[k], 0, records, k * SplitCounts.STRIDE, SplitCounts.STRIDE);
      System.arraycopy(reached[k], 0, every, parts[k] * SplitCounts.STRIDE, SplitCounts.STRIDE);
    }
    byte[] bytes = ReachedParts.toBytes(size, parts, records, null);
    assertArrayEquals(bytes, ReachedParts.toBytesOfEveryPart(size, every, null));
    ReachedParts read = ReachedParts.fromBytes(bytes);
    assertEquals(size, read.size());
    assertArrayEquals(parts, read.parts());
    assertArrayEquals(records, read.records(), 0.0);
    IOException shortOf = assertThrows(IOException.class,
        () -> ReachedParts.fromBytes(Arrays.copyOf(bytes, bytes.length - 1)));
    assertEquals("the reached parts end early", shortOf.getMessage());
    IOException longer = assertThrows(IOException.class,
        () -> ReachedParts.fromBytes(Arrays.copyOf(bytes, bytes.length + 2)));
    assertEquals("2 bytes follow the last reached part", longer.getMessage());
    byte[] fewerParts = bytes.clone();
    fewerParts[3] = (byte) 0xE7; // counts of 999 parts (0x3E7), not 1000
    IOException outside = assertThrows(IOException.class, () -> ReachedParts.fromBytes(fewerParts));
    assertEquals("part 999 is outside 202..998", outside.getMessage());
  }

  private static double inf() {
    return Double.POSITIVE_INFINITY;
  }
}
