package io.evalspark.sql;

import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.CellSplit;
import io.evalspark.metrics.SplitCounts;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * A refinement pass ({@code --auc-tolerance}) of the whole input over a plain columnar scan, as
 * {@link ColumnarPass} reads it: each partition counts the rows its filter keeps and the first
 * pass evaluated into the plan's parts, a batch at a time, straight from the column batches.
 */
public final class ColumnarRefinement {
  private ColumnarRefinement() {}

  /**
   * Each partition's counts of {@code columns}' rows (label, score and optionally weight, as
   * {@link ColumnarPass#binaryState} takes them) for the plan {@code split}; null when the columns
   * are not a plain columnar scan of such columns.
   */
  public static JavaRDD<SplitCounts> counts(Dataset<Row> columns, BinarySettings settings,
      Broadcast<CellSplit> split) {
    ColumnarScan scan = ColumnarScan.of(columns);
    if (scan == null || !TaskColumns.fit(scan, 0, settings)) {
      return null;
    }
    return scan.node.executeColumnar().toJavaRDD()
        .mapPartitions(batches -> List.of(counts(batches, scan, settings, split.value())).iterator());
  }

  private static SplitCounts counts(Iterator<ColumnarBatch> batches, ColumnarScan scan, BinarySettings settings,
      CellSplit split) {
    SplitCounts out = split.emptyCounts();
    TaskColumns task = new TaskColumns(scan, 0, settings, 1, TaskContext.getPartitionId());
    boolean[] kept = null;
    while (batches.hasNext()) {
      ColumnarBatch batch = batches.next();
      task.read(batch);
      kept = scan.kept(batch, kept);
      task.countParts(out, kept, batch.numRows(), settings);
    }
    return out;
  }
}
