package io.evalspark.sql;

import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.TaskSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import scala.Tuple2;

/**
 * {@link ColumnarPass} for a sliced evaluation: each partition's rows counted into a state for each
 * slice of their slice columns' values ({@link SliceKeys}), straight from the column batches.
 */
public final class SlicedColumnarPass {
  /**
   * The most slices a partition's rows may hold in this pass, which keeps a state for each
   * in memory (a dense binary state is 640 KB). A partition that holds more stops at the batch
   * that shows it, and the evaluation takes the aggregate, whose sort-based pass keeps few states
   * in memory whatever the number of slices.
   */
  static final int SLICES_MOST = 256;

  private SlicedColumnarPass() {}

  /**
   * The states of the slices of {@code columns}' rows, whose first {@code sliceColumns} columns are
   * the slice columns (strings, numbers or booleans) and the rest the task's, as {@link
   * ColumnarPass#state} takes them: a row a slice, its key values and then its state's byte form, as the aggregate's
   * {@code groupBy(slices).agg(state)} gives them. Each partition keeps a state for each slice its
   * rows hold; the partitions' states of a slice meet on one executor (a shuffle of states, never
   * of rows) and merge there, so the driver receives each slice's state once. Null when the
   * columns are not a plain columnar scan, or a partition holds more than {@link #SLICES_MOST}
   * slices.
   */
  public static List<Row> states(Dataset<Row> columns, int sliceColumns, TaskSettings settings, boolean intervals) {
    return states(columns, sliceColumns, settings, intervals, 1);
  }

  /**
   * The same, a multiclass task's probabilities in its last {@code probabilityColumns} columns:
   * one array or vector column, or a number column per class.
   */
  public static List<Row> states(Dataset<Row> columns, int sliceColumns, TaskSettings settings, boolean intervals,
      int probabilityColumns) {
    ColumnarScan scan = ColumnarScan.of(columns, sliceColumns);
    if (scan == null || !TaskColumns.fit(scan, sliceColumns, settings, probabilityColumns)) {
      return null;
    }
    JavaRDD<ColumnarBatch> batches = scan.node.executeColumnar().toJavaRDD();
    List<Row> slices = batches
        .mapPartitionsToPair(partition -> states(partition, scan, sliceColumns, settings, probabilityColumns, intervals))
        .reduceByKey((a, b) -> a == null || b == null ? null : ColumnarPass.merge(a, b),
            Math.max(1, batches.getNumPartitions()))
        .map(slice -> {
          Object[] values = new Object[sliceColumns + 1];
          System.arraycopy(slice._1().toArray(), 0, values, 0, slice._1().size());
          values[sliceColumns] = slice._2();
          return RowFactory.create(values);
        })
        .collect();
    for (Row slice : slices) {
      if (slice.get(sliceColumns) == null) {
        return null; // a partition held more than SLICES_MOST slices: the aggregate's sort-based pass bounds the memory
      }
    }
    return slices;
  }

  private static Iterator<Tuple2<List<Object>, byte[]>> states(Iterator<ColumnarBatch> batches, ColumnarScan scan,
      int sliceColumns, TaskSettings settings, int probabilityColumns, boolean intervals) {
    DataType[] keyTypes = Arrays.copyOf(scan.types, sliceColumns);
    SliceKeys keys = new SliceKeys(keyTypes);
    List<EvaluationState<?>> states = new ArrayList<>();
    TaskColumns task = new TaskColumns(scan, sliceColumns, settings, probabilityColumns, TaskContext.getPartitionId());
    ColumnVector[] keyVectors = new ColumnVector[sliceColumns];
    int[] slice = null;
    boolean[] kept = null;
    while (batches.hasNext()) {
      ColumnarBatch batch = batches.next();
      int rows = batch.numRows();
      for (int c = 0; c < sliceColumns; c++) {
        keyVectors[c] = batch.column(scan.ordinals[c]);
      }
      slice = keys.slices(keyVectors, rows, slice);
      if (keys.size() > SLICES_MOST) {
        return List.of(record(new Object[0], null)).iterator(); // too many: see SLICES_MOST
      }
      task.read(batch);
      kept = scan.kept(batch, kept);
      for (int i = 0; i < rows; i++) {
        if (kept != null && !kept[i]) {
          continue;
        }
        while (slice[i] >= states.size()) { // slices are numbered in turn; a slice of only filtered rows has none
          states.add(null);
        }
        if (states.get(slice[i]) == null) {
          states.set(slice[i], ColumnarPass.emptyState(settings, intervals));
        }
        task.count(states.get(slice[i]), i);
      }
    }
    List<Tuple2<List<Object>, byte[]>> out = new ArrayList<>();
    for (int k = 0; k < states.size(); k++) {
      if (states.get(k) != null) {
        out.add(record(keys.key(k), states.get(k).toByteArray()));
      }
    }
    return out.iterator();
  }

  /**
   * A slice's state as the shuffle carries it: its key values in a plain {@link ArrayList} (which
   * Java's and Kryo's serialisers both read back, nulls included) and its byte form.
   */
  static Tuple2<List<Object>, byte[]> record(Object[] key, byte[] state) {
    return new Tuple2<>(new ArrayList<>(Arrays.asList(key)), state);
  }
}
