package io.evalspark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pairs get numbers in turn, the same pair always its own: as a map of pairs would give them. */
class PairNumbersTest {
  @Test
  void pairsAreNumberedInTurnAsAMapOfPairsNumbersThem() {
    PairNumbers numbers = new PairNumbers();
    Map<List<Integer>, Integer> reference = new HashMap<>();
    Random r = new Random(11);
    for (int i = 0; i < 200_000; i++) {
      int first = r.nextInt(3) == 0 ? r.nextInt(Integer.MAX_VALUE) : r.nextInt(300);
      int second = r.nextInt(3) == 0 ? Integer.MAX_VALUE - r.nextInt(3) : r.nextInt(40);
      int expected = reference.computeIfAbsent(List.of(first, second), k -> reference.size());
      assertEquals(expected, numbers.number(first, second), "(" + first + ", " + second + ")");
    }
    assertEquals(reference.size(), numbers.size());
    PairNumbers swapped = new PairNumbers();
    assertEquals(0, swapped.number(1, 2));
    assertEquals(1, swapped.number(2, 1));
    assertEquals(2, swapped.number(0, 0));
    assertEquals(0, swapped.number(1, 2));
  }
}
