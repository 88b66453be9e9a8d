package io.evalspark.sql;

import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.CellSplit;
import io.evalspark.metrics.SplitCounts;
import java.util.Iterator;
import java.util.List;
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
    double[][] numbers = new double[scan.types.length][];
    boolean weighted = numbers.length == 3;
    boolean[] kept = null;
    double[] p = new double[0];
    boolean[] positive = new boolean[0];
    double[] w = new double[0];
    while (batches.hasNext()) {
      ColumnarBatch batch = batches.next();
      int rows = batch.numRows();
      scan.readNumbers(batch, 0, numbers);
      kept = scan.kept(batch, kept);
      if (p.length < rows) {
        p = new double[rows];
        positive = new boolean[rows];
        w = new double[rows];
      }
      int n = 0;
      for (int i = 0; i < rows; i++) {
        double label = numbers[0][i];
        double score = numbers[1][i];
        double weight = weighted ? numbers[2][i] : 1.0;
        if ((kept == null || kept[i]) && settings.invalidReason(label, score, weight) == null) {
          p[n] = settings.probability(score);
          positive[n] = label == 1.0;
          w[n] = weight;
          n++;
        }
      }
      out.update(p, positive, w, n);
    }
    return out;
  }
}
