package io.evalspark.metrics;

import java.io.Serializable;

/**
 * What a refinement pass counts for one state's {@link CellSplit}: the weight of positives and
 * negatives in each part of the split cells, and each part's score ranges. Mergeable; its memory
 * follows the parts the rows reach, at most 64 bytes each.
 */
public final class SplitCounts implements Serializable {
  private static final long serialVersionUID = 1L;
  private final CellSplit split;
  private final CompensatedArray positives;
  private final CompensatedArray negatives;
  private final ScoreRanges ranges;

  SplitCounts(CellSplit split) {
    this.split = split;
    int size = split.parts();
    positives = new CompensatedArray(size);
    negatives = new CompensatedArray(size);
    ranges = new ScoreRanges(size);
  }

  /** Counts one evaluated row by its probability, class and weight; rows outside the split cells add nothing. */
  public void update(double p, boolean positive, double w) {
    int part = split.partOf(p);
    if (part >= 0) {
      (positive ? positives : negatives).add(part, w);
      ranges.update(part, positive, p);
    }
  }

  /** Adds the counts of another pass over other rows, for the same plan. */
  public SplitCounts merge(SplitCounts other) {
    positives.merge(other.positives);
    negatives.merge(other.negatives);
    ranges.merge(other.ranges);
    return this;
  }

  double positives(int part) {
    return positives.get(part);
  }

  double negatives(int part) {
    return negatives.get(part);
  }

  double[] ranges(int part) {
    return ranges.get(part);
  }
}
