package io.evalspark.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The weighted mean of a per-row quantity: a compensated sum of {@code w * value} and of {@code w}. */
public final class MeanLoss implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private CompensatedSum total = new CompensatedSum();
  private CompensatedSum weight = new CompensatedSum();

  /**
   * A mean that is undefined, and stays so when merged: one a state of an older byte form did not
   * keep.
   */
  static MeanLoss unknown() {
    MeanLoss m = new MeanLoss();
    m.total = CompensatedSum.unknown();
    return m;
  }

  /** Adds one row's value with weight {@code w}. */
  public void update(double value, double w) {
    total.add(w * value);
    weight.add(w);
  }

  /** Adds another state. */
  public void merge(MeanLoss other) {
    total.merge(other.total);
    weight.merge(other.weight);
  }

  /** The weighted sum of values. */
  public double total() {
    return total.value();
  }

  /** The sum of weights. */
  public double weight() {
    return weight.value();
  }

  /** The weighted mean, NaN when no weight was seen. */
  public double mean() {
    return of(total, weight);
  }

  /**
   * The weighted mean whose weighted sum is {@code total} and sum of weights {@code weight}, NaN
   * when that is 0: the one formula of every weighted mean of the states.
   */
  static double of(CompensatedSum total, CompensatedSum weight) {
    double w = weight.value();
    return w == 0.0 ? Double.NaN : total.value() / w;
  }

  void writeTo(DataOutput out) throws IOException {
    total.writeTo(out);
    weight.writeTo(out);
  }

  static MeanLoss readFrom(DataInput in) throws IOException {
    MeanLoss m = new MeanLoss();
    m.total = CompensatedSum.readFrom(in);
    m.weight = CompensatedSum.readFrom(in);
    return m;
  }
}
