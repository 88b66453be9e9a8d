package io.evalspark.metrics;

import static io.evalspark.metrics.ThresholdMetrics.ratio;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per label of a multilabel evaluation, by the label's number (its index in the indicator
 * layout): the weight of rows where it is a true positive, a false positive and a false negative,
 * and how many rows it is true of (whatever their weight, which says which labels occur).
 */
final class LabelCounts {
  /** One label's counts. */
  static final class Counts {
    final CompensatedSum truePositives = new CompensatedSum();
    final CompensatedSum falsePositives = new CompensatedSum();
    final CompensatedSum falseNegatives = new CompensatedSum();
    long trueRows;

    void merge(Counts other) {
      truePositives.merge(other.truePositives);
      falsePositives.merge(other.falsePositives);
      falseNegatives.merge(other.falseNegatives);
      trueRows += other.trueRows;
    }

    /** tp / (tp + fp), 0 where nothing was predicted. */
    double precision() {
      return ratio(truePositives.value(), truePositives.value() + falsePositives.value());
    }

    /** tp / (tp + fn), 0 where the label is never true. */
    double recall() {
      return ratio(truePositives.value(), truePositives.value() + falseNegatives.value());
    }

    /** 2 tp / (2 tp + fp + fn), 0 where the label is neither true nor predicted. */
    double f1() {
      double tp = truePositives.value();
      return ratio(2 * tp, 2 * tp + falsePositives.value() + falseNegatives.value());
    }

    /** The weight of the rows the label is true of. */
    double support() {
      return truePositives.value() + falseNegatives.value();
    }
  }

  private final TreeMap<Double, Counts> byLabel = new TreeMap<>();

  /** Counts one label of one row: whether it is true of the row and whether it was predicted. */
  void update(double label, boolean isTrue, boolean predicted, double w) {
    if (!isTrue && !predicted) {
      byLabel.computeIfAbsent(label, k -> new Counts()); // a label of the indicator layout that this row lacks
      return;
    }
    Counts c = byLabel.computeIfAbsent(label, k -> new Counts());
    if (isTrue) {
      c.trueRows++;
      (predicted ? c.truePositives : c.falseNegatives).add(w);
    } else {
      c.falsePositives.add(w);
    }
  }

  void merge(LabelCounts other) {
    other.byLabel.forEach((label, c) -> byLabel.computeIfAbsent(label, k -> new Counts()).merge(c));
  }

  /** The labels seen, true or predicted, in ascending order, with their counts. */
  Map<Double, Counts> byLabel() {
    return java.util.Collections.unmodifiableMap(byLabel);
  }

  /** How many labels are true of some row. */
  long trueLabels() {
    return byLabel.values().stream().filter(c -> c.trueRows > 0).count();
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeInt(byLabel.size());
    for (Map.Entry<Double, Counts> e : byLabel.entrySet()) {
      out.writeDouble(e.getKey());
      e.getValue().truePositives.writeTo(out);
      e.getValue().falsePositives.writeTo(out);
      e.getValue().falseNegatives.writeTo(out);
      out.writeLong(e.getValue().trueRows);
    }
  }

  static LabelCounts readFrom(DataInput in) throws IOException {
    LabelCounts counts = new LabelCounts();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      Counts c = new Counts();
      double label = in.readDouble();
      c.truePositives.merge(CompensatedSum.readFrom(in));
      c.falsePositives.merge(CompensatedSum.readFrom(in));
      c.falseNegatives.merge(CompensatedSum.readFrom(in));
      c.trueRows = in.readLong();
      counts.byLabel.put(label, c);
    }
    return counts;
  }
}
