package io.evalspark.bench;

import java.util.function.Supplier;

/** Wall time of an action in seconds: once, or the best of several runs after a warm-up. */
final class BenchTimer {
  private BenchTimer() {}

  /**
   * The best of {@code runs} timed runs of {@code action}, after one untimed run that warms what it
   * alone uses (its classes, its code compiled, its files in the page cache).
   */
  static double best(int runs, Supplier<?> action) {
    action.get();
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
