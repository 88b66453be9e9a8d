package io.evalspark.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A weighted K x K confusion matrix, rows the true class and columns the predicted class. It grows
 * to the largest class index seen, so one pass needs no count of classes beforehand.
 */
public final class ConfusionMatrix {
  private int classes;
  private CompensatedArray cells;

  /** An empty matrix of {@code classes} classes (it grows as larger indices arrive). */
  public ConfusionMatrix(int classes) {
    this.classes = classes;
    this.cells = new CompensatedArray(classes * classes);
  }

  /** Counts one row with weight {@code w}. */
  public void update(int actual, int predicted, double w) {
    growTo(Math.max(actual, predicted) + 1);
    cells.add(actual * classes + predicted, w);
  }

  /** Adds another matrix, growing to the larger class count. */
  public void merge(ConfusionMatrix other) {
    growTo(other.classes);
    for (int a = 0; a < other.classes; a++) {
      for (int p = 0; p < other.classes; p++) {
        cells.addCell(a * classes + p, other.cells, a * other.classes + p);
      }
    }
  }

  /** The number of classes: one more than the largest index seen or declared. */
  public int classes() {
    return classes;
  }

  /** The weight of rows of true class {@code actual} predicted as {@code predicted}. */
  public double count(int actual, int predicted) {
    return cells.get(actual * classes + predicted);
  }

  private void growTo(int size) {
    if (size <= classes) {
      return;
    }
    CompensatedArray grown = new CompensatedArray(size * size);
    for (int a = 0; a < classes; a++) {
      for (int p = 0; p < classes; p++) {
        grown.addCell(a * size + p, cells, a * classes + p);
      }
    }
    classes = size;
    cells = grown;
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeInt(classes);
    cells.writeTo(out);
  }

  static ConfusionMatrix readFrom(DataInput in) throws IOException {
    ConfusionMatrix m = new ConfusionMatrix(0);
    m.classes = in.readInt();
    m.cells = CompensatedArray.readFrom(in);
    return m;
  }
}
