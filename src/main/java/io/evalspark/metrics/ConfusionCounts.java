package io.evalspark.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Weighted true/false positive/negative counts of a binary classifier at one threshold. */
public final class ConfusionCounts {
  private CompensatedSum tp = new CompensatedSum();
  private CompensatedSum fp = new CompensatedSum();
  private CompensatedSum tn = new CompensatedSum();
  private CompensatedSum fn = new CompensatedSum();

  /** The summed weight of the rows counted. */
  double total() {
    return tp.value() + fp.value() + tn.value() + fn.value();
  }

  /** Counts one row of weight {@code w}. */
  public void update(boolean actualPositive, boolean predictedPositive, double w) {
    if (actualPositive) {
      (predictedPositive ? tp : fn).add(w);
    } else {
      (predictedPositive ? fp : tn).add(w);
    }
  }

  /** Adds another state's counts. */
  public void merge(ConfusionCounts other) {
    tp.merge(other.tp);
    fp.merge(other.fp);
    tn.merge(other.tn);
    fn.merge(other.fn);
  }

  /** True positives. */
  public double tp() {
    return tp.value();
  }

  /** False positives. */
  public double fp() {
    return fp.value();
  }

  /** True negatives. */
  public double tn() {
    return tn.value();
  }

  /** False negatives. */
  public double fn() {
    return fn.value();
  }

  /** A read-only view of the counts, which the threshold formulas read. */
  public Confusion view() {
    return new Confusion(tp(), fp(), tn(), fn());
  }

  void writeTo(DataOutput out) throws IOException {
    tp.writeTo(out);
    fp.writeTo(out);
    tn.writeTo(out);
    fn.writeTo(out);
  }

  static ConfusionCounts readFrom(DataInput in) throws IOException {
    ConfusionCounts c = new ConfusionCounts();
    c.tp = CompensatedSum.readFrom(in);
    c.fp = CompensatedSum.readFrom(in);
    c.tn = CompensatedSum.readFrom(in);
    c.fn = CompensatedSum.readFrom(in);
    return c;
  }
}
