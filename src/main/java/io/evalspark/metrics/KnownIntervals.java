package io.evalspark.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The intervals of one state's rows found so far, by level: what {@link IntervalState#intervals}
 * computed once and gives again. A {@link KeptState} hands its own to every state it reads from its
 * byte form, so that a report, a gate and the history asking for one slice's intervals compute them
 * once, not once each (each computation merges and measures its {@link IntervalState#GROUPS}
 * groups). A few hundred bytes a level.
 */
final class KnownIntervals {
  private final List<Intervals> found = new ArrayList<>(1);

  /** The intervals at {@code level}, or null when not yet found. */
  synchronized Intervals at(double level) {
    for (Intervals i : found) {
      if (i.level() == level) {
        return i;
      }
    }
    return null;
  }

  synchronized void add(Intervals intervals) {
    if (at(intervals.level()) == null) {
      found.add(intervals);
    }
  }
}
