package io.evalspark.metrics;

import java.util.Arrays;

/**
 * The records of the parts a task's rows have reached while they are few, as {@link SplitCounts}
 * counts them before it takes a record for every part: each part's record (six doubles, as
 * {@link SplitCounts#STRIDE} lays them out) in the order the parts were first reached, their
 * roundings once a sum rounds, and a hash table from part to record. A task of a thousand rows so
 * holds a thousand records, not the millions of its plan.
 */
final class FewParts {
  private static final int STRIDE = SplitCounts.STRIDE;
  private int count;
  private int[] parts = new int[1024];
  /** The records, and the roundings (two a record) or null while none has rounded. */
  double[] records = empty(1024);
  double[] roundings;
  /** Each slot: a record's index + 1, or 0 when empty; twice as many slots as records at least. */
  private int[] table = new int[2048];

  /** How many parts were reached. */
  int count() {
    return count;
  }

  /** The record of {@code part}, an empty one added when the part is new. */
  int recordOf(int part) {
    int slot = slotOf(part);
    if (table[slot] != 0) {
      return table[slot] - 1;
    }
    if (count == parts.length) {
      grow();
      slot = slotOf(part);
    }
    parts[count] = part;
    table[slot] = ++count;
    return count - 1;
  }

  /** The slot of {@code part} in the table, or the empty slot where it would go. */
  private int slotOf(int part) {
    int mask = table.length - 1;
    int slot = hash(part) & mask;
    while (table[slot] != 0 && parts[table[slot] - 1] != part) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private static int hash(int part) {
    int h = part * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private void grow() {
    int capacity = 2 * parts.length;
    parts = Arrays.copyOf(parts, capacity);
    double[] more = empty(capacity);
    System.arraycopy(records, 0, more, 0, records.length);
    records = more;
    roundings = roundings == null ? null : Arrays.copyOf(roundings, 2 * capacity);
    table = new int[2 * capacity];
    int mask = table.length - 1;
    for (int k = 0; k < count; k++) {
      int slot = hash(parts[k]) & mask;
      while (table[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      table[slot] = k + 1;
    }
  }

  /** Records of empty parts: no weight, and ranges that hold nothing. */
  static double[] empty(int records) {
    double[] a = new double[records * STRIDE];
    for (int at = 0; at < a.length; at += STRIDE) {
      a[at + 2] = Double.POSITIVE_INFINITY;
      a[at + 3] = Double.NEGATIVE_INFINITY;
      a[at + 4] = Double.POSITIVE_INFINITY;
      a[at + 5] = Double.NEGATIVE_INFINITY;
    }
    return a;
  }

  /**
   * The reached parts in ascending order, of counts of {@code size} parts: found by marking them in
   * a bit a part and reading the bits in order, so nothing is sorted.
   */
  ReachedParts inOrder(int size) {
    long[] marked = new long[(size + 63) / 64];
    for (int k = 0; k < count; k++) {
      marked[parts[k] >>> 6] |= 1L << parts[k];
    }
    int[] sorted = new int[count];
    double[] sortedRecords = new double[count * STRIDE];
    double[] sortedRoundings = roundings == null ? null : new double[2 * count];
    int i = 0;
    for (int word = 0; word < marked.length; word++) {
      for (long bits = marked[word]; bits != 0; bits &= bits - 1) {
        int part = word << 6 | Long.numberOfTrailingZeros(bits);
        int k = table[slotOf(part)] - 1;
        sorted[i] = part;
        SplitCounts.copyRecord(records, roundings, k, sortedRecords, sortedRoundings, i++);
      }
    }
    return new ReachedParts(size, sorted, sortedRecords, sortedRoundings);
  }

  /**
   * Copies every record into {@code every}, a record for every part, and returns the roundings of
   * every part, or null while none has rounded.
   */
  double[] copyInto(double[] every) {
    double[] everyRoundings = roundings == null ? null : new double[2 * (every.length / STRIDE)];
    for (int k = 0; k < count; k++) {
      SplitCounts.copyRecord(records, roundings, k, every, everyRoundings, parts[k]);
    }
    return everyRoundings;
  }
}
