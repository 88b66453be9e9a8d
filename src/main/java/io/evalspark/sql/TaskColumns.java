package io.evalspark.sql;

import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.BinaryState;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.IntervalState;
import io.evalspark.metrics.MulticlassSettings;
import io.evalspark.metrics.MulticlassState;
import io.evalspark.metrics.RegressionSettings;
import io.evalspark.metrics.RegressionState;
import io.evalspark.metrics.SplitCounts;
import io.evalspark.metrics.TaskSettings;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * A task's columns in a scan's column batches, from column {@code from} on, read a batch at a
 * time and counted a row at a time into a state. The columns are, in order: the label; the score
 * (binary: a number, or an array of numbers or ML vector of two class probabilities, whose
 * element 1 is read) or prediction (regression, and multiclass when its settings say rows have one); the
 * weight, if any; and for a multiclass task with probabilities, one column of them (an array of
 * numbers or an ML vector) or a number column per class, last.
 */
final class TaskColumns {
  private final ColumnarScan scan;
  private final int from;
  private final boolean multiclass;
  private final boolean hasPrediction;
  private final boolean weighted;
  /** Where the weight is among the number columns, when there is one. */
  private final int weightAt;
  /** Where a multiclass task's probabilities in a number column per class start, or -1. */
  private final int perClassAt;
  private final double[][] numbers;
  private final ClassProbabilities probabilities;
  private final double[] perClass;
  private final int partition;
  private ColumnVector probabilityColumn;
  /** A batch's evaluated rows' probabilities, classes and weights, for {@link #countParts}. */
  private double[] batchProbabilities = new double[0];
  private boolean[] batchPositives = new boolean[0];
  private double[] batchWeights = new double[0];

  /**
   * The task columns of {@code scan} from {@code from} on, a multiclass task's probabilities in
   * the last {@code probabilityColumns} (one array or vector column, or a number column per class),
   * counted as rows of partition {@code partition}.
   */
  TaskColumns(ColumnarScan scan, int from, TaskSettings settings, int probabilityColumns, int partition) {
    this.scan = scan;
    this.from = from;
    this.partition = partition;
    multiclass = settings instanceof MulticlassSettings;
    hasPrediction = !multiclass || ((MulticlassSettings) settings).hasPrediction();
    boolean hasProbabilities = multiclass && ((MulticlassSettings) settings).hasProbabilities();
    weighted = scan.types.length - from == required(settings, probabilityColumns) + 1;
    weightAt = hasPrediction ? 2 : 1;
    boolean oneColumn = hasProbabilities && probabilityColumns == 1;
    numbers = new double[scan.types.length - from - (oneColumn ? 1 : 0)][];
    probabilities = oneColumn ? new ClassProbabilities(scan.types[scan.types.length - 1]) : null;
    perClassAt = hasProbabilities && !oneColumn ? weightAt + (weighted ? 1 : 0) : -1;
    perClass = perClassAt < 0 ? null : new double[probabilityColumns];
  }

  /**
   * Whether the scan's columns from {@code from} on are the task columns of {@code settings} (a
   * multiclass task's probabilities in the last {@code probabilityColumns}), of types this pass
   * reads as the aggregate does (a column of a type the aggregate refuses is left to it, which
   * says what is wrong).
   */
  static boolean fit(ColumnarScan scan, int from, TaskSettings settings, int probabilityColumns) {
    int columns = scan.types.length - from;
    int required = required(settings, probabilityColumns);
    if (required < 0 || probabilityColumns < 1 || (columns != required && columns != required + 1)) {
      return false;
    }
    boolean hasProbabilities = settings instanceof MulticlassSettings m && m.hasProbabilities();
    int arrayColumns = hasProbabilities && probabilityColumns == 1 ? 1 : 0;
    boolean binary = settings instanceof BinarySettings;
    for (int c = from; c < scan.types.length; c++) {
      boolean arrayColumn = c >= scan.types.length - arrayColumns
          || (binary && c == from + 1 && !ColumnNumbers.reads(scan.types[c])); // a score of class probabilities
      boolean ok = arrayColumn ? ClassProbabilities.reads(scan.types[c])
          : ColumnNumbers.reads(scan.types[c]) && (binary || !scan.types[c].equals(DataTypes.BooleanType));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The same, a multiclass task's probabilities (if any) in one array or vector column. */
  static boolean fit(ColumnarScan scan, int from, TaskSettings settings) {
    return fit(scan, from, settings, 1);
  }

  /** The task columns of {@code settings} before any weight, or -1 for a task this pass does not read. */
  private static int required(TaskSettings settings, int probabilityColumns) {
    if (settings instanceof MulticlassSettings m) {
      return 1 + (m.hasPrediction() ? 1 : 0) + (m.hasProbabilities() ? probabilityColumns : 0);
    }
    return settings instanceof BinarySettings || settings instanceof RegressionSettings ? 2 : -1;
  }

  /** Reads a batch's task columns. */
  void read(ColumnarBatch batch) {
    scan.readNumbers(batch, from, numbers);
    if (probabilities != null) {
      probabilityColumn = batch.column(scan.ordinals[scan.types.length - 1]);
    }
  }

  /** Row {@code i}'s probabilities from the number columns of the classes, in a reused array. */
  private double[] row(int i) {
    for (int j = 0; j < perClass.length; j++) {
      perClass[j] = numbers[perClassAt + j][i];
    }
    return perClass;
  }

  /**
   * Keeps row {@code i} of the batch last read, of a binary task, in {@code rows}, of at most
   * {@code most} rows, and returns how many bytes they grew by ({@link SliceRows#add}).
   */
  long keep(int i, SliceRows rows, int most) {
    return rows.add(numbers[0][i], numbers[1][i], weighted ? numbers[weightAt][i] : 1.0, most);
  }

  /**
   * Counts the rows of the batch last read, of a binary task, that {@code kept} keeps (null: every
   * row) and {@code settings} evaluates, into the parts of {@code counts}' refinement plan.
   */
  void countParts(SplitCounts counts, boolean[] kept, int rows, BinarySettings settings) {
    if (batchProbabilities.length < rows) {
      batchProbabilities = new double[rows];
      batchPositives = new boolean[rows];
      batchWeights = new double[rows];
    }
    int n = 0;
    for (int i = 0; i < rows; i++) {
      double label = numbers[0][i];
      double score = numbers[1][i];
      double weight = weighted ? numbers[weightAt][i] : 1.0;
      if ((kept == null || kept[i]) && settings.invalidReason(label, score, weight) == null) {
        batchProbabilities[n] = settings.probability(score);
        batchPositives[n] = label == 1.0;
        batchWeights[n] = weight;
        n++;
      }
    }
    counts.update(batchProbabilities, batchPositives, batchWeights, n);
  }

  /**
   * Counts row {@code i} of the batch last read in {@code state}, the task's state or an interval
   * state of one; the row's place is the next of the state's rows in the partition.
   */
  void count(EvaluationState<?> state, int i) {
    double label = numbers[0][i];
    double second = hasPrediction ? numbers[1][i] : Double.NaN;
    double weight = weighted ? numbers[weightAt][i] : 1.0;
    if (multiclass) {
      double[] p = probabilities != null ? probabilities.row(probabilityColumn, i) : perClass == null ? null : row(i);
      if (state instanceof IntervalState s) {
        long number = IntervalGroups.ofRow(partition, s.nextRow());
        ((MulticlassState) s.whole()).update(label, second, p, weight);
        ((MulticlassState) s.group(number)).update(label, second, p, weight);
      } else {
        ((MulticlassState) state).update(label, second, p, weight);
      }
    } else if (state instanceof IntervalState s) {
      long number = IntervalGroups.ofRow(partition, s.nextRow());
      if (s.whole() instanceof BinaryState binary) {
        binary.update(label, second, weight, s.binaryGroups(), number);
      } else {
        ((RegressionState) s.whole()).update(label, second, weight);
        ((RegressionState) s.group(number)).update(label, second, weight);
      }
    } else if (state instanceof BinaryState binary) {
      binary.update(label, second, weight);
    } else {
      ((RegressionState) state).update(label, second, weight);
    }
  }
}
