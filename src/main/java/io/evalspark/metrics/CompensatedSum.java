package io.evalspark.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A running sum with Neumaier's compensation, so that the total does not depend on the order in
 * which rows and partitions are added (beyond about one unit in the last place). A sum that
 * overflows is infinite, as the plain sum is: its compensation ({@code inf - inf}) is then
 * meaningless and left out.
 */
public final class CompensatedSum implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private double sum;
  private double compensation;

  /** A sum that is undefined (NaN), and stays so when added to: one an older byte form did not keep. */
  static CompensatedSum unknown() {
    CompensatedSum s = new CompensatedSum();
    s.sum = Double.NaN;
    return s;
  }

  /** Adds one term. */
  public void add(double x) {
    double t = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) {
      compensation += (sum - t) + x;
    } else {
      compensation += (x - t) + sum;
    }
    sum = t;
  }

  /** Adds another sum, keeping both parts of it. */
  public void merge(CompensatedSum other) {
    add(other.sum);
    if (!Double.isInfinite(other.sum)) {
      add(other.compensation);
    }
  }

  /** The compensated total. */
  public double value() {
    return Double.isInfinite(sum) ? sum : sum + compensation;
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeDouble(sum);
    out.writeDouble(compensation);
  }

  static CompensatedSum readFrom(DataInput in) throws IOException {
    CompensatedSum s = new CompensatedSum();
    s.sum = in.readDouble();
    s.compensation = in.readDouble();
    return s;
  }
}
