package io.evalspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.HeldBytes;
import io.evalspark.metrics.Reference;
import io.evalspark.metrics.ScoreHistogram;
import io.evalspark.run.Slices;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class BinaryEvaluationTest {
  private static final List<Row> ROWS = Frames.binaryRows(3000, 17);

  @Test
  void handExampleOverSeveralPartitions() {
    List<Row> rows = List.of(
        RowFactory.create(0, 0.1), RowFactory.create(0, 0.6), RowFactory.create(1, 0.35),
        RowFactory.create(1, 0.8), RowFactory.create(1, 0.9), RowFactory.create(0, 0.2));
    Dataset<Row> df = Frames.of(Frames.schema("label", DataTypes.IntegerType, "score", DataTypes.DoubleType), rows, 3);
    Map<String, Double> m = EvaluationJob.run(df, Specs.binary("label", "score", null, null)).overall().metrics();
    assertEquals(2, m.get("tp"));
    assertEquals(1, m.get("fp"));
    assertEquals(2, m.get("tn"));
    assertEquals(1, m.get("fn"));
    assertEquals(8.0 / 9, m.get("roc_auc"), 1e-15);
  }

  @Test
  void weightedAreasAgreeWithReferenceFormulasAndMllib() {
    Dataset<Row> df = Frames.of(Frames.binarySchema(), ROWS, 2);
    Map<String, Double> m = EvaluationJob.run(df, Specs.binary("y", "p", "w", null)).overall().metrics();
    double[] y = Frames.column(ROWS, 1);
    double[] p = Frames.column(ROWS, 2);
    double[] w = Frames.column(ROWS, 3);
    double exact = Reference.rocAuc(y, p, w);
    assertTrue(m.get("roc_auc_lower") <= exact && exact <= m.get("roc_auc_upper"),
        m.get("roc_auc_lower") + " <= " + exact + " <= " + m.get("roc_auc_upper"));
    double mllib = new BinaryClassificationEvaluator().setLabelCol("y").setRawPredictionCol("p").setWeightCol("w")
        .setNumBins(0).setMetricName("areaUnderROC").evaluate(df);
    assertEquals(exact, mllib, 1e-12, "MLlib and the pair count disagree; the reference is wrong");
    assertEquals(exact, m.get("roc_auc"), m.get("roc_auc_upper") - m.get("roc_auc_lower"));
    assertEquals(Reference.logLoss(y, p, w), m.get("log_loss"), 1e-12);
  }

  @Test
  void sameMetricsWhateverThePartitionCount() {
    EvaluationSpec spec = Specs.binary("y", "p", "w", null);
    Map<String, Double> one = EvaluationJob.run(Frames.of(Frames.binarySchema(), ROWS, 1), spec).overall().metrics();
    for (int partitions : new int[] {2, 7}) {
      Map<String, Double> many = EvaluationJob.run(Frames.of(Frames.binarySchema(), ROWS, partitions), spec).overall().metrics();
      one.forEach((k, v) -> assertEquals(v, many.get(k), 1e-12 * Math.max(1, Math.abs(v)), k + " at " + partitions));
    }
  }

  @Test
  void everySliceEqualsEvaluatingItAloneAndTheirMergeIsTheWhole() {
    Dataset<Row> df = Frames.of(Frames.binarySchema(), ROWS, 2);
    EvaluationResult sliced = EvaluationJob.run(df, Specs.binary("y", "p", "w", List.of("segment")));
    assertEquals(2, sliced.slices().size());
    for (SliceResult s : sliced.slices()) {
      String segment = (String) s.key().get("segment");
      List<Row> mine = ROWS.stream().filter(r -> r.getString(0).equals(segment)).collect(Collectors.toList());
      Map<String, Double> alone = EvaluationJob.run(Frames.of(Frames.binarySchema(), mine, 1),
          Specs.binary("y", "p", "w", null)).overall().metrics();
      alone.forEach((k, v) -> assertEquals(v, s.state().metrics().get(k), 1e-12 * Math.max(1, Math.abs(v)), k));
      assertEquals(mine.size(), s.state().rowCounts().rows());
    }
    Map<String, Double> whole = EvaluationJob.run(df, Specs.binary("y", "p", "w", null)).overall().metrics();
    whole.forEach((k, v) -> assertEquals(v, sliced.overall().metrics().get(k), 1e-12 * Math.max(1, Math.abs(v)), k));
  }

  @Test
  void aSlicedResultHoldsItsSlicesByteFormsNotTheirBins() {
    // 40 slices of 2,000 rows of distinct scores: each fills about 1,800 of the 10,000 bins, enough for dense bins
    int slices = 40;
    Random r = new Random(5);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < slices * 2000; i++) {
      double p = r.nextDouble();
      rows.add(RowFactory.create("s" + i % slices, r.nextDouble() < p ? 1.0 : 0.0, p, 1.0));
    }
    EvaluationResult result = EvaluationJob.run(Frames.of(Frames.binarySchema(), rows, 2),
        Specs.binary("y", "p", "w", List.of("segment")));
    assertEquals(slices, result.slices().size());
    long bytes = 0;
    for (SliceResult s : result.slices()) {
      assertEquals(2000, s.state().rowCounts().rows());
      bytes += s.state().toByteArray().length;
    }
    long held = HeldBytes.of(result.slices());
    long oneArrayOfBins = (long) ScoreHistogram.DEFAULT_BINS * Double.BYTES; // dense bins take 8 such arrays
    assertTrue(held <= bytes + slices * 1024L && held < slices * oneArrayOfBins,
        "the slices hold " + held + " bytes; their byte forms are " + bytes + ", one array of bins a slice "
            + slices * oneArrayOfBins);
    long overall = HeldBytes.of(result.overall());
    long byText = HeldBytes.of(Slices.of(result));
    assertTrue(byText <= overall + bytes + slices * 1024L, "the slices by text hold " + byText + " bytes, the overall"
        + " state " + overall + " and the slices' byte forms " + bytes);
  }

  @Test
  void booleanLabelsAndVectorScoresAreRead() {
    List<Row> rows = List.of(
        RowFactory.create(false, org.apache.spark.ml.linalg.Vectors.dense(0.9, 0.1)),
        RowFactory.create(true, org.apache.spark.ml.linalg.Vectors.dense(0.3, 0.7)),
        RowFactory.create(true, org.apache.spark.ml.linalg.Vectors.dense(0.6, 0.4)));
    Dataset<Row> df = Frames.of(Frames.schema("label", DataTypes.BooleanType,
        "probability", org.apache.spark.ml.linalg.SQLDataTypes.VectorType()), rows, 2);
    Map<String, Double> m = EvaluationJob.run(df, Specs.binary("label", "probability", null, null)).overall().metrics();
    assertEquals(1, m.get("tp")); // 0.7 >= 0.5
    assertEquals(1, m.get("fn")); // 0.4 < 0.5
    assertEquals(1, m.get("tn"));
    assertEquals(1.0, m.get("roc_auc"), 1e-15);
  }
}
