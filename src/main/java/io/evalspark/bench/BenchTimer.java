package io.evalspark.bench;

import java.util.function.Supplier;

/** Wall time of an action in seconds; the best of several runs where asked. */
final class BenchTimer {
  private BenchTimer() {}

  static double best(int runs, Supplier<?> action) {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < runs; i++) {
      best = Math.min(best, once(action));
    }
    return best;
  }

  static double once(Supplier<?> action) {
    long start = System.nanoTime();
    action.get();
    return (System.nanoTime() - start) / 1e9;
  }
}
