package io.evalspark.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.evalspark.SparkSerialisers;
import io.evalspark.metrics.MulticlassSettings;
import io.evalspark.metrics.MulticlassState;
import java.util.Random;
import org.apache.spark.serializer.Serializer;
import org.junit.jupiter.api.Test;

/**
 * What the columnar pass's partitions send and its merge reads back, through Java's serialiser and
 * Kryo's (a cluster may set {@code spark.serializer} to Kryo): partitions' states merged after
 * their trips are the states merged where they were made, and nothing merged stays nothing.
 */
class PartitionStatesTest {
  private static final MulticlassSettings SETTINGS = new MulticlassSettings(4, false, true, 2);

  @Test
  void statesMergedAfterTheTripAreTheStatesMergedBeforeIt() {
    MulticlassState[] parts = {state(1), state(2), state(3)};
    MulticlassState expected = state(1);
    expected.merge(state(2));
    expected.merge(state(3));
    for (Serializer serializer : SparkSerialisers.BOTH) {
      PartitionStates merged = SparkSerialisers.roundTrip(serializer, new PartitionStates());
      assertNull(merged.state(), serializer.getClass().getSimpleName());
      for (MulticlassState part : parts) {
        merged = SparkSerialisers.roundTrip(serializer, merged.merge(
            SparkSerialisers.roundTrip(serializer, new PartitionStates(part))));
      }
      assertArrayEquals(expected.toByteArray(), merged.state().toByteArray(), serializer.getClass().getSimpleName());
    }
  }

  @Test
  void aMergeIntoNothingTakesTheOtherStateAndNothingChangesAState() {
    MulticlassState part = state(4);
    byte[] before = part.toByteArray();
    PartitionStates merged = new PartitionStates().merge(new PartitionStates(part)).merge(new PartitionStates());
    assertSame(part, merged.state());
    assertArrayEquals(before, merged.state().toByteArray());
  }

  /** A state of 500 rows of four classes with probabilities drawn from {@code seed}. */
  private static MulticlassState state(long seed) {
    Random r = new Random(seed);
    MulticlassState s = new MulticlassState(SETTINGS);
    double[] p = new double[4];
    for (int i = 0; i < 500; i++) {
      double total = 0;
      for (int c = 0; c < 4; c++) {
        p[c] = r.nextDouble();
        total += p[c];
      }
      for (int c = 0; c < 4; c++) {
        p[c] /= total;
      }
      s.update(r.nextInt(4), Double.NaN, p, 1.0 + r.nextInt(3));
    }
    return s;
  }
}
