package io.evalspark.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A fixed or growing array of compensated sums (histogram bins, confusion-matrix cells), stored as
 * two primitive arrays so that an update allocates nothing. Serialised sparsely: only non-zero cells.
 */
final class CompensatedArray {
  private double[] sum;
  private double[] compensation;

  CompensatedArray(int size) {
    sum = new double[size];
    compensation = new double[size];
  }

  int size() {
    return sum.length;
  }

  void add(int i, double x) {
    double s = sum[i];
    double t = s + x;
    double error = Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s;
    if (error != 0.0) {
      // Whole-number weights (counts) never round, so a histogram of unweighted rows touches only
      // its sums: one cache line a row instead of two.
      compensation[i] += error;
    }
    sum[i] = t;
  }

  double get(int i) {
    return sum[i] + compensation[i];
  }

  /** Adds cell {@code j} of {@code other}, both of its parts, into cell {@code i}. */
  void addCell(int i, CompensatedArray other, int j) {
    add(i, other.sum[j]);
    add(i, other.compensation[j]);
  }

  /** The compensated sum of all cells. */
  double total() {
    CompensatedSum s = new CompensatedSum();
    for (int i = 0; i < sum.length; i++) {
      s.add(sum[i]);
      s.add(compensation[i]);
    }
    return s.value();
  }

  /** Adds another array cell by cell; it must not be longer than this one. */
  void merge(CompensatedArray other) {
    for (int i = 0; i < other.sum.length; i++) {
      if (other.sum[i] != 0.0 || other.compensation[i] != 0.0) {
        addCell(i, other, i);
      }
    }
  }

  void writeTo(DataOutput out) throws IOException {
    int nonZero = 0;
    for (int i = 0; i < sum.length; i++) {
      if (sum[i] != 0.0 || compensation[i] != 0.0) {
        nonZero++;
      }
    }
    out.writeInt(sum.length);
    out.writeInt(nonZero);
    for (int i = 0; i < sum.length; i++) {
      if (sum[i] != 0.0 || compensation[i] != 0.0) {
        out.writeInt(i);
        out.writeDouble(sum[i]);
        out.writeDouble(compensation[i]);
      }
    }
  }

  static CompensatedArray readFrom(DataInput in) throws IOException {
    CompensatedArray a = new CompensatedArray(in.readInt());
    int nonZero = in.readInt();
    for (int k = 0; k < nonZero; k++) {
      int i = in.readInt();
      a.sum[i] = in.readDouble();
      a.compensation[i] = in.readDouble();
    }
    return a;
  }
}
