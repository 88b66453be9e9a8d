package io.evalspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.Medians;
import io.evalspark.TestSpark;
import io.evalspark.core.Task;
import io.evalspark.metrics.IntervalState;
import io.evalspark.metrics.Intervals;
import io.evalspark.metrics.RegressionSettings;
import io.evalspark.ml.MetricsEvaluator;
import io.evalspark.sql.ColumnarPass;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * median_absolute_error: numpy's median of |y - p| where the sketch holds every row (up to 200),
 * and within its buckets' relative error of the median sorted here beyond, the same whichever way
 * Spark runs it.
 */
class MedianAbsoluteErrorTest {
  @TempDir
  static Path dir;

  private static Dataset<Row> frame(List<Row> rows, int partitions) {
    return Frames.of(Frames.schema("segment", DataTypes.StringType, "y", DataTypes.DoubleType,
        "yhat", DataTypes.DoubleType, "w", DataTypes.DoubleType), rows, partitions);
  }

  private static double median(Dataset<Row> df, String weight) {
    return EvaluationJob.run(df, Specs.regression("y", "yhat", weight, null)).overall().metrics()
        .get("median_absolute_error");
  }

  @Test
  void aFewRowsGiveNumpysMedianByHand() {
    // |y - p|: 0.5, 0, 2, 4. Sorted 0, 0.5, 2, 4: the two middle ones' mean is 1.25.
    // Weighted 1, 3, 1, 1, as rows repeated: 0.5, 0, 0, 0, 2, 4; sorted 0, 0, 0, 0.5, 2, 4: 0.25.
    List<Row> rows = List.of(RowFactory.create("a", 1.0, 1.5, 1.0), RowFactory.create("a", 2.0, 2.0, 3.0),
        RowFactory.create("b", 3.0, 5.0, 1.0), RowFactory.create("b", 4.0, 0.0, 1.0));
    for (int partitions : new int[] {1, 3}) {
      assertEquals(1.25, median(frame(rows, partitions), null), 1e-15);
      assertEquals(0.25, median(frame(rows, partitions), "w"), 1e-15);
    }
    // Five rows, the middle one of an odd count.
    List<Row> odd = new ArrayList<>(rows);
    odd.add(RowFactory.create("b", 10.0, 13.0, 1.0));
    assertEquals(2.0, median(frame(odd, 2), null), 1e-15);
  }

  @Test
  void aWeightThatIsNotAWholeNumberLeavesOnlyTheMedianUndefined() {
    List<Row> rows = List.of(RowFactory.create("a", 1.0, 1.5, 1.0), RowFactory.create("a", 2.0, 2.0, 0.5));
    Map<String, Double> m = EvaluationJob.run(frame(rows, 1), Specs.regression("y", "yhat", "w", null)).overall()
        .metrics();
    assertTrue(m.get("median_absolute_error").isNaN());
    assertEquals(0.5 / 1.5, m.get("mae"), 1e-15);
  }

  @Test
  void upToTwoHundredRowsEqualNumpysMedian() {
    // 200 rows unweighted; weighted, 100 rows of weights 1 and 2 (a weight counts as that many rows)
    Random r = new Random(4);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      double y = 10 * r.nextDouble();
      rows.add(RowFactory.create(i % 2 == 0 ? "a" : "b", y, y + r.nextGaussian(), (double) (1 + i % 2)));
    }
    List<Row> half = rows.subList(0, 100);
    for (int partitions : new int[] {1, 4}) {
      assertEquals(Medians.exact(errors(rows, x -> true)), median(frame(rows, partitions), null), 1e-15);
      assertEquals(Medians.exact(errors(half, x -> true), weights(half, x -> true)), median(frame(half, partitions),
          "w"), 1e-15);
    }
  }

  /** Residuals with a heavy tail (Student's t with 3 degrees of freedom) around a log-normal label. */
  private static List<Row> manyRows(int n, long seed) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double y = Math.exp(1 + r.nextGaussian());
      double chi = 0;
      for (int k = 0; k < 3; k++) {
        double g = r.nextGaussian();
        chi += g * g;
      }
      double t = r.nextGaussian() / Math.sqrt(chi / 3);
      rows.add(RowFactory.create(i % 3 == 0 ? "a" : "b", y, y + 0.3 * t, (double) (1 + r.nextInt(3))));
    }
    return rows;
  }

  private static double[] errors(List<Row> rows, Predicate<Row> keep) {
    return rows.stream().filter(keep).mapToDouble(x -> Math.abs(x.getDouble(1) - x.getDouble(2))).toArray();
  }

  private static double[] weights(List<Row> rows, Predicate<Row> keep) {
    return rows.stream().filter(keep).mapToDouble(x -> x.getDouble(3)).toArray();
  }

  @Test
  void manyRowsFallWithinTheBucketsRelativeErrorOverallAndInASliceInEitherPass() {
    List<Row> rows = manyRows(120_000, 9);
    Dataset<Row> inMemory = frame(rows, 4);
    String path = dir.resolve("regression").toString();
    inMemory.write().parquet(path);
    Dataset<Row> files = TestSpark.session().read().parquet(path);
    assertNotNull(ColumnarPass.state(files.select("y", "yhat", "w"), RegressionSettings.defaults(), false),
        "a regression of a Parquet scan takes the columnar pass");
    Predicate<Row> all = x -> true;
    Predicate<Row> a = x -> x.getString(0).equals("a");
    for (Dataset<Row> df : List.of(inMemory, files)) {
      for (String weight : new String[] {null, "w"}) {
        EvaluationResult result = EvaluationJob.run(df, Specs.regression("y", "yhat", weight, List.of("segment")));
        double[] e = errors(rows, all);
        double[] w = weight == null ? Medians.ones(e.length) : weights(rows, all);
        Medians.assertWithinRelativeError(e, w, result.overall().metrics().get("median_absolute_error"),
            "overall, weight " + weight);
        double[] ea = errors(rows, a);
        double[] wa = weight == null ? Medians.ones(ea.length) : weights(rows, a);
        SliceResult slice = result.slices().stream().filter(s -> "a".equals(s.key().get("segment"))).findFirst()
            .orElseThrow();
        Medians.assertWithinRelativeError(ea, wa, slice.state().metrics().get("median_absolute_error"),
            "slice a, weight " + weight);
      }
    }
  }

  @Test
  void theSqlFunctionAndTheEvaluatorFallWithinTheRelativeErrorToo() {
    List<Row> rows = manyRows(50_000, 10);
    Dataset<Row> df = frame(rows, 3);
    df.createOrReplaceTempView("median_rows");
    double[] e = errors(rows, x -> true);
    double[] w = weights(rows, x -> true);
    Row sql = TestSpark.session().sql("SELECT median_absolute_error(y, yhat, w), median_absolute_error(y, yhat),"
        + " regression_metrics(y, yhat).median_absolute_error FROM median_rows").first();
    Medians.assertWithinRelativeError(e, w, sql.getDouble(0), "SQL, weighted");
    Medians.assertWithinRelativeError(e, Medians.ones(e.length), sql.getDouble(1), "SQL");
    Medians.assertWithinRelativeError(e, Medians.ones(e.length), sql.getDouble(2), "SQL regression_metrics");
    MetricsEvaluator evaluator = new MetricsEvaluator().setTask(Task.REGRESSION.displayName())
        .setMetricName("median_absolute_error").setLabelCol("y").setPredictionCol("yhat");
    Medians.assertWithinRelativeError(e, Medians.ones(e.length), evaluator.evaluate(df), "MetricsEvaluator");
    assertTrue(!evaluator.isLargerBetter());
  }

  @Test
  void manyRowsGiveTheSameMedianWhateverThePartitionsAndPass() {
    // the buckets' counts are exact, so merging partitions in another order changes nothing
    List<Row> rows = manyRows(30_000, 11);
    String path = dir.resolve("same-median").toString();
    frame(rows, 5).write().parquet(path);
    double files = median(TestSpark.session().read().parquet(path), "w");
    for (int partitions : new int[] {1, 2, 7}) {
      assertEquals(files, median(frame(rows, partitions), "w"), 0.0, partitions + " partitions");
    }
    Medians.assertWithinRelativeError(errors(rows, x -> true), weights(rows, x -> true), files, "weighted");
  }

  @Test
  void noIntervalIsGivenForTheSketchsMedian() {
    EvaluationSpec spec = EvaluationSpec.of(Task.REGRESSION).label("y").prediction("yhat").confidence(0.95).build();
    EvaluationResult result = EvaluationJob.run(frame(manyRows(20_000, 11), 2), spec);
    Intervals intervals = ((IntervalState) result.overall()).intervals(0.95);
    Intervals.Interval median = intervals.metrics().get("median_absolute_error");
    assertTrue(median.value() > 0);
    assertTrue(Double.isNaN(median.lower()) && Double.isNaN(median.upper()) && Double.isNaN(median.stderr()));
    Intervals.Interval mae = intervals.metrics().get("mae");
    assertTrue(mae.lower() < mae.value() && mae.value() < mae.upper());
  }
}
