package io.evalspark.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.BinaryState;
import io.evalspark.metrics.CellSplit;
import io.evalspark.metrics.HistogramView;
import io.evalspark.metrics.SplitCounts;
import java.util.List;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.Serializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/**
 * What a partition of a refined evaluation's first pass sends (its state and its counts of every
 * bin's parts) reads back through Java's serialiser and Kryo's, and merges as before the trip.
 */
class StateAndCountsTest {
  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(Serializer serializer, T value) {
    SerializerInstance instance = serializer.newInstance();
    return (T) instance.deserialize(instance.serialize(value, ClassTag$.MODULE$.apply(Object.class)),
        ClassTag$.MODULE$.apply(Object.class));
  }

  @Test
  void aStateAndItsCountsSurviveJavaAndKryoAndMerge() {
    BinarySettings settings = new BinarySettings(0.5, false, 100, 1.0, 10);
    CellSplit grid = CellSplit.everyBin(100, 8);
    BinaryState[] states = {new BinaryState(settings), new BinaryState(settings)};
    SplitCounts[] counts = {grid.emptyCounts(), grid.emptyCounts()};
    BinaryState whole = new BinaryState(settings);
    SplitCounts all = grid.emptyCounts();
    Random r = new Random(4);
    for (int i = 0; i < 3_000; i++) {
      boolean positive = r.nextDouble() < 0.3;
      double p = r.nextDouble();
      states[i % 2].update(positive ? 1.0 : 0.0, p, 1.0);
      counts[i % 2].update(p, positive, 1.0);
      whole.update(positive ? 1.0 : 0.0, p, 1.0);
      all.update(p, positive, 1.0);
    }
    HistogramView expected = grid.refine(whole.ranking(), all);
    for (Serializer serializer : List.of(new JavaSerializer(new SparkConf()), new KryoSerializer(new SparkConf()))) {
      String what = serializer.getClass().getSimpleName();
      StateAndCounts empty = roundTrip(serializer, new StateAndCounts(new BinaryState(settings).toByteArray(), null));
      assertNull(empty.counts(), what);
      StateAndCounts first = roundTrip(serializer, new StateAndCounts(states[0].toByteArray(), counts[0]));
      assertArrayEquals(states[0].toByteArray(), first.state(), what);
      StateAndCounts merged = roundTrip(serializer,
          empty.merge(first).merge(roundTrip(serializer, new StateAndCounts(states[1].toByteArray(), counts[1]))));
      BinaryState state = BinaryState.fromByteArray(merged.state());
      assertEquals(whole.metrics().get("roc_auc"), state.metrics().get("roc_auc"), 1e-12, what);
      HistogramView refined = grid.refine(state.ranking(), merged.counts());
      assertEquals(expected.filled(), refined.filled(), what);
      for (int k = 0; k < expected.filled(); k++) {
        assertEquals(expected.edge(k), refined.edge(k), 0.0, what);
        assertEquals(expected.positives(k), refined.positives(k), 0.0, what);
        assertEquals(expected.negatives(k), refined.negatives(k), 0.0, what);
        assertEquals(expected.lowest(k), refined.lowest(k), 0.0, what);
        assertEquals(expected.highest(k), refined.highest(k), 0.0, what);
      }
    }
  }
}
