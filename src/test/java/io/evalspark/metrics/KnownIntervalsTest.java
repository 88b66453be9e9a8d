package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A kept state's reads share the intervals one of them found, and a read that is then merged with
 * other rows finds its own; each against intervals of a state read on its own.
 */
class KnownIntervalsTest {
  private static IntervalState rows(int n, long seed) {
    Random r = new Random(seed);
    IntervalState state = new IntervalState(BinarySettings.defaults());
    for (int i = 0; i < n; i++) {
      double p = r.nextDouble();
      ((BinaryState) state.whole()).update(r.nextDouble() < p ? 1 : 0, p, 1.0, state.binaryGroups(), state.nextRow());
    }
    return state;
  }

  /** The intervals of the state in {@code bytes}, read on its own, at {@code level}. */
  private static Intervals alone(byte[] bytes, double level) {
    return IntervalState.fromByteArray(bytes).intervals(level);
  }

  @Test
  void readsOfAKeptStateShareTheIntervalsFoundOnce() {
    byte[] bytes = rows(3000, 1).toByteArray();
    KeptState kept = KeptState.ofBytes(bytes);
    IntervalState first = (IntervalState) kept.state();
    IntervalState second = (IntervalState) kept.state();
    assertNotSame(first, second);
    Intervals found = first.intervals(0.95);
    assertEquals(alone(bytes, 0.95), found);
    assertSame(found, second.intervals(0.95), "the second read finds them again");
    Intervals other = second.intervals(0.9);
    assertEquals(alone(bytes, 0.9), other);
    assertNotEquals(found, other);
    assertSame(other, ((IntervalState) kept.state()).intervals(0.9));
  }

  @Test
  void aReadMergedWithOtherRowsFindsItsOwnIntervalsAndLeavesTheKeptOnes() {
    byte[] bytes = rows(3000, 2).toByteArray();
    byte[] more = rows(2000, 3).toByteArray();
    KeptState kept = KeptState.ofBytes(bytes);
    IntervalState read = (IntervalState) kept.state();
    Intervals before = read.intervals(0.95);
    read.merge(IntervalState.fromByteArray(more));
    IntervalState both = IntervalState.fromByteArray(bytes);
    both.merge(IntervalState.fromByteArray(more));
    assertEquals(both.intervals(0.95), read.intervals(0.95));
    assertNotEquals(before, read.intervals(0.95));
    assertEquals(alone(bytes, 0.95), ((IntervalState) kept.state()).intervals(0.95), "the kept state's own");
  }
}
