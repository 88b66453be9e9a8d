package io.evalspark.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The weighted means of several per-row quantities of the same rows: a compensated sum of
 * {@code w * value} for each, and one sum of the weights for all of them, which a row adds once
 * rather than once a quantity. In its byte form each mean is a {@link MeanLoss}'s (its total, then
 * the weight), so the bytes are those of as many means each keeping its own weight.
 */
final class SameRowMeans {
  private final CompensatedSum[] totals;
  private CompensatedSum weight = new CompensatedSum();

  /** {@code count} empty means. */
  SameRowMeans(int count) {
    totals = new CompensatedSum[count];
    for (int i = 0; i < count; i++) {
      totals[i] = new CompensatedSum();
    }
  }

  /** Adds a row's value of quantity {@code i} with weight {@code w}; {@link #addRow} adds the weight. */
  void add(int i, double value, double w) {
    totals[i].add(w * value);
  }

  /** Adds the weight of a row whose values {@link #add} added. */
  void addRow(double w) {
    if (totals.length > 0) {
      weight.add(w);
    }
  }

  /** Adds the means of other rows of the same quantities. */
  void merge(SameRowMeans other) {
    for (int i = 0; i < totals.length; i++) {
      totals[i].merge(other.totals[i]);
    }
    weight.merge(other.weight);
  }

  /** The weighted mean of quantity {@code i}, NaN when no weight was seen. */
  double mean(int i) {
    return MeanLoss.of(totals[i], weight);
  }

  /** The weighted sum of quantity {@code i}. */
  double total(int i) {
    return totals[i].value();
  }

  void writeTo(DataOutput out) throws IOException {
    for (CompensatedSum total : totals) {
      total.writeTo(out);
      weight.writeTo(out);
    }
  }

  /**
   * Reads the byte form of {@code count} means, of which the first {@code kept} were written (the
   * others, which an older byte form did not keep, are undefined).
   */
  static SameRowMeans readFrom(DataInput in, int count, int kept) throws IOException {
    SameRowMeans m = new SameRowMeans(count);
    for (int i = 0; i < count; i++) {
      if (i >= kept) {
        m.totals[i] = CompensatedSum.unknown();
        continue;
      }
      m.totals[i] = CompensatedSum.readFrom(in);
      CompensatedSum weight = CompensatedSum.readFrom(in); // every mean's is the same rows' weight
      if (i == 0) {
        m.weight = weight;
      }
    }
    return m;
  }
}
