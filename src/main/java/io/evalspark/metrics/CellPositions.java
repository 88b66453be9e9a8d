package io.evalspark.metrics;

import java.util.Arrays;

/**
 * Where a sparse array ({@link CompensatedArray}, {@link ScoreRanges}) keeps its filled cells:
 * at positions in the order they were filled, found through an open-addressing hash table. A new
 * cell then costs the same however many are filled (in a sorted array it shifts every cell after
 * it, which made a state of a thousand slices, each filling a thousand bins, thirty times slower
 * than one state). A slot holds its cell beside its position, so finding a cell reads one place in
 * memory: a sliced pass's states are far larger than the processor's caches, and each further
 * place a row reads there costs it a wait for memory. The cells' ascending order, which byte forms
 * and merges follow, is sorted when asked for and kept until the next new cell.
 */
final class CellPositions implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  /** Cells are from 0 to this, exclusive. */
  private final int size;
  private int[] cells = new int[4];
  private int filled;
  /**
   * Slot s is {@code table[2s]}, its cell plus one (0 is empty), and {@code table[2s + 1]}, the
   * cell's position. At most half the slots are full.
   */
  private int[] table = new int[16];
  private int[] ascending;

  /** No cells filled, of {@code size} cells. */
  CellPositions(int size) {
    this.size = size;
  }

  /** The number of filled cells. */
  int filled() {
    return filled;
  }

  /** The cell at {@code position}. */
  int cell(int position) {
    return cells[position];
  }

  /** The position of {@code cell}, or -1 when it is not filled. */
  int positionOf(int cell) {
    int mask = table.length / 2 - 1;
    for (int s = slot(cell, mask); ; s = (s + 1) & mask) {
      int c = table[2 * s];
      if (c == 0) {
        return -1;
      }
      if (c == cell + 1) {
        return table[2 * s + 1];
      }
    }
  }

  /** Fills {@code cell}, which is not filled yet, at the next position, and returns that position. */
  int add(int cell) {
    if (filled == cells.length) {
      cells = Arrays.copyOf(cells, 2 * filled);
    }
    cells[filled] = cell;
    filled++;
    ascending = null;
    if (4 * filled > table.length) {
      table = new int[2 * table.length];
      for (int p = 0; p < filled; p++) {
        place(p);
      }
    } else {
      place(filled - 1);
    }
    return filled - 1;
  }

  /** The positions, in the ascending order of their cells. */
  int[] ascending() {
    if (ascending == null) {
      ascending = size / 64 <= 4 * filled ? byBits() : bySorting();
    }
    return ascending;
  }

  /** The ascending order from a bit a cell: for cells that fill more than a 256th of the size. */
  private int[] byBits() {
    long[] bits = new long[(size + 63) / 64];
    for (int p = 0; p < filled; p++) {
      bits[cells[p] >>> 6] |= 1L << cells[p];
    }
    int[] out = new int[filled];
    int k = 0;
    for (int w = 0; w < bits.length; w++) {
      for (long b = bits[w]; b != 0; b &= b - 1) {
        out[k++] = positionOf(64 * w + Long.numberOfTrailingZeros(b));
      }
    }
    return out;
  }

  private int[] bySorting() {
    long[] keyed = new long[filled];
    for (int p = 0; p < filled; p++) {
      keyed[p] = ((long) cells[p] << 32) | p; // cells and positions are never negative
    }
    Arrays.sort(keyed);
    int[] out = new int[filled];
    for (int k = 0; k < filled; k++) {
      out[k] = (int) keyed[k];
    }
    return out;
  }

  private void place(int position) {
    int mask = table.length / 2 - 1;
    int s = slot(cells[position], mask);
    while (table[2 * s] != 0) {
      s = (s + 1) & mask;
    }
    table[2 * s] = cells[position] + 1;
    table[2 * s + 1] = position;
  }

  private static int slot(int cell, int mask) {
    int h = cell * 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
  }
}
