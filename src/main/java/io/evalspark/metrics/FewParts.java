package io.evalspark.metrics;

import java.util.Arrays;

/**
 * The records of the parts a task's rows have reached while they are few, as {@link SplitCounts}
 * counts them before it takes a record for every part: each part's record (six doubles, as
 * {@link SplitCounts#STRIDE} lays them out) at its position among the parts in the order they were
 * first reached ({@link CellPositions}), and their roundings once a sum rounds. A task of a
 * thousand rows so holds a thousand records, not the millions of its plan.
 */
final class FewParts {
  private static final int STRIDE = SplitCounts.STRIDE;
  private final CellPositions positions;
  /** The most records it starts with; it doubles them as parts are reached. */
  private static final int FIRST_RECORDS = 1024;
  /** The records, and the roundings (two a record) or null while none has rounded. */
  double[] records;
  double[] roundings;

  /**
   * No parts reached yet, of counts of {@code size} parts, of which it will hold at most {@code
   * most}: records for as many to start with, up to {@link #FIRST_RECORDS}, so that the counts of
   * a slice's plan of 64 parts take 3 KB, not 48.
   */
  FewParts(int size, int most) {
    positions = new CellPositions(size);
    records = SplitCounts.emptyRecords(Math.max(1, Math.min(FIRST_RECORDS, most)));
  }

  /** How many parts were reached. */
  int count() {
    return positions.filled();
  }

  /** The record of {@code part}, an empty one added when the part is new. */
  int recordOf(int part) {
    int k = positions.positionOf(part);
    if (k >= 0) {
      return k;
    }
    k = positions.add(part);
    if (k * STRIDE == records.length) {
      double[] more = SplitCounts.emptyRecords(2 * k);
      System.arraycopy(records, 0, more, 0, records.length);
      records = more;
      roundings = roundings == null ? null : Arrays.copyOf(roundings, 4 * k);
    }
    return k;
  }

  /** The reached parts in ascending order, of counts of {@code size} parts. */
  ReachedParts inOrder(int size) {
    int[] ascending = positions.ascending();
    int n = ascending.length;
    int[] parts = new int[n];
    double[] ordered = new double[n * STRIDE];
    double[] orderedRoundings = roundings == null ? null : new double[2 * n];
    for (int i = 0; i < n; i++) {
      parts[i] = positions.cell(ascending[i]);
      SplitCounts.copyRecord(records, roundings, ascending[i], ordered, orderedRoundings, i);
    }
    return new ReachedParts(size, parts, ordered, orderedRoundings);
  }

  /**
   * Copies every record into {@code every}, a record for every part, and returns the roundings of
   * every part, or null while none has rounded.
   */
  double[] copyInto(double[] every) {
    double[] everyRoundings = roundings == null ? null : new double[2 * (every.length / STRIDE)];
    for (int k = 0; k < count(); k++) {
      SplitCounts.copyRecord(records, roundings, k, every, everyRoundings, positions.cell(k));
    }
    return everyRoundings;
  }
}
