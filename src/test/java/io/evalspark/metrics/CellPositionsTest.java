package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Cells filled in any order are found again, and listed in ascending order, however few or many. */
class CellPositionsTest {
  @Test
  void cellsAreFoundAndListedInAscendingOrderWhetherFewOrMany() {
    Random r = new Random(9);
    for (int[] sizeAndCells : new int[][] {{1_000_000, 50}, {10_000, 1_200}, {100, 90}}) {
      int size = sizeAndCells[0];
      CellPositions positions = new CellPositions(size);
      TreeMap<Integer, Integer> expected = new TreeMap<>(); // cell -> the position it was filled at
      while (expected.size() < sizeAndCells[1]) {
        int cell = r.nextInt(size);
        if (positions.positionOf(cell) < 0) {
          expected.put(cell, positions.add(cell));
        } else {
          assertEquals(expected.get(cell), positions.positionOf(cell), "cell " + cell);
        }
      }
      assertEquals(expected.size(), positions.filled());
      List<Integer> ascending = new ArrayList<>();
      for (int p : positions.ascending()) {
        ascending.add(p);
      }
      assertEquals(new ArrayList<>(expected.values()), ascending, "positions by ascending cell, size " + size);
      for (int cell = 0; cell < size; cell += 1 + size / 1000) {
        assertEquals(expected.getOrDefault(cell, -1), positions.positionOf(cell), "cell " + cell);
      }
    }
  }
}
