package io.evalspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.SparkSerialisers;
import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.BinaryState;
import io.evalspark.metrics.CellSplit;
import io.evalspark.metrics.HistogramView;
import io.evalspark.metrics.RankingMetrics;
import io.evalspark.metrics.SplitCounts;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.serializer.Serializer;
import org.junit.jupiter.api.Test;

/**
 * What a refinement pass's partitions send and merge reads back through Java's serialiser and
 * through Kryo's (a cluster may set {@code spark.serializer} to Kryo): the whole input's counts
 * and a slice's, under a key holding a null, merged after the trip as they would be before it.
 */
class RefinementCountsTest {
  private static final int N = 30_000;
  private static final List<Object> SLICE = Arrays.asList("kr", null, 3L);

  @Test
  void countsByStateSurviveJavaAndKryoAndMergeAfterTheTrip() {
    Random r = new Random(3);
    double[] p = new double[N];
    boolean[] y = new boolean[N];
    BinaryState first = new BinaryState(new BinarySettings(0.5, false, 200, 1.0, 10));
    for (int i = 0; i < N; i++) {
      y[i] = r.nextDouble() < 0.3;
      p[i] = 1 / (1 + Math.exp(-(r.nextGaussian() + (y[i] ? 1.5 : -0.5))));
      first.update(y[i] ? 1.0 : 0.0, p[i], 1.0);
    }
    HistogramView view = first.ranking();
    CellSplit split = CellSplit.of(view, RankingMetrics.widths(view), 0.0, 8192);
    SplitCounts all = split.emptyCounts();
    SplitCounts[] halves = {split.emptyCounts(), split.emptyCounts()};
    for (int i = 0; i < N; i++) {
      all.update(p[i], y[i], 1.0);
      halves[i % 2].update(p[i], y[i], 1.0);
    }
    HistogramView expected = split.refine(view, all);
    assertTrue(expected.filled() > view.filled(), "the cells were split");
    for (Serializer serializer : SparkSerialisers.BOTH) {
      String what = serializer.getClass().getSimpleName();
      RefinementCounts merged = new RefinementCounts();
      for (SplitCounts half : halves) {
        RefinementCounts partition = new RefinementCounts().add(List.of(), half).add(SLICE, half);
        merged = SparkSerialisers.roundTrip(serializer, merged.merge(SparkSerialisers.roundTrip(serializer, partition)));
      }
      assertNull(merged.get(List.of("another slice")), what);
      for (List<Object> key : List.of(List.<Object>of(), SLICE)) {
        HistogramView refined = split.refine(view, merged.get(key));
        assertEquals(expected.filled(), refined.filled(), what + " " + key);
        for (int k = 0; k < expected.filled(); k++) {
          assertEquals(expected.edge(k), refined.edge(k), 0.0, what);
          assertEquals(expected.positives(k), refined.positives(k), 0.0, what);
          assertEquals(expected.negatives(k), refined.negatives(k), 0.0, what);
          assertEquals(expected.lowestPositive(k), refined.lowestPositive(k), 0.0, what);
          assertEquals(expected.highestPositive(k), refined.highestPositive(k), 0.0, what);
          assertEquals(expected.lowestNegative(k), refined.lowestNegative(k), 0.0, what);
          assertEquals(expected.highestNegative(k), refined.highestNegative(k), 0.0, what);
        }
      }
    }
  }
}
