package io.evalspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.TestSpark;
import io.evalspark.core.Task;
import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.BinaryState;
import io.evalspark.metrics.CellSplit;
import io.evalspark.metrics.RankingMetrics;
import io.evalspark.sql.ColumnarPass;
import io.evalspark.sql.ColumnarRefinement;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --auc-tolerance over Parquet files: the refinement passes read the column batches (perhaps
 * filtered), and give the values of sorting the rows, and those of the passes over Spark's rows.
 */
class ColumnarRefinementTest {
  private static final double TOLERANCE = 1e-9;
  private static final List<Row> ROWS = ExactRankingTest.fraudLike(120_000, 11);
  @TempDir
  static Path dir;
  private static Dataset<Row> files;

  @BeforeAll
  static void write() {
    String path = dir.resolve("fraud").toString();
    ExactRankingTest.frame(ROWS).write().parquet(path);
    files = TestSpark.session().read().parquet(path);
  }

  private static EvaluationSpec exact(String weight) {
    return EvaluationSpec.of(Task.BINARY).label("y").score("p").weight(weight).aucTolerance(TOLERANCE).build();
  }

  /** Whether a refinement pass over {@code columns} (label, score) reads the column batches. */
  private static boolean readsBatches(Dataset<Row> columns) {
    BinaryState first = BinaryState.fromByteArray(
        EvaluationJob.run(columns, EvaluationSpec.of(Task.BINARY).label("y").score("p").build()).overall().toByteArray());
    CellSplit plan = CellSplit.of(first.ranking(), RankingMetrics.widths(first.ranking()), TOLERANCE, 1024);
    Broadcast<CellSplit> shared = JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext()).broadcast(plan);
    try {
      return ColumnarRefinement.counts(columns, BinarySettings.defaults(), shared) != null;
    } finally {
      shared.destroy();
    }
  }

  @Test
  void passesOverParquetReadBatchesAndEqualTheSortedValuesOfRowsThatWeighOne() {
    assertTrue(readsBatches(files.select("y", "p")));
    assertNull(ColumnarPass.binaryState(Frames.throughTheAggregate(files).select("y", "p"), BinarySettings.defaults()));
    assertTrue(!readsBatches(Frames.throughTheAggregate(files).select("y", "p")));
    EvaluationResult refined = EvaluationJob.run(files, exact(null));
    ExactRankingTest.assertExact(refined.overall().metrics(), ExactRankingTest.columns(ROWS, null, false), TOLERANCE,
        "unweighted");
    BinaryState.Refinement r = ((BinaryState) refined.overall()).refinement();
    assertNotNull(r);
    assertTrue(r.passes() >= 2, r.toString());
    Map<String, Double> rows = EvaluationJob.run(Frames.throughTheAggregate(files), exact(null)).overall().metrics();
    for (String metric : List.of("roc_auc", "roc_auc_lower", "roc_auc_upper", "average_precision",
        "average_precision_lower", "average_precision_upper", "max_f1")) {
      assertEquals(rows.get(metric), refined.overall().metrics().get(metric), 1e-12, metric);
    }
  }

  @Test
  void weightedAndFilteredPassesOverParquetEqualTheSortedValues() {
    EvaluationResult weighted = EvaluationJob.run(files, exact("w"));
    ExactRankingTest.assertExact(weighted.overall().metrics(), ExactRankingTest.columns(ROWS, null, true), TOLERANCE,
        "weighted");
    Dataset<Row> sliceA = files.where("s = 'a'");
    assertTrue(readsBatches(sliceA.select("y", "p")), "a filter on a data column keeps the batches");
    EvaluationResult filtered = EvaluationJob.run(sliceA, exact("w"));
    ExactRankingTest.assertExact(filtered.overall().metrics(), ExactRankingTest.columns(ROWS, "a", true), TOLERANCE,
        "where s = 'a'");
  }
}
