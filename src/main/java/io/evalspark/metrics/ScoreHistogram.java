package io.evalspark.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Weighted counts of positives and negatives in equal-width score bins over [0, 1]: the counter
 * only. {@link #view()} answers questions about the counts; {@link RankingMetrics} and {@link
 * RankingCurves} are the formulas over that view.
 */
public final class ScoreHistogram {
  /** The default number of bins. */
  public static final int DEFAULT_BINS = 10_000;
  private final CompensatedArray positives;
  private final CompensatedArray negatives;
  /**
   * Each bin's score range per class; null for a histogram stored before ranges were kept, and for
   * one that such a histogram was merged into.
   */
  private ScoreRanges ranges;

  /** An empty histogram of {@code bins} bins. */
  public ScoreHistogram(int bins) {
    this(bins, true);
  }

  /**
   * An empty histogram of {@code bins} bins that keeps each bin's score ranges, or, without {@code
   * scoreRanges}, only its weights (the ranges are then unknown, and prove nothing).
   */
  ScoreHistogram(int bins, boolean scoreRanges) {
    if (bins < 1) {
      throw new IllegalArgumentException("a score histogram needs at least one bin, got " + bins);
    }
    positives = new CompensatedArray(bins);
    negatives = new CompensatedArray(bins);
    ranges = scoreRanges ? new ScoreRanges(bins) : null;
  }

  private ScoreHistogram(CompensatedArray positives, CompensatedArray negatives, ScoreRanges ranges) {
    this.positives = positives;
    this.negatives = negatives;
    this.ranges = ranges;
  }

  /**
   * Turns dense now when {@code rows} rows could fill enough bins to make it dense, so that a
   * histogram about to count that many does not first fill bins sparsely only to copy them.
   */
  void denseFor(long rows) {
    if (CompensatedArray.denseFor(rows, bins())) {
      positives.makeDense();
      negatives.makeDense();
      if (ranges != null) {
        ranges.makeDense();
      }
    }
  }

  /**
   * Empties every bin, keeping their arrays, for a state reused from one slice to the next: then it
   * holds what {@link #ScoreHistogram(int)} makes, score ranges included.
   */
  void clear() {
    positives.clear();
    negatives.clear();
    if (ranges != null) {
      ranges.clear();
    } else {
      ranges = new ScoreRanges(bins());
    }
  }

  /** The number of bins. */
  public int bins() {
    return positives.size();
  }

  /** Counts one row: a score in [0, 1], its class, its weight. */
  public void update(double score, boolean positive, double w) {
    int bin = binOf(score, positives.size());
    (positive ? positives : negatives).add(bin, w);
    if (ranges != null) {
      ranges.update(bin, positive, score);
    }
  }

  /** The bin, of {@code bins}, that a score in [0, 1] falls in. */
  static int binOf(double score, int bins) {
    return Math.min((int) (score * bins), bins - 1);
  }

  /**
   * Adds weight {@code w} of one class to bin {@code bin} without its scores: the bins' ranges are
   * then unknown.
   */
  void add(int bin, boolean positive, double w) {
    (positive ? positives : negatives).add(bin, w);
    ranges = null;
  }

  /** Adds another histogram of the same number of bins. */
  public void merge(ScoreHistogram other) {
    if (other.bins() != bins()) {
      throw new IllegalArgumentException(
          "cannot merge score histograms of " + bins() + " and " + other.bins() + " bins");
    }
    positives.merge(other.positives);
    negatives.merge(other.negatives);
    if (other.ranges == null) {
      ranges = null; // the merged bins' ranges are no longer known
    } else if (ranges != null) {
      ranges.merge(other.ranges);
    }
  }

  /**
   * Adds the histogram that {@link #readFrom} would read from {@code in}, as {@link #merge} adds it,
   * bin by bin as they are read.
   */
  void mergeFrom(DataInput in, int version) throws IOException {
    positives.mergeFrom(in);
    negatives.mergeFrom(in);
    if (version < 2 || !in.readBoolean()) {
      ranges = null; // the merged bins' ranges are no longer known
    } else if (ranges != null) {
      ranges.mergeFrom(in);
    } else {
      ScoreRanges.readFrom(in); // read past: these bins' ranges are already unknown
    }
  }

  /** A read-only view of the counts, which the ranking formulas and curves read: the non-empty bins only. */
  public HistogramView view() {
    CompensatedArray.Filled pos = positives.filled();
    CompensatedArray.Filled neg = negatives.filled();
    int most = pos.count() + neg.count();
    double[] edge = new double[most];
    double[] positive = new double[most];
    double[] negative = new double[most];
    double[] range = new double[ScoreRanges.WIDTH * most];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < pos.count() || j < neg.count()) { // both by ascending bin: one sweep joins them
      int bin = j == neg.count() || (i < pos.count() && pos.index(i) <= neg.index(j)) ? pos.index(i) : neg.index(j);
      if (i < pos.count() && pos.index(i) == bin) {
        positive[k] = pos.value(i++);
      }
      if (j < neg.count() && neg.index(j) == bin) {
        negative[k] = neg.value(j++);
      }
      edge[k] = (double) bin / bins();
      if (ranges == null) {
        System.arraycopy(UNKNOWN, 0, range, ScoreRanges.WIDTH * k, ScoreRanges.WIDTH);
      } else {
        ranges.copyTo(bin, range, ScoreRanges.WIDTH * k);
      }
      k++;
    }
    return new HistogramView(bins(), Arrays.copyOf(edge, k), Arrays.copyOf(positive, k), Arrays.copyOf(negative, k),
        Arrays.copyOf(range, ScoreRanges.WIDTH * k));
  }

  /** The ranges of a bin stored without them: as wide as can be, so that they prove nothing. */
  private static final double[] UNKNOWN = {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};

  void writeTo(DataOutput out) throws IOException {
    positives.writeTo(out);
    negatives.writeTo(out);
    out.writeBoolean(ranges != null);
    if (ranges != null) {
      ranges.writeTo(out);
    }
  }

  /** Reads a histogram; format version 1 kept no score ranges. */
  static ScoreHistogram readFrom(DataInput in, int version) throws IOException {
    CompensatedArray pos = CompensatedArray.readFrom(in);
    CompensatedArray neg = CompensatedArray.readFrom(in);
    return new ScoreHistogram(pos, neg, version >= 2 && in.readBoolean() ? ScoreRanges.readFrom(in) : null);
  }
}
