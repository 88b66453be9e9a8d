package io.evalspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.HeldBytes;
import io.evalspark.core.Task;
import io.evalspark.core.UsageException;
import io.evalspark.metrics.BinaryState;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.IntervalState;
import io.evalspark.metrics.Reference;
import io.evalspark.metrics.ScoreHistogram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * roc_auc and average_precision on full-precision scores in the shapes that pile up near 0 (fraud
 * and click-through predictions), refined with --auc-tolerance, against references computed here
 * by sorting the rows (ties count half); and one pass on 3-decimal scores, exact with bounds that
 * coincide.
 */
class ExactRankingTest {
  private static final double TOLERANCE = 1e-9;

  /** Fraud-like: 0.6% positives, scores mostly below 0.01, both classes overlapping. */
  static List<Row> fraudLike(int n, long seed) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean positive = r.nextDouble() < 0.006;
      double u = r.nextDouble();
      double score = positive ? 0.02 * Math.pow(u, 0.6) : 0.01 * Math.pow(u, 3) + (r.nextDouble() < 0.01 ? 0.3 * u : 0);
      rows.add(RowFactory.create(positive ? 1 : 0, score, 1.0 + r.nextInt(3), i % 3 == 0 ? "a" : "b"));
    }
    return rows;
  }

  /** Click-through-like: about 1% positives, scores around 0.01. */
  private static List<Row> ctrLike(int n, long seed) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean positive = r.nextDouble() < 0.01;
      double score = Math.min(1.0, (positive ? 0.013 : 0.01) * Math.exp(0.5 * r.nextGaussian()));
      rows.add(RowFactory.create(positive ? 1 : 0, score, 1.0, i % 2 == 0 ? "a" : "b"));
    }
    return rows;
  }

  /** The rows with their scores spread 20 times wider and rounded to 3 decimals. */
  private static List<Row> threeDecimals(List<Row> rows) {
    List<Row> out = new ArrayList<>();
    for (Row r : rows) {
      double rounded = Math.round(Math.min(1.0, r.getDouble(1) * 20) * 1000) / 1000.0;
      out.add(RowFactory.create(r.getInt(0), rounded, r.getDouble(2), r.getString(3)));
    }
    return out;
  }

  static Dataset<Row> frame(List<Row> rows) {
    return Frames.of(Frames.schema("y", DataTypes.IntegerType, "p", DataTypes.DoubleType, "w", DataTypes.DoubleType,
        "s", DataTypes.StringType), rows, 4);
  }

  /** The exact ROC AUC by sorting the rows: each positive's negatives below, ties counting half. */
  static double sortedRocAuc(double[] y, double[] s, double[] w) {
    Integer[] order = new Integer[y.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> s[i]));
    double negativesBelow = 0;
    double ordered = 0;
    double positives = 0;
    for (int k = 0; k < order.length; ) {
      int end = k;
      double pos = 0;
      double neg = 0;
      while (end < order.length && s[order[end]] == s[order[k]]) {
        int i = order[end++];
        if (y[i] == 1.0) {
          pos += w[i];
        } else {
          neg += w[i];
        }
      }
      ordered += pos * negativesBelow + 0.5 * pos * neg;
      negativesBelow += neg;
      positives += pos;
      k = end;
    }
    return ordered / (positives * negativesBelow);
  }

  static double[][] columns(List<Row> rows, String slice, boolean weighted) {
    List<Row> kept = rows.stream().filter(r -> slice == null || r.getString(3).equals(slice)).toList();
    double[][] c = new double[3][kept.size()];
    for (int i = 0; i < kept.size(); i++) {
      c[0][i] = kept.get(i).getInt(0);
      c[1][i] = kept.get(i).getDouble(1);
      c[2][i] = weighted ? kept.get(i).getDouble(2) : 1.0;
    }
    return c;
  }

  static void assertExact(Map<String, Double> m, double[][] c, double width, String what) {
    double auc = sortedRocAuc(c[0], c[1], c[2]);
    double ap = Reference.averagePrecision(c[0], c[1], c[2]);
    assertEquals(auc, m.get("roc_auc"), width, what + " roc_auc");
    assertTrue(m.get("roc_auc_lower") <= auc + 1e-12 && auc <= m.get("roc_auc_upper") + 1e-12, what + ": " + m);
    assertTrue(m.get("roc_auc_upper") - m.get("roc_auc_lower") <= width, what + " roc_auc width: " + m);
    assertEquals(ap, m.get("average_precision"), width, what + " average_precision");
    assertTrue(m.get("average_precision_lower") <= ap + 1e-12 && ap <= m.get("average_precision_upper") + 1e-12,
        what + ": " + m);
    assertTrue(m.get("average_precision_upper") - m.get("average_precision_lower") <= width,
        what + " average_precision width: " + m);
  }

  private static EvaluationSpec spec(String weight, Double tolerance) {
    return EvaluationSpec.of(Task.BINARY).label("y").score("p").weight(weight).sliceBy(List.of("s"))
        .aucTolerance(tolerance).build();
  }

  @Test
  void fraudLikeScoresRefinedToTheToleranceOverallAndInASlice() {
    List<Row> rows = fraudLike(150_000, 3);
    Dataset<Row> df = frame(rows);
    Map<String, Double> onePass = EvaluationJob.run(df, spec("w", null)).overall().metrics();
    assertTrue(onePass.get("roc_auc_upper") - onePass.get("roc_auc_lower") > 1e-4,
        "one pass leaves the bounds wide on such scores: " + onePass);
    EvaluationResult refined = EvaluationJob.run(df, spec("w", TOLERANCE));
    assertExact(refined.overall().metrics(), columns(rows, null, true), TOLERANCE, "overall");
    SliceResult a = refined.slices().stream().filter(s -> "a".equals(s.key().get("s"))).findFirst().orElseThrow();
    assertExact(a.state().metrics(), columns(rows, "a", true), TOLERANCE, "slice a");
    BinaryState.Refinement r = ((BinaryState) refined.overall()).refinement();
    assertNotNull(r);
    assertTrue(r.passes() >= 2 && r.rocAucWidth() <= TOLERANCE && r.averagePrecisionWidth() <= TOLERANCE, r.toString());
  }

  @Test
  void scoresGivenAsClassProbabilityArraysOrVectorsAreRefinedByTheirPositiveClass() {
    List<Row> rows = fraudLike(40_000, 11);
    List<Row> arrays = new ArrayList<>();
    List<Row> vectors = new ArrayList<>();
    for (Row r : rows) {
      double p = r.getDouble(1);
      arrays.add(RowFactory.create(r.getInt(0), new double[] {1 - p, p}, r.getDouble(2), r.getString(3)));
      vectors.add(RowFactory.create(r.getInt(0), Vectors.dense(1 - p, p), r.getDouble(2), r.getString(3)));
    }
    Dataset<Row> asArrays = Frames.of(Frames.schema("y", DataTypes.IntegerType,
        "p", DataTypes.createArrayType(DataTypes.DoubleType), "w", DataTypes.DoubleType, "s", DataTypes.StringType),
        arrays, 4);
    Dataset<Row> asVectors = Frames.of(Frames.schema("y", DataTypes.IntegerType, "p", SQLDataTypes.VectorType(),
        "w", DataTypes.DoubleType, "s", DataTypes.StringType), vectors, 4);
    for (Dataset<Row> df : List.of(asArrays, asVectors)) {
      EvaluationResult refined = EvaluationJob.run(df, spec("w", TOLERANCE));
      assertExact(refined.overall().metrics(), columns(rows, null, true), TOLERANCE, "overall");
      SliceResult a = refined.slices().stream().filter(s -> "a".equals(s.key().get("s"))).findFirst().orElseThrow();
      assertExact(a.state().metrics(), columns(rows, "a", true), TOLERANCE, "slice a");
      assertTrue(((BinaryState) refined.overall()).refinement().passes() >= 2);
    }
  }

  @Test
  void aToleranceOfZeroRefinesUntilTheValuesAreExact() {
    List<Row> rows = fraudLike(30_000, 13);
    EvaluationResult refined = EvaluationJob.run(frame(rows), spec("w", 0.0));
    assertExact(refined.overall().metrics(), columns(rows, null, true), 1e-12, "overall");
    assertExact(refined.slices().get(0).state().metrics(), columns(rows, (String) refined.slices().get(0).key().get("s"),
        true), 1e-12, "a slice");
    for (double wrong : new double[] {-1e-9, 1, Double.NaN}) {
      UsageException e = assertThrows(UsageException.class, () -> spec("w", wrong));
      assertEquals("--auc-tolerance must be a width from 0 (refine until exact) to below 1, got " + wrong, e.getMessage());
    }
  }

  /**
   * A confident model's probabilities, the sigmoid of margins far below 0, span hundreds of orders
   * of magnitude below the first bin's edge: parts of equal width each split off little more than
   * the highest scores, and after 40 passes (the safety stop) roc_auc was 1.3e-3 off the sorted
   * value.
   */
  @Test
  void scoresSpreadOverManyOrdersOfMagnitudeAreRefinedUntilExactToo() {
    Random r = new Random(17);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      boolean positive = r.nextDouble() < 0.2;
      double margin = (positive ? -100 : -300) + 250 * r.nextGaussian();
      double score = 1 / (1 + Math.exp(-Math.max(margin, -740)));
      rows.add(RowFactory.create(positive ? 1 : 0, score, 1.0 + r.nextInt(3), i % 3 == 0 ? "a" : "b"));
    }
    EvaluationResult refined = EvaluationJob.run(frame(rows), spec("w", 0.0));
    assertExact(refined.overall().metrics(), columns(rows, null, true), 1e-12, "overall");
    SliceResult a = refined.slices().stream().filter(s -> "a".equals(s.key().get("s"))).findFirst().orElseThrow();
    assertExact(a.state().metrics(), columns(rows, "a", true), 1e-12, "slice a");
    BinaryState.Refinement passes = ((BinaryState) refined.overall()).refinement();
    assertTrue(passes.passes() < RefinementPasses.MOST_PASSES, "known before the safety stop: " + passes);
  }

  @Test
  void clickThroughLikeScoresRefinedToTheTolerance() {
    List<Row> rows = ctrLike(120_000, 5);
    EvaluationResult refined = EvaluationJob.run(frame(rows), spec(null, TOLERANCE));
    assertExact(refined.overall().metrics(), columns(rows, null, false), TOLERANCE, "overall");
    SliceResult b = refined.slices().stream().filter(s -> "b".equals(s.key().get("s"))).findFirst().orElseThrow();
    assertExact(b.state().metrics(), columns(rows, "b", false), TOLERANCE, "slice b");
  }

  @Test
  void refinedSlicesHoldTheirByteFormsAndCellsNotTheirBins() {
    // 40 slices of 2,000 rows of distinct scores: each fills about 1,800 of the 10,000 bins, enough for dense bins
    int slices = 40;
    int perSlice = 2000;
    Random r = new Random(17);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < slices * perSlice; i++) {
      double p = r.nextDouble();
      rows.add(RowFactory.create(r.nextDouble() < p ? 1 : 0, p, 1.0, "s" + i % slices));
    }
    EvaluationResult result = EvaluationJob.run(frame(rows), spec(null, TOLERANCE));
    assertEquals(slices, result.slices().size());
    long bytes = 0;
    for (SliceResult s : result.slices()) {
      BinaryState state = (BinaryState) s.state();
      bytes += state.toByteArray().length;
      assertNotNull(state.refinement(), "slice " + s.key());
    }
    for (String slice : List.of("s0", "s17", "s39")) {
      SliceResult s = result.slices().stream().filter(x -> slice.equals(x.key().get("s"))).findFirst().orElseThrow();
      assertExact(s.state().metrics(), columns(rows, slice, false), TOLERANCE, "slice " + slice);
    }
    // a refined slice's cells: at most one a row, each an edge, two weights and four score bounds
    long cells = (long) slices * perSlice * 7 * Double.BYTES;
    long held = HeldBytes.of(result.slices());
    long denseBins = (long) slices * ScoreHistogram.DEFAULT_BINS * 8 * Double.BYTES;
    assertTrue(held <= bytes + cells + slices * 2048L && held < denseBins / 2,
        "the refined slices hold " + held + " bytes; their byte forms are " + bytes + ", their cells at most " + cells
            + ", dense bins " + denseBins);
  }

  @Test
  void slicesWithConfidenceIntervalsAreRefinedToo() {
    List<Row> rows = ctrLike(60_000, 23);
    EvaluationSpec spec = EvaluationSpec.of(Task.BINARY).label("y").score("p").sliceBy(List.of("s"))
        .confidence(0.95).aucTolerance(TOLERANCE).build();
    EvaluationResult refined = EvaluationJob.run(frame(rows), spec);
    for (SliceResult s : refined.slices()) {
      String slice = (String) s.key().get("s");
      EvaluationState<?> state = s.state();
      assertTrue(state instanceof IntervalState, "slice " + slice + " keeps its intervals");
      assertExact(state.metrics(), columns(rows, slice, false), TOLERANCE, "slice " + slice);
      assertNotNull(((BinaryState) IntervalState.whole(state)).refinement(), "slice " + slice);
    }
  }

  /**
   * The best of {@code value} over the distinct scores as thresholds (a row positive iff its score
   * is at or above), among those that {@code meets}; the highest threshold on a tie. Columns of
   * [tp, fp, threshold] per threshold come from the rows directly.
   */
  private static double[] bestOver(double[][] c, java.util.function.BiPredicate<Double, Double> meets,
      java.util.function.BinaryOperator<Double> value) {
    double[] distinct = Arrays.stream(c[1]).distinct().sorted().toArray();
    double best = Double.NaN;
    double at = Double.NaN;
    for (int k = distinct.length - 1; k >= 0; k--) {
      double tp = 0;
      double fp = 0;
      for (int i = 0; i < c[0].length; i++) {
        if (c[1][i] >= distinct[k]) {
          tp += c[0][i] * c[2][i];
          fp += (1 - c[0][i]) * c[2][i];
        }
      }
      if (meets.test(tp, fp) && (Double.isNaN(best) || value.apply(tp, fp) > best)) {
        best = value.apply(tp, fp);
        at = distinct[k];
      }
    }
    return new double[] {best, at};
  }

  @Test
  void operatingPointsOfThreeDecimalScoresEqualThoseOverTheDistinctThresholds() {
    List<Row> rows = threeDecimals(ctrLike(20_000, 11));
    EvaluationSpec spec = EvaluationSpec.of(Task.BINARY).label("y").score("p")
        .binary(io.evalspark.metrics.BinarySettings.defaults().at(
            new io.evalspark.metrics.OperatingPoints.Targets(0.9, 0.02, 0.99, 0.5))).build();
    Map<String, Double> m = EvaluationJob.run(frame(rows), spec).overall().metrics();
    double[][] c = columns(rows, null, false);
    double pos = Arrays.stream(c[0]).sum();
    double neg = c[0].length - pos;
    double[] precisionAtRecall = bestOver(c, (tp, fp) -> tp / pos >= 0.9, (tp, fp) -> tp / (tp + fp));
    double[] recallAtPrecision = bestOver(c, (tp, fp) -> tp + fp > 0 && tp / (tp + fp) >= 0.02, (tp, fp) -> tp / pos);
    double[] sensitivityAtSpecificity = bestOver(c, (tp, fp) -> 1 - fp / neg >= 0.99, (tp, fp) -> tp / pos);
    double[] specificityAtSensitivity = bestOver(c, (tp, fp) -> tp / pos >= 0.5, (tp, fp) -> 1 - fp / neg);
    double[] maxF1 = bestOver(c, (tp, fp) -> tp + fp > 0, (tp, fp) -> 2 * tp / (tp + fp + pos));
    for (double[] reference : List.of(precisionAtRecall, recallAtPrecision, sensitivityAtSpecificity,
        specificityAtSensitivity, maxF1)) {
      assertTrue(!Double.isNaN(reference[0]) && !Double.isNaN(reference[1]), "every target is reached");
    }
    assertEquals(precisionAtRecall[0], m.get("precision_at_recall_0.9"), 1e-12, m.toString());
    assertEquals(precisionAtRecall[1], m.get("threshold_at_precision_at_recall_0.9"), 0.0);
    assertEquals(recallAtPrecision[0], m.get("recall_at_precision_0.02"), 1e-12);
    assertEquals(recallAtPrecision[1], m.get("threshold_at_recall_at_precision_0.02"), 0.0);
    assertEquals(sensitivityAtSpecificity[0], m.get("sensitivity_at_specificity_0.99"), 1e-12);
    assertEquals(sensitivityAtSpecificity[1], m.get("threshold_at_sensitivity_at_specificity_0.99"), 0.0);
    assertEquals(specificityAtSensitivity[0], m.get("specificity_at_sensitivity_0.5"), 1e-12);
    assertEquals(specificityAtSensitivity[1], m.get("threshold_at_specificity_at_sensitivity_0.5"), 0.0);
    assertEquals(maxF1[0], m.get("max_f1"), 1e-12);
    assertEquals(maxF1[1], m.get("threshold_at_max_f1"), 0.0);

    Dataset<Row> df = frame(rows);
    df.createOrReplaceTempView("operating_points");
    Row sql = df.sparkSession().sql("SELECT precision_at_recall(y, p, 0.9), recall_at_precision(y, p, 0.02),"
        + " sensitivity_at_specificity(y, p, 0.99), specificity_at_sensitivity(y, p, 0.5, w * 0 + 1), max_f1(y, p)"
        + " FROM operating_points").first();
    assertEquals(precisionAtRecall[0], sql.getDouble(0), 1e-12);
    assertEquals(recallAtPrecision[0], sql.getDouble(1), 1e-12);
    assertEquals(sensitivityAtSpecificity[0], sql.getDouble(2), 1e-12);
    assertEquals(specificityAtSensitivity[0], sql.getDouble(3), 1e-12);
    assertEquals(maxF1[0], sql.getDouble(4), 1e-12);

    io.evalspark.ml.MetricsEvaluator evaluator = new io.evalspark.ml.MetricsEvaluator()
        .setMetricName("specificity_at_sensitivity_0.5").setLabelCol("y").setProbabilityCol("p");
    assertEquals(specificityAtSensitivity[0], evaluator.evaluate(df), 1e-12, "as an evaluator name");
    assertTrue(evaluator.isLargerBetter());
  }

  @Test
  void threeDecimalScoresAreExactInOnePassWithBoundsThatCoincide() {
    List<Row> rows = threeDecimals(ctrLike(100_000, 9));
    Map<String, Double> m = EvaluationJob.run(frame(rows), spec(null, null)).overall().metrics();
    assertEquals(m.get("roc_auc_lower"), m.get("roc_auc_upper"), 0.0, m.toString());
    assertEquals(m.get("roc_auc"), m.get("roc_auc_lower"), 1e-15);
    assertEquals(m.get("average_precision_lower"), m.get("average_precision_upper"), 1e-15, m.toString());
    assertExact(m, columns(rows, null, false), 1e-12, "3 decimals");
  }
}
