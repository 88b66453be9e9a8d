package io.evalspark.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Weighted mean and sum of squared deviations of one variable. It keeps compensated sums of
 * {@code w}, {@code w d} and {@code w d^2} for {@code d = x - pivot}, the pivot being the first
 * value seen: deviations from a nearby value are exact where the mean dwarfs the spread, so the
 * result does not depend on how rows are split (a running mean, as in Welford's method, rounds at
 * every row). Merging re-expresses the other state's sums around this state's pivot.
 */
public final class WeightedMoments implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private double pivot = Double.NaN;
  private CompensatedSum weight = new CompensatedSum();
  private CompensatedSum deviation = new CompensatedSum();
  private CompensatedSum squaredDeviation = new CompensatedSum();

  /** Counts {@code x} at weight {@code w}. */
  public void update(double x, double w) {
    if (Double.isNaN(pivot)) {
      pivot = x;
    }
    double d = x - pivot;
    weight.add(w);
    deviation.add(w * d);
    squaredDeviation.add(w * d * d);
  }

  /** Adds another state's values. */
  public void merge(WeightedMoments other) {
    if (Double.isNaN(other.pivot)) {
      return;
    }
    if (Double.isNaN(pivot)) {
      pivot = other.pivot;
    }
    // With shift s = other.pivot - pivot: sum w (d + s) = sum w d + s W; sum w (d + s)^2 = sum w d^2 + 2 s sum w d + s^2 W.
    double shift = other.pivot - pivot;
    double w = other.weight.value();
    double wd = other.deviation.value();
    weight.merge(other.weight);
    deviation.merge(other.deviation);
    deviation.add(shift * w);
    squaredDeviation.merge(other.squaredDeviation);
    squaredDeviation.add(2.0 * shift * wd);
    squaredDeviation.add(shift * shift * w);
  }

  double weight() {
    return weight.value();
  }

  /** The weighted mean, 0 where nothing was counted. */
  public double mean() {
    double w = weight.value();
    return w == 0.0 ? 0.0 : pivot + deviation.value() / w;
  }

  /** The weighted sum of squared deviations from the mean, sum of w * (x - mean)^2. */
  public double squaredDeviations() {
    double w = weight.value();
    if (w == 0.0) {
      return 0.0;
    }
    double wd = deviation.value();
    return Math.max(0.0, squaredDeviation.value() - wd * wd / w);
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeDouble(pivot);
    weight.writeTo(out);
    deviation.writeTo(out);
    squaredDeviation.writeTo(out);
  }

  static WeightedMoments readFrom(DataInput in) throws IOException {
    WeightedMoments m = new WeightedMoments();
    m.pivot = in.readDouble();
    m.weight = CompensatedSum.readFrom(in);
    m.deviation = CompensatedSum.readFrom(in);
    m.squaredDeviation = CompensatedSum.readFrom(in);
    return m;
  }
}
