package io.evalspark.sql;

import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.RegressionSettings;
import io.evalspark.metrics.TaskSettings;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.ProjectExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * The node that produces a dataset's column batches, and where in its batches and of which types
 * the dataset's columns are: what {@link ColumnarPass} and {@link SlicedColumnarPass} read.
 */
final class ColumnarScan implements Serializable {
  private static final long serialVersionUID = 1L;
  final transient SparkPlan node;
  final int[] ordinals;
  final DataType[] types;

  private ColumnarScan(SparkPlan node, int[] ordinals, DataType[] types) {
    this.node = node;
    this.ordinals = ordinals;
    this.types = types;
  }

  /**
   * The scan of {@code columns} when its plan is a columnar scan turned into rows, perhaps with
   * some of its columns left out or reordered, and its columns all read as numbers; otherwise null.
   */
  static ColumnarScan of(Dataset<Row> columns) {
    return of(columns, 0);
  }

  /** The same, the first {@code keyColumns} columns slice keys ({@link SliceKeys#reads}) and the rest numbers. */
  static ColumnarScan of(Dataset<Row> columns, int keyColumns) {
    SparkPlan plan = columns.queryExecution().executedPlan();
    SparkPlan node = plan;
    while (!node.supportsColumnar()) {
      if (!(node instanceof WholeStageCodegenExec || node instanceof ColumnarToRowExec || isSelection(node))) {
        return null;
      }
      node = node.children().head();
    }
    int width = plan.output().size();
    int[] ordinals = new int[width];
    DataType[] types = new DataType[width];
    for (int c = 0; c < width; c++) {
      Attribute column = plan.output().apply(c);
      ordinals[c] = node.output().indexOf(column);
      types[c] = column.dataType();
      if (ordinals[c] < 0 || !(c < keyColumns ? SliceKeys.reads(types[c]) : ColumnNumbers.reads(types[c]))) {
        return null;
      }
    }
    return new ColumnarScan(node, ordinals, types);
  }

  /**
   * Reads a batch's number columns from column {@code from} on into {@code values} (one array a
   * column, reused when long enough), as {@link ColumnNumbers#read} reads them.
   */
  void readNumbers(ColumnarBatch batch, int from, double[][] values) {
    for (int c = 0; c < values.length; c++) {
      int at = from + c;
      values[c] = ColumnNumbers.read(batch.column(ordinals[at]), types[at], batch.numRows(), values[c]);
    }
  }

  /** Whether a node only selects some of its child's columns. */
  private static boolean isSelection(SparkPlan node) {
    if (!(node instanceof ProjectExec)) {
      return false;
    }
    for (int c = 0; c < node.output().size(); c++) {
      if (!node.children().head().output().contains(((ProjectExec) node).projectList().apply(c))) {
        return false;
      }
    }
    return true;
  }

  /** Whether the columns after the {@code keyColumns} keys are a binary or regression task's of {@code settings}. */
  boolean readsTask(int keyColumns, TaskSettings settings) {
    if (!(settings instanceof BinarySettings || settings instanceof RegressionSettings)) {
      return false;
    }
    List<DataType> task = Arrays.asList(types).subList(keyColumns, types.length);
    // the aggregate says what is wrong with a boolean regression column
    return task.size() >= 2 && task.size() <= 3
        && !(settings instanceof RegressionSettings && task.contains(DataTypes.BooleanType));
  }
}
