package io.evalspark.sql;

import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.BinaryState;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.EvaluationStates;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.ColumnarToRowExec;
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
    SparkPlan scan = columnarScan(columns);
    DataType[] types = scan == null ? null : numberTypes(scan);
    if (types == null || types.length < 2 || types.length > 3) {
      return null;
    }
    byte[] merged = scan.executeColumnar().toJavaRDD()
        .mapPartitions(batches -> List.of(binaryState(batches, types, settings).toByteArray()).iterator())
        .fold(new BinaryState(settings).toByteArray(), ColumnarPass::merge);
    return BinaryState.fromByteArray(merged);
  }

  private static BinaryState binaryState(Iterator<ColumnarBatch> batches, DataType[] types, BinarySettings settings) {
    BinaryState state = new BinaryState(settings);
    double[][] values = new double[types.length][];
    while (batches.hasNext()) {
      ColumnarBatch batch = batches.next();
      int rows = batch.numRows();
      for (int c = 0; c < types.length; c++) {
        values[c] = ColumnNumbers.read(batch.column(c), types[c], rows, values[c]);
      }
      double[] label = values[0];
      double[] score = values[1];
      if (types.length == 3) {
        double[] weight = values[2];
        for (int i = 0; i < rows; i++) {
          state.update(label[i], score[i], weight[i]);
        }
      } else {
        for (int i = 0; i < rows; i++) {
          state.update(label[i], score[i], 1.0);
        }
      }
    }
    return state;
  }

  /**
   * The node that produces {@code columns}' batches, when its plan is a columnar scan turned into
   * rows and nothing more; otherwise null.
   */
  static SparkPlan columnarScan(Dataset<Row> columns) {
    SparkPlan plan = columns.queryExecution().executedPlan();
    SparkPlan node = plan;
    while (!node.supportsColumnar()) {
      if (!(node instanceof WholeStageCodegenExec || node instanceof ColumnarToRowExec) || node.children().size() != 1) {
        return null;
      }
      node = node.children().head();
    }
    return node.output().equals(plan.output()) ? node : null;
  }

  /** The types of the scan's columns, or null when one of them does not read as numbers. */
  private static DataType[] numberTypes(SparkPlan scan) {
    DataType[] types = new DataType[scan.output().size()];
    for (int c = 0; c < types.length; c++) {
      types[c] = scan.output().apply(c).dataType();
      if (!ColumnNumbers.reads(types[c])) {
        return null;
      }
    }
    return types;
  }

  private static byte[] merge(byte[] a, byte[] b) {
    EvaluationState<?> merged = EvaluationStates.fromByteArray(a);
    EvaluationStates.merge(merged, EvaluationStates.fromByteArray(b));
    return merged.toByteArray();
  }
}
