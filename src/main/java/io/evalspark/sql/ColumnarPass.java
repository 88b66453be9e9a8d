package io.evalspark.sql;

import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.BinaryState;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.IntervalState;
import io.evalspark.metrics.TaskSettings;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * The evaluation pass of a binary, regression or multiclass task for an input that is nothing but
 * a columnar scan (Parquet or ORC read by Spark's vectorised readers), perhaps filtered: each
 * partition feeds the rows of its column batches that the filter keeps straight into one state,
 * with no row objects and no aggregation loop, and the partitions' states merge in a tree on the
 * executors, as objects: each is written once, when its task sends it ({@link PartitionStates}).
 * The state, and so every metric, is the one
 * the evaluation aggregate computes from the same rows; only Spark's per-row overhead is gone.
 * Slices by string, number or boolean columns are counted the same way, a state for each slice in
 * each partition (of a binary task, the rows of a slice that has few there), merged by slice on the
 * executors ({@link SlicedColumnarPass}). A binary score may
 * be an array or ML vector of two class probabilities, of which element 1 is read. Anything else (a
 * filter that is not deterministic or holds a subquery, a computed column, a row-based format,
 * many slices) is not a plain scan of this kind, and callers run the aggregate.
 */
public final class ColumnarPass {
  /**
   * The levels of the tree in which the partitions' states merge on the executors (as {@code
   * treeAggregate} does), so that the driver merges about the square root of their number.
   */
  private static final int MERGE_DEPTH = 2;

  private ColumnarPass() {}

  /**
   * The binary state of {@code columns}' rows, whose columns are label, score and optionally
   * weight, all numbers or booleans; null when they are not a plain columnar scan.
   */
  public static BinaryState binaryState(Dataset<Row> columns, BinarySettings settings) {
    return (BinaryState) state(columns, settings, false);
  }

  /**
   * The state of a task ({@code settings}) of {@code columns}' rows, whose columns are the task's
   * as {@link TaskColumns} lists them: label, score or prediction, optionally weight, all numbers
   * (a binary task's may be booleans), and a multiclass task's probabilities last (one array or
   * vector column); an {@link IntervalState} when {@code intervals} is set, each row also counted
   * in the group of its place in its partition, as {@link IntervalGroups#ofRow} numbers it. Null
   * when the columns are not a plain columnar scan of such columns.
   */
  public static EvaluationState<?> state(Dataset<Row> columns, TaskSettings settings, boolean intervals) {
    return state(columns, settings, intervals, 1);
  }

  /**
   * The same, a multiclass task's probabilities in its last {@code probabilityColumns} columns:
   * one array or vector column, or a number column per class.
   */
  public static EvaluationState<?> state(Dataset<Row> columns, TaskSettings settings, boolean intervals,
      int probabilityColumns) {
    ColumnarScan scan = ColumnarScan.of(columns);
    if (scan == null || !TaskColumns.fit(scan, 0, settings, probabilityColumns)) {
      return null;
    }
    EvaluationState<?> merged = scan.node.executeColumnar().toJavaRDD()
        .mapPartitions(batches -> List.of(new PartitionStates(state(batches, scan, settings, probabilityColumns,
            intervals))).iterator())
        .treeAggregate(new PartitionStates(), PartitionStates::merge, PartitionStates::merge, MERGE_DEPTH)
        .state();
    return merged != null ? merged : emptyState(settings, intervals);
  }

  /** An empty state of {@code settings}, or an interval state of one. */
  static EvaluationState<?> emptyState(TaskSettings settings, boolean intervals) {
    return intervals ? new IntervalState(settings) : settings.emptyState();
  }

  private static EvaluationState<?> state(Iterator<ColumnarBatch> batches, ColumnarScan scan, TaskSettings settings,
      int probabilityColumns, boolean intervals) {
    EvaluationState<?> out = emptyState(settings, intervals);
    TaskColumns task = new TaskColumns(scan, 0, settings, probabilityColumns, TaskContext.getPartitionId());
    boolean[] kept = null;
    while (batches.hasNext()) {
      ColumnarBatch batch = batches.next();
      task.read(batch);
      kept = scan.kept(batch, kept);
      for (int i = 0; i < batch.numRows(); i++) {
        if (kept == null || kept[i]) {
          task.count(out, i);
        }
      }
    }
    return out;
  }
}
