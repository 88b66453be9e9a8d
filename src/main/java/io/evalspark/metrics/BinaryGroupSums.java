package io.evalspark.metrics;

/**
 * The rows of a binary task's interval groups ({@link IntervalState}). The first {@link
 * #DIRECT_ROWS} are counted in the group states themselves, so that a small state (a slice of a
 * few rows) stays small. After that they are gathered in flat arrays of plain sums: one record a
 * group (its counts, sums and calibration bins) and one histogram for all groups. A row then
 * touches two or three cache lines, where a group state's many objects cost it about as much as
 * the state of all rows does. {@link #drain()} adds what was gathered to the group states; their
 * interval state calls it before it reads, merges or writes them.
 *
 * <p>Plain sums are enough here: a group holds about a hundredth of the rows, and the groups give
 * only the spread of the metrics, never their values. Rows that cannot be evaluated are counted
 * in the state of all rows only.
 */
public final class BinaryGroupSums {
  /**
   * The rows counted in the group states directly. The flat arrays (about 360 kB) come after them,
   * when the group states' own cells already hold about as much.
   */
  static final int DIRECT_ROWS = 5_000;
  // A group's record: its rows, its confusion cells, its sums, then per calibration bin the
  // weight, the weighted probability and the weighted label.
  private static final int ROWS = 0;
  private static final int TP = 1;
  private static final int FN = 2;
  private static final int FP = 3;
  private static final int TN = 4;
  private static final int LOSSES = 5;

  private final BinaryState[] groups;
  private final double threshold;
  private final int bins;
  private final int calibrationBins;
  private final int losses;
  private final int weightAt;
  private final int calibrationAt;
  private final int record;
  private int direct;
  /** Per group, per bin: the negatives' weight, then the positives'; null until the direct rows are counted. */
  private double[] histogram;
  private double[] records;

  /** The sums of {@code groups}, the binary group states of one interval state. */
  BinaryGroupSums(BinaryState[] groups) {
    this.groups = groups;
    BinaryState first = groups[0];
    this.threshold = first.settings().threshold();
    this.bins = first.histogram().bins();
    this.calibrationBins = first.calibration().bins();
    this.losses = first.lossCount();
    this.weightAt = LOSSES + losses;
    this.calibrationAt = weightAt + 1;
    this.record = calibrationAt + 3 * calibrationBins;
  }

  /**
   * Counts a valid row in group {@code group}: its label, probability and weight, and its weighted
   * loss terms ({@link BinaryLosses}).
   */
  void add(int group, double label, double p, double weight, double[] lossTerms) {
    if (histogram == null) {
      if (direct < DIRECT_ROWS) {
        direct++;
        groups[group].add(label, p, weight, lossTerms);
        return;
      }
      histogram = new double[groups.length * bins * 2];
      records = new double[groups.length * record];
    }
    groups[group].customStates().update(label, p, weight);
    boolean positive = label == 1.0;
    int bin = ScoreHistogram.binOf(p, bins);
    histogram[2 * (group * bins + bin) + (positive ? 1 : 0)] += weight;
    int at = group * record;
    records[at + ROWS] += 1.0;
    records[at + (positive ? TP : FP) + (p >= threshold ? 0 : 1)] += weight;
    for (int i = 0; i < losses; i++) {
      records[at + LOSSES + i] += lossTerms[i];
    }
    records[at + weightAt] += weight;
    int c = at + calibrationAt + 3 * CalibrationBins.binOf(p, calibrationBins);
    records[c] += weight;
    records[c + 1] += weight * p;
    records[c + 2] += weight * label;
  }

  /** Adds the gathered rows to the group states and empties the arrays. */
  void drain() {
    if (histogram == null) {
      return;
    }
    for (int g = 0; g < groups.length; g++) {
      int at = g * record;
      if (records[at + ROWS] == 0.0) {
        continue;
      }
      BinaryState state = groups[g];
      state.addGathered((long) records[at + ROWS],
          new Confusion(records[at + TP], records[at + FP], records[at + TN], records[at + FN]),
          records, at + LOSSES, records[at + weightAt]);
      for (int b = 0; b < bins; b++) {
        int h = 2 * (g * bins + b);
        if (histogram[h] != 0.0) {
          state.histogram().add(b, false, histogram[h]);
        }
        if (histogram[h + 1] != 0.0) {
          state.histogram().add(b, true, histogram[h + 1]);
        }
      }
      for (int b = 0; b < calibrationBins; b++) {
        int c = at + calibrationAt + 3 * b;
        if (records[c] != 0.0) {
          state.calibration().add(b, records[c], records[c + 1], records[c + 2]);
        }
      }
    }
    java.util.Arrays.fill(histogram, 0.0);
    java.util.Arrays.fill(records, 0.0);
  }
}
