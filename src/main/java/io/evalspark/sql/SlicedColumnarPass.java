package io.evalspark.sql;

import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.TaskSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
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
 * slice of their slice columns' values ({@link SliceKeys}), straight from the column batches. A
 * binary slice's rows are first kept as rows ({@link SliceRows}) and counted a slice at a time; a
 * slice of fewer rows in a partition than {@link SliceRows#most} is shuffled as its rows, and
 * counted where its parts meet ({@link SliceTotal}).
 */
public final class SlicedColumnarPass {
  /**
   * How many slices' states a partition may hold in this pass: a dense state is {@link
   * BinarySettings#BYTES_PER_BIN} bytes a bin (640 KB at the default bins). A partition of a
   * binary task may hold kept rows and states up to the memory of this many dense states (164 MB at
   * the default bins: about 18 million kept rows of labels 0 and 1, or 9.6 million weighted ones;
   * a dense interval state counts as more, {@link SliceRows#stateBytes});
   * of any other task, states of this many slices. A partition that would hold more stops at the
   * batch that shows it, and the evaluation takes the aggregate, whose sort-based pass keeps few
   * states in memory whatever the number of slices.
   */
  static final int SLICES_MOST = 256;
  /**
   * While a partition has shown at most this many slices, the rows of a binary slice that has a
   * state are counted straight into it, as they come, rather than kept first: kept rows spare a
   * thousand slices' rows the wait on states that the other slices pushed out of the caches, and
   * cost a few slices' rows more than that wait. Measured on the bench's five models (about 500,000
   * rows a slice in each partition): 8-10% less time for the sliced evaluation, against evaluate's
   * in the same runs. The rows are counted in the order they came either way.
   */
  static final int FEW_SLICES = 8;

  private SlicedColumnarPass() {}

  /**
   * The states of the slices of {@code columns}' rows, whose first {@code sliceColumns} columns are
   * the slice columns (strings, numbers or booleans) and the rest the task's, as {@link
   * ColumnarPass#state} takes them: a row a slice, its key values and then its state's byte form,
   * as the aggregate's {@code groupBy(slices).agg(state)} gives them. Each partition keeps a state
   * for each slice its rows hold (a binary slice of few rows there, its rows instead: 9 bytes a row
   * unweighted, {@link SliceRows}); the partitions' parts of a slice meet on one executor and
   * merge there, so the driver receives each slice's state once. Null when the columns are not a
   * plain columnar scan, or a partition's slices need more memory than {@link #SLICES_MOST} says.
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
        .mapPartitionsToPair(partition -> parts(partition, scan, sliceColumns, settings, probabilityColumns, intervals))
        .combineByKey(part -> new SliceTotal(settings, intervals, part), SliceTotal::add, SliceTotal::merge,
            new HashPartitioner(Math.max(1, batches.getNumPartitions())), false, null)
        .map(slice -> {
          Object[] values = new Object[sliceColumns + 1];
          System.arraycopy(slice._1().toArray(), 0, values, 0, slice._1().size());
          values[sliceColumns] = slice._2().toByteArray();
          return RowFactory.create(values);
        })
        .collect();
    for (Row slice : slices) {
      if (slice.get(sliceColumns) == null) {
        return null; // a partition's slices went over their memory: the aggregate's sort-based pass bounds it
      }
    }
    return slices;
  }

  /**
   * A partition's parts of its slices: each slice's state's byte form, or a binary slice of fewer
   * than {@link SliceRows#most} rows its rows; or, when its slices would hold more than {@link
   * #SLICES_MOST} dense states' memory, one record that says so.
   */
  private static Iterator<Tuple2<List<Object>, Object>> parts(Iterator<ColumnarBatch> batches, ColumnarScan scan,
      int sliceColumns, TaskSettings settings, int probabilityColumns, boolean intervals) {
    DataType[] keyTypes = Arrays.copyOf(scan.types, sliceColumns);
    SliceKeys keys = new SliceKeys(keyTypes);
    List<EvaluationState<?>> states = new ArrayList<>();
    // a binary slice's rows are kept as rows (SliceRows) and counted a slice at a time
    boolean keepRows = settings instanceof BinarySettings;
    List<SliceRows> kept = new ArrayList<>();
    int most = keepRows ? SliceRows.most((BinarySettings) settings) : 0;
    long stateBytes = keepRows ? SliceRows.stateBytes((BinarySettings) settings, intervals) : 0;
    long budget = keepRows ? SLICES_MOST * SliceRows.stateBytes((BinarySettings) settings, false) : 0;
    long memory = 0; // of the kept rows' arrays and of the states of the slices that have one
    int partition = TaskContext.getPartitionId();
    TaskColumns task = new TaskColumns(scan, sliceColumns, settings, probabilityColumns, partition);
    ColumnVector[] keyVectors = new ColumnVector[sliceColumns];
    int[] slice = null;
    boolean[] filtered = null;
    while (batches.hasNext()) {
      ColumnarBatch batch = batches.next();
      int rows = batch.numRows();
      for (int c = 0; c < sliceColumns; c++) {
        keyVectors[c] = batch.column(scan.ordinals[c]);
      }
      slice = keys.slices(keyVectors, rows, slice);
      if (!keepRows && keys.size() > SLICES_MOST) {
        return List.of(TOO_MANY).iterator(); // see SLICES_MOST
      }
      task.read(batch);
      filtered = scan.kept(batch, filtered);
      for (int i = 0; i < rows; i++) {
        if (filtered != null && !filtered[i]) {
          continue;
        }
        int s = slice[i];
        while (s >= states.size()) { // slices are numbered in turn; a slice of only filtered rows has none
          states.add(null);
          kept.add(null);
        }
        if (!keepRows && states.get(s) == null) {
          states.set(s, ColumnarPass.emptyState(settings, intervals));
        }
        // rows not kept go straight into their state; so do a binary slice's, once it has one, among
        // few slices (not an interval state's: its kept rows number their groups, see SliceRows)
        if (!keepRows || (states.get(s) != null && keys.size() <= FEW_SLICES && !intervals)) {
          task.count(states.get(s), i);
          continue;
        }
        SliceRows r = kept.get(s);
        if (r == null) {
          kept.set(s, r = new SliceRows(partition));
        }
        memory += task.keep(i, r, most);
        if (r.count() == most) {
          if (states.get(s) == null) {
            states.set(s, SliceRows.emptyState((BinarySettings) settings, intervals, most));
            memory += stateBytes;
          }
          r.countInto(states.get(s));
          r.forget();
        }
      }
      if (memory > budget) {
        return List.of(TOO_MANY).iterator(); // see SLICES_MOST
      }
    }
    List<Tuple2<List<Object>, Object>> out = new ArrayList<>();
    for (int k = 0; k < states.size(); k++) {
      EvaluationState<?> state = states.get(k);
      SliceRows rows = kept.get(k);
      if (state != null && rows != null) {
        rows.countInto(state);
      }
      if (state != null) {
        out.add(record(keys.key(k), state.toByteArray()));
      } else if (rows != null) {
        out.add(record(keys.key(k), rows.trimmed()));
      }
    }
    return out.iterator();
  }

  /**
   * A slice's part as the shuffle carries it: its key values in a plain {@link ArrayList} (which
   * Java's and Kryo's serialisers both read back, nulls included) and its state's byte form or its
   * rows ({@link SliceRows}).
   */
  static Tuple2<List<Object>, Object> record(Object[] key, Object part) {
    return new Tuple2<>(new ArrayList<>(Arrays.asList(key)), part);
  }

  /** The record of a partition whose slices went over their memory: an empty key, which no slice has. */
  private static final Tuple2<List<Object>, Object> TOO_MANY = record(new Object[0], SliceTotal.TOO_MANY);
}
