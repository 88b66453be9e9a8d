package io.evalspark.sql;

import java.io.Serializable;
import java.lang.reflect.Method;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.BasePredicate;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.PlanExpression;
import org.apache.spark.sql.catalyst.expressions.Predicate;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.FilterExec;
import org.apache.spark.sql.execution.ProjectExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * The node that produces a dataset's column batches, where in its batches and of which types the
 * dataset's columns are, and the filter that keeps some of their rows: what {@link ColumnarPass}
 * and {@link SlicedColumnarPass} read.
 */
final class ColumnarScan implements Serializable {
  private static final long serialVersionUID = 1L;
  final transient SparkPlan node;
  final int[] ordinals;
  final DataType[] types;
  /** The condition a row of the batches must meet to count (Spark's filter over the scan), or null. */
  private final Expression filter;
  /**
   * The batches' columns, which the filter's are found among: a Scala {@code Seq} of attributes,
   * held as an object because its Java type differs between Scala 2.12 and 2.13.
   */
  private final Object batchColumns;
  private transient BasePredicate predicate;

  private ColumnarScan(SparkPlan node, int[] ordinals, DataType[] types, Expression filter) {
    this.node = node;
    this.ordinals = ordinals;
    this.types = types;
    this.filter = filter;
    this.batchColumns = node.output();
  }

  /**
   * The scan of {@code columns} when its plan is a columnar scan turned into rows, perhaps with
   * some of its columns left out or reordered, and perhaps filtered by one deterministic condition
   * (such as a {@code --where} on data columns, which Parquet and ORC also use to skip row groups),
   * otherwise null. Whether the task's columns are of types the pass reads is {@link
   * TaskColumns#fit}'s to say.
   */
  static ColumnarScan of(Dataset<Row> columns) {
    return of(columns, 0);
  }

  /** The same, the first {@code keyColumns} columns slice keys ({@link SliceKeys#reads}), the rest the task's. */
  static ColumnarScan of(Dataset<Row> columns, int keyColumns) {
    SparkPlan plan = columns.queryExecution().executedPlan();
    SparkPlan node = plan;
    Expression filter = null;
    while (!node.supportsColumnar()) {
      if (filter == null && node instanceof FilterExec f && isPlainCondition(f.condition())) {
        filter = f.condition();
      } else if (!(node instanceof WholeStageCodegenExec || node instanceof ColumnarToRowExec || isSelection(node))) {
        return null;
      }
      node = node.children().head();
    }
    int width = plan.output().size();
    int[] ordinals = new int[width];
    DataType[] types = new DataType[width];
    for (int c = 0; c < width; c++) {
      Attribute column = plan.output().apply(c);
      ordinals[c] = indexOf(node.output(), column);
      types[c] = column.dataType();
      if (ordinals[c] < 0 || (c < keyColumns && !SliceKeys.reads(types[c]))) {
        return null;
      }
    }
    return new ColumnarScan(node, ordinals, types, filter);
  }

  /**
   * Where a column is among a node's output, found by its id: a filter marks the columns it
   * proves non-null as such, so the same column above it is not equal to the one it reads.
   */
  private static int indexOf(scala.collection.Seq<Attribute> output, Attribute column) {
    for (int c = 0; c < output.size(); c++) {
      if (output.apply(c).exprId().equals(column.exprId())) {
        return c;
      }
    }
    return -1;
  }

  /** Whether a filter's condition is deterministic and holds no subquery: one a row's own values decide. */
  private static boolean isPlainCondition(Expression condition) {
    if (!condition.deterministic() || condition instanceof PlanExpression) {
      return false;
    }
    for (int c = 0; c < condition.children().size(); c++) {
      if (!isPlainCondition(condition.children().apply(c))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Which of a batch's rows the scan's filter keeps (in {@code into} when it is long enough), as
   * Spark's filter decides it; null when the scan has no filter and every row counts.
   */
  boolean[] kept(ColumnarBatch batch, boolean[] into) {
    if (filter == null) {
      return null;
    }
    if (predicate == null) {
      predicate = predicate(filter, batchColumns);
      predicate.initialize(TaskContext.getPartitionId());
    }
    int rows = batch.numRows();
    boolean[] out = into != null && into.length >= rows ? into : new boolean[rows];
    for (int i = 0; i < rows; i++) {
      out[i] = predicate.eval(batch.getRow(i));
    }
    return out;
  }

  /** Spark's predicate of {@code condition} over rows of {@code columns} (a Scala Seq of attributes). */
  private static BasePredicate predicate(Expression condition, Object columns) {
    try {
      for (Method create : Predicate.class.getMethods()) {
        if (create.getName().equals("create") && create.getParameterCount() == 2) {
          return (BasePredicate) create.invoke(null, condition, columns);
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Spark's Predicate.create failed on " + condition, e);
    }
    throw new IllegalStateException("this Spark has no Predicate.create(condition, columns)");
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
}
