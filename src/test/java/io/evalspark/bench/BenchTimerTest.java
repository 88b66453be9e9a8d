package io.evalspark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchTimerTest {
  @Test
  void warmsOnceThenCountsTheBestOfItsRuns() {
    // an untimed first run, the slowest, then timed runs of 80, 5 and 20 ms: the best counts
    long[] sleeps = {300, 80, 5, 20};
    List<Long> calls = new ArrayList<>();
    double best = BenchTimer.best(3, () -> {
      long ms = sleeps[calls.size()];
      calls.add(ms);
      sleep(ms);
      return ms;
    });
    assertEquals(4, calls.size());
    assertTrue(best >= 0.005 && best < 0.080, "the best of 80, 5 and 20 ms, got " + best + " s");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
