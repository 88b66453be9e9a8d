package io.evalspark.sql;

import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.BinaryState;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.EvaluationStates;
import io.evalspark.metrics.IntervalState;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.ProjectExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * The evaluation pass for an input that is nothing but a columnar scan (Parquet or ORC read by
 * Spark's vectorised readers): each partition feeds its column batches straight into one state,
 * with no row objects and no aggregation loop, and the partitions' states merge as they reach the
 * driver. The state, and so every metric, is the one the evaluation aggregate computes from the same
 * rows; only Spark's per-row overhead is gone. Anything else (a filter, a computed column, a
 * row-based format, an array score) is not a plain scan, and callers run the aggregate.
 */
public final class ColumnarPass {
  private ColumnarPass() {}

  /**
   * The binary state of {@code columns}' rows, whose columns are label, score and optionally
   * weight, all numbers or booleans; null when they are not a plain columnar scan.
   */
  public static BinaryState binaryState(Dataset<Row> columns, BinarySettings settings) {
    return (BinaryState) binaryState(columns, settings, false);
  }

  /**
   * The same, as an {@link IntervalState} when {@code intervals} is set: each row also counts in
   * the group of its place in its partition, as {@link IntervalGroups#ofRow} numbers it.
   */
  public static EvaluationState<?> binaryState(Dataset<Row> columns, BinarySettings settings, boolean intervals) {
    Scan scan = Scan.of(columns);
    if (scan == null || scan.types.length < 2 || scan.types.length > 3) {
      return null;
    }
    byte[] merged = scan.node.executeColumnar().toJavaRDD()
        .mapPartitions(batches -> List.of(binaryState(batches, scan, settings, intervals).toByteArray()).iterator())
        .fold(emptyState(settings, intervals).toByteArray(), ColumnarPass::merge);
    return EvaluationStates.fromByteArray(merged);
  }

  private static EvaluationState<?> emptyState(BinarySettings settings, boolean intervals) {
    return intervals ? new IntervalState(settings) : new BinaryState(settings);
  }

  private static EvaluationState<?> binaryState(Iterator<ColumnarBatch> batches, Scan scan, BinarySettings settings,
      boolean intervals) {
    EvaluationState<?> out = emptyState(settings, intervals);
    IntervalState groups = intervals ? (IntervalState) out : null;
    BinaryState state = (BinaryState) IntervalState.whole(out);
    int partition = TaskContext.getPartitionId();
    long row = 0;
    double[][] values = new double[scan.types.length][];
    while (batches.hasNext()) {
      ColumnarBatch batch = batches.next();
      int rows = batch.numRows();
      for (int c = 0; c < values.length; c++) {
        values[c] = ColumnNumbers.read(batch.column(scan.ordinals[c]), scan.types[c], rows, values[c]);
      }
      double[] label = values[0];
      double[] score = values[1];
      double[] weight = values.length == 3 ? values[2] : null;
      if (groups != null) {
        for (int i = 0; i < rows; i++) {
          double w = weight == null ? 1.0 : weight[i];
          state.update(label[i], score[i], w, groups.binaryGroups(), IntervalGroups.ofRow(partition, row++));
        }
      } else if (weight != null) {
        for (int i = 0; i < rows; i++) {
          state.update(label[i], score[i], weight[i]);
        }
      } else {
        for (int i = 0; i < rows; i++) {
          state.update(label[i], score[i], 1.0);
        }
      }
    }
    return out;
  }

  /**
   * The node that produces a dataset's column batches, and where in its batches and of which types
   * the dataset's columns are.
   */
  private static final class Scan implements Serializable {
    private static final long serialVersionUID = 1L;
    final transient SparkPlan node;
    final int[] ordinals;
    final DataType[] types;

    private Scan(SparkPlan node, int[] ordinals, DataType[] types) {
      this.node = node;
      this.ordinals = ordinals;
      this.types = types;
    }

    /**
     * The scan of {@code columns} when its plan is a columnar scan turned into rows, perhaps with
     * some of its columns left out or reordered, and its columns all read as numbers; otherwise null.
     */
    static Scan of(Dataset<Row> columns) {
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
        if (ordinals[c] < 0 || !ColumnNumbers.reads(types[c])) {
          return null;
        }
      }
      return new Scan(node, ordinals, types);
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
  }

  private static byte[] merge(byte[] a, byte[] b) {
    EvaluationState<?> merged = EvaluationStates.fromByteArray(a);
    EvaluationStates.merge(merged, EvaluationStates.fromByteArray(b));
    return merged.toByteArray();
  }
}
