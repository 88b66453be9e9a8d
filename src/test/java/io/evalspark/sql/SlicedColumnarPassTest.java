package io.evalspark.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.evalspark.SparkSerialisers;
import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.BinaryState;
import io.evalspark.metrics.IntervalState;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.serializer.Serializer;
import org.junit.jupiter.api.Test;

/**
 * What the sliced pass shuffles, and what a shuffle may spill, reads back through either of
 * Spark's serialisers, since a cluster may set {@code spark.serializer} to Kryo: keys of every
 * slice type, null included; a state's byte form; a slice's kept rows; a slice's total.
 */
class SlicedColumnarPassTest {

  /** Rows of a binary slice, with a weight and an invalid label among them. */
  private static double[][] rows(int n, long seed) {
    Random r = new Random(seed);
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = new double[] {i == 3 ? 2 : r.nextInt(2), r.nextDouble(), 0.5 + r.nextInt(3)};
    }
    return rows;
  }

  private static SliceRows kept(double[][] rows) {
    SliceRows kept = new SliceRows(0);
    for (double[] row : rows) {
      kept.add(row[0], row[1], row[2], 1024);
    }
    return kept;
  }

  /** The state of the rows counted one by one, the reference the kept rows must give. */
  private static BinaryState counted(BinarySettings settings, double[][]... parts) {
    BinaryState state = new BinaryState(settings);
    for (double[][] rows : parts) {
      for (double[] row : rows) {
        state.update(row[0], row[1], row[2]);
      }
    }
    return state;
  }

  /** The same rows and invalid rows, and the same metrics to 1e-12 (sums merged, not added in turn). */
  private static void assertSame(BinaryState expected, BinaryState actual, String what) {
    assertEquals(expected.rowCounts().rows(), actual.rowCounts().rows(), what);
    assertEquals(expected.rowCounts().invalidByReason(), actual.rowCounts().invalidByReason(), what);
    assertEquals(expected.metrics().keySet(), actual.metrics().keySet(), what);
    expected.metrics().forEach((name, v) -> assertEquals(v, actual.metrics().get(name),
        Double.isNaN(v) ? 0 : 1e-12 * Math.max(1, Math.abs(v)), what + " " + name));
  }

  @Test
  void sliceRecordsSurviveJavaAndKryoSerialisation() {
    Object[] key = {"kr", 3, true, null, 1.5, 7L};
    byte[] state = {1, 2, 3};
    double[][] rows = rows(5, 1);
    for (Serializer serializer : SparkSerialisers.BOTH) {
      String what = serializer.getClass().getSimpleName();
      var record = SparkSerialisers.roundTrip(serializer, SlicedColumnarPass.record(key, state));
      assertEquals(Arrays.asList(key), record._1(), what);
      assertArrayEquals(state, (byte[]) record._2(), what);
      var withRows = SparkSerialisers.roundTrip(serializer, SlicedColumnarPass.record(key, kept(rows).trimmed()));
      BinaryState fromRows = new BinaryState(BinarySettings.defaults());
      ((SliceRows) withRows._2()).countInto(fromRows);
      assertArrayEquals(counted(BinarySettings.defaults(), rows).toByteArray(), fromRows.toByteArray(), what + ": kept rows");
    }
    assertEquals(Arrays.asList(key), SlicedColumnarPass.record(key, state)._1());
  }

  /**
   * Unweighted rows of labels 0 and 1, then from row {@code odd} on a label of {@code label}, and
   * from row {@code weighted} on weights other than 1.
   */
  private static double[][] plainThen(int n, int odd, double label, int weighted, long seed) {
    Random r = new Random(seed);
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = new double[] {i == odd ? label : r.nextInt(2), r.nextDouble(), i >= weighted ? 0.25 * r.nextInt(9) : 1};
    }
    return rows;
  }

  @Test
  void keptRowsGiveTheStateTheirRowsGiveWhateverTheirLabelsAndWeights() {
    BinarySettings settings = BinarySettings.defaults().withBins(64);
    List<double[][]> cases = List.of(plainThen(300, -1, 0, 300, 5), // labels 0 and 1, no weights
        plainThen(300, 100, -0.0, 300, 6), plainThen(300, 150, Double.NaN, 300, 7), plainThen(300, 20, 2, 200, 8),
        plainThen(300, -1, 0, 9, 9), plainThen(300, 250, 0.5, 40, 10));
    for (double[][] rows : cases) {
      String what = Arrays.toString(rows[Math.min(100, rows.length - 1)]);
      byte[] expected = counted(settings, rows).toByteArray();
      SliceRows kept = kept(rows);
      for (Serializer serializer : SparkSerialisers.BOTH) {
        BinaryState fromRows = new BinaryState(settings);
        SparkSerialisers.roundTrip(serializer, kept.trimmed()).countInto(fromRows);
        assertArrayEquals(expected, fromRows.toByteArray(), what + " " + serializer.getClass().getSimpleName());
      }
      BinaryState counted = new BinaryState(settings);
      kept.countInto(counted);
      assertArrayEquals(expected, counted.toByteArray(), what);
    }
  }

  @Test
  void keptRowsCountIntoAnIntervalStateEachInTheGroupOfItsPlace() {
    BinarySettings settings = BinarySettings.defaults().withBins(64);
    double[][] rows = plainThen(600, 100, 2, 300, 11);
    int partition = 3;
    // the reference: each row counted as it came, in the group of its partition and position
    IntervalState expected = new IntervalState(settings);
    for (int i = 0; i < rows.length; i++) {
      ((BinaryState) expected.whole()).update(rows[i][0], rows[i][1], rows[i][2], expected.binaryGroups(),
          IntervalGroups.ofRow(partition, i));
    }
    for (Serializer serializer : SparkSerialisers.BOTH) {
      // the first 250 counted where they were kept, the rest after the shuffle
      IntervalState state = new IntervalState(settings);
      SliceRows kept = new SliceRows(partition);
      for (int i = 0; i < rows.length; i++) {
        kept.add(rows[i][0], rows[i][1], rows[i][2], 1024);
        if (i == 249) {
          kept.countInto(state);
          kept.forget();
        }
      }
      SparkSerialisers.roundTrip(serializer, kept.trimmed()).countInto(state);
      assertArrayEquals(expected.toByteArray(), state.toByteArray(), serializer.getClass().getSimpleName());
    }
  }

  @Test
  void unweightedRowsOfLabelsZeroAndOneShuffleInAboutNineBytesARow() throws Exception {
    SliceRows kept = kept(plainThen(10_000, -1, 0, 10_000, 11));
    var bytes = new java.io.ByteArrayOutputStream();
    try (var out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(kept.trimmed());
    }
    // a score's 8 bytes and a label's 1, and a few hundred bytes of the class's description
    assertEquals(9 * 10_000, bytes.size(), 1_000, "bytes of 10,000 rows");
  }

  @Test
  void aSlicesTotalCountsRowsAndStatesAsOneStateWouldAndSurvivesASpill() {
    double[][] first = rows(700, 2);
    double[][] second = rows(600, 3); // 1,300 rows: more than the 1,024 a total keeps before counting them
    double[][] third = rows(50, 4);
    BinarySettings settings = BinarySettings.defaults().withBins(16);
    SliceTotal total = new SliceTotal(settings, false, kept(first).trimmed()).add(kept(second).trimmed())
        .add(counted(settings, third).toByteArray());
    BinaryState expected = counted(settings, first, second, third);
    assertSame(expected, BinaryState.fromByteArray(total.toByteArray()), "rows, more rows, a state");
    SliceTotal few = new SliceTotal(settings, false, kept(third).trimmed());
    for (Serializer serializer : SparkSerialisers.BOTH) {
      String what = serializer.getClass().getSimpleName();
      assertArrayEquals(total.toByteArray(), SparkSerialisers.roundTrip(serializer, total).toByteArray(), what);
      SliceTotal spilled = SparkSerialisers.roundTrip(serializer, new SliceTotal(settings, false, kept(third).trimmed()));
      assertArrayEquals(few.toByteArray(), spilled.toByteArray(), what + ": a total of rows only");
      SliceTotal merged = new SliceTotal(settings, false, kept(first).trimmed()).merge(spilled);
      assertSame(counted(settings, first, third), BinaryState.fromByteArray(merged.toByteArray()), what + ": merged");
      assertNull(SparkSerialisers.roundTrip(serializer, new SliceTotal(settings, false, SliceTotal.TOO_MANY)).toByteArray(), what);
      assertNull(new SliceTotal(settings, false, kept(first).trimmed()).merge(
          SparkSerialisers.roundTrip(serializer, new SliceTotal(settings, false, SliceTotal.TOO_MANY))).toByteArray(), what);
    }
  }
}
