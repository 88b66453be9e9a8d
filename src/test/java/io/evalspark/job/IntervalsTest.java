package io.evalspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.TestSpark;
import io.evalspark.core.Task;
import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.BinaryState;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.IntervalState;
import io.evalspark.metrics.Intervals;
import io.evalspark.metrics.MulticlassSettings;
import io.evalspark.metrics.MulticlassState;
import io.evalspark.metrics.MultilabelSettings;
import io.evalspark.metrics.MultilabelState;
import io.evalspark.metrics.RegressionSettings;
import io.evalspark.metrics.RegressionState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --confidence: every listed metric's interval, overall and in a slice, against a bootstrap
 * computed here from the collected rows (1,000 resamples, the percentile interval's half-width):
 * within 20%. The intervals come from the one pass; the bootstrap re-evaluates each resample.
 */
class IntervalsTest {
  private static final double LEVEL = 0.95;
  private static final int RESAMPLES = 1000;
  private static final double AGREEMENT = 0.20;

  private static final List<String> BINARY = List.of("accuracy", "precision", "recall", "specificity", "f1",
      "balanced_accuracy", "mcc", "roc_auc", "pr_auc", "average_precision", "log_loss", "brier", "max_f1");
  private static final List<String> MULTICLASS = List.of("accuracy", "macro_f1", "weighted_f1", "log_loss",
      "macro_roc_auc", "weighted_roc_auc");
  private static final List<String> MULTILABEL = List.of("subset_accuracy", "accuracy", "hamming_loss", "micro_f1",
      "macro_f1");
  private static final List<String> REGRESSION = List.of("mse", "rmse", "mae", "r2");

  /** Binary rows (segment, y, p): 30% positives, full-precision scores, segment "a" a third of them. */
  private static List<Row> binaryRows(int n, long seed) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double y = r.nextDouble() < 0.3 ? 1 : 0;
      double p = 1 / (1 + Math.exp(-(r.nextGaussian() + 1.6 * y - 1.0)));
      rows.add(RowFactory.create(i % 3 == 0 ? "a" : "b", y, p));
    }
    return rows;
  }

  private static Dataset<Row> parquet(List<Row> rows, org.apache.spark.sql.types.StructType schema, Path dir) {
    String path = dir.resolve("rows.parquet").toString();
    TestSpark.session().createDataFrame(rows, schema).repartition(4).write().parquet(path);
    return TestSpark.session().read().parquet(path);
  }

  @Test
  void binaryIntervalsAgreeWithABootstrapOverallAndInASlice(@TempDir Path dir) {
    List<Row> rows = binaryRows(24_000, 5);
    Dataset<Row> input = parquet(rows, Frames.schema("segment", DataTypes.StringType, "y", DataTypes.DoubleType,
        "p", DataTypes.DoubleType), dir);
    EvaluationSpec spec = EvaluationSpec.of(Task.BINARY).label("y").score("p").confidence(LEVEL).build();
    EvaluationResult whole = EvaluationJob.run(input, spec); // the column batches' pass
    EvaluationResult filtered = EvaluationJob.run(input.where("y >= 0"), spec); // the aggregate's, the same rows
    EvaluationResult sliced = EvaluationJob.run(input, spec.withSlices(List.of("segment")));

    Intervals overall = ((IntervalState) whole.overall()).intervals(LEVEL);
    Intervals aggregated = ((IntervalState) filtered.overall()).intervals(LEVEL);
    for (String m : BINARY) { // both passes pick the same group for each row
      assertEquals(overall.metrics().get(m).stderr(), aggregated.metrics().get(m).stderr(), 1e-12, m);
    }
    input.createOrReplaceTempView("interval_rows"); // SQL: the same rows in the same places, so the same groups
    Row sql = TestSpark.session().sql("SELECT roc_auc_ci(y, p) AS auc, roc_auc_ci(y, p, 0.9) AS auc90,"
        + " binary_metrics_ci(y, p) AS m FROM interval_rows").first();
    Intervals.Interval auc = aggregated.metrics().get("roc_auc");
    Row sqlAuc = sql.getStruct(0);
    assertEquals(auc.value(), sqlAuc.getDouble(0), 1e-12);
    assertEquals(auc.lower(), sqlAuc.getDouble(1), 1e-12);
    assertEquals(auc.upper(), sqlAuc.getDouble(2), 1e-12);
    assertEquals(auc.stderr(), sqlAuc.getDouble(3), 1e-12);
    double t975 = new org.apache.commons.math3.distribution.TDistribution(IntervalState.GROUPS - 1)
        .inverseCumulativeProbability(0.975);
    double t95 = new org.apache.commons.math3.distribution.TDistribution(IntervalState.GROUPS - 1)
        .inverseCumulativeProbability(0.95);
    assertEquals(auc.stderr() * t95, sql.getStruct(1).getDouble(0) - sql.getStruct(1).getDouble(1), 1e-12);
    assertEquals(auc.stderr() * t975, auc.value() - auc.lower(), 1e-12);
    Row logLoss = sql.getStruct(2).getStruct(sql.getStruct(2).fieldIndex("log_loss"));
    assertEquals(aggregated.metrics().get("log_loss").stderr(), logLoss.getDouble(3), 1e-12);
    assertEquals(24_000L, sql.getStruct(2).getLong(0));

    assertEquals(LEVEL, overall.level());
    assertEquals(Intervals.JACKKNIFE, overall.method());

    BiConsumer<EvaluationState<?>, Row> update = (s, r) -> ((BinaryState) s).update(r.getDouble(1), r.getDouble(2), 1.0);
    Supplier<EvaluationState<?>> empty = () -> new BinaryState(BinarySettings.defaults());
    assertAgree("overall", overall, BINARY, bootstrap(rows, empty, update, BINARY));
    List<Row> a = rows.stream().filter(r -> r.getString(0).equals("a")).toList();
    SliceResult sliceA = sliced.slices().stream().filter(s -> "a".equals(s.key().get("segment"))).findFirst().orElseThrow();
    assertAgree("slice a", ((IntervalState) sliceA.state()).intervals(LEVEL), BINARY, bootstrap(a, empty, update, BINARY));
  }

  @Test
  void multiclassIntervalsAgreeWithABootstrap() {
    Random r = new Random(8);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 15_000; i++) {
      int y = r.nextInt(3);
      double[] logits = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
      logits[y] += 1.2;
      double total = 0;
      for (int k = 0; k < 3; k++) {
        logits[k] = Math.exp(logits[k]);
        total += logits[k];
      }
      List<Double> p = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        p.add(logits[k] / total);
      }
      rows.add(RowFactory.create(i % 2 == 0 ? "a" : "b", (double) y, p));
    }
    Dataset<Row> input = Frames.of(Frames.schema("segment", DataTypes.StringType, "y", DataTypes.DoubleType, "probs",
        DataTypes.createArrayType(DataTypes.DoubleType)), rows, 4);
    EvaluationSpec spec = EvaluationSpec.of(Task.MULTICLASS).label("y").probabilities(List.of("probs"))
        .confidence(LEVEL).sliceBy(List.of("segment")).build();
    EvaluationResult result = EvaluationJob.run(input, spec);
    BiConsumer<EvaluationState<?>, Row> update = (s, row) -> ((MulticlassState) s).update(row.getDouble(1), null,
        ((List<?>) row.get(2)).stream().mapToDouble(x -> (Double) x).toArray(), 1.0);
    Supplier<EvaluationState<?>> empty = () -> new MulticlassState(new MulticlassSettings(0, false, true, 0));
    assertAgree("overall", ((IntervalState) result.overall()).intervals(LEVEL), MULTICLASS, bootstrap(rows, empty, update, MULTICLASS));
    List<Row> a = rows.stream().filter(row -> row.getString(0).equals("a")).toList();
    assertAgree("slice a", ((IntervalState) result.slices().get(0).state()).intervals(LEVEL),
        MULTICLASS, bootstrap(a, empty, update, MULTICLASS));
  }

  @Test
  void multilabelIntervalsAgreeWithABootstrap() {
    Random r = new Random(10);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 15_000; i++) {
      List<Double> truth = new ArrayList<>();
      List<Double> predicted = new ArrayList<>();
      for (int l = 0; l < 4; l++) {
        boolean t = r.nextDouble() < 0.3;
        if (t) truth.add((double) l);
        if (r.nextDouble() < (t ? 0.7 : 0.1)) predicted.add((double) l);
      }
      rows.add(RowFactory.create(i % 2 == 0 ? "a" : "b", truth, predicted));
    }
    Dataset<Row> input = Frames.of(Frames.schema("segment", DataTypes.StringType,
        "t", DataTypes.createArrayType(DataTypes.DoubleType), "p", DataTypes.createArrayType(DataTypes.DoubleType)),
        rows, 4);
    EvaluationSpec spec = EvaluationSpec.of(Task.MULTILABEL).label("t").prediction("p").confidence(LEVEL)
        .sliceBy(List.of("segment")).build();
    EvaluationResult result = EvaluationJob.run(input, spec);
    BiConsumer<EvaluationState<?>, Row> update = (s, row) -> ((MultilabelState) s).updateSets(
        ((List<?>) row.get(1)).stream().mapToDouble(x -> (Double) x).toArray(),
        ((List<?>) row.get(2)).stream().mapToDouble(x -> (Double) x).toArray(), 1.0);
    Supplier<EvaluationState<?>> empty = () -> new MultilabelState(MultilabelSettings.arrays());
    assertAgree("overall", ((IntervalState) result.overall()).intervals(LEVEL), MULTILABEL,
        bootstrap(rows, empty, update, MULTILABEL));
    List<Row> a = rows.stream().filter(row -> row.getString(0).equals("a")).toList();
    assertAgree("slice a", ((IntervalState) result.slices().get(0).state()).intervals(LEVEL),
        MULTILABEL, bootstrap(a, empty, update, MULTILABEL));
  }

  @Test
  void regressionIntervalsAgreeWithABootstrap() {
    Random r = new Random(9);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 15_000; i++) {
      double x = r.nextGaussian();
      double y = 2 * x + r.nextGaussian() * (0.5 + Math.abs(x)); // noise that grows with x: not one variance
      rows.add(RowFactory.create(i % 2 == 0 ? "a" : "b", y, 1.8 * x));
    }
    Dataset<Row> input = Frames.of(Frames.schema("segment", DataTypes.StringType, "y", DataTypes.DoubleType, "yhat",
        DataTypes.DoubleType), rows, 4);
    EvaluationSpec spec = EvaluationSpec.of(Task.REGRESSION).label("y").prediction("yhat").confidence(LEVEL)
        .sliceBy(List.of("segment")).build();
    EvaluationResult result = EvaluationJob.run(input, spec);
    BiConsumer<EvaluationState<?>, Row> update = (s, row) -> ((RegressionState) s).update(row.getDouble(1),
        row.getDouble(2), 1.0);
    Supplier<EvaluationState<?>> empty = () -> new RegressionState(RegressionSettings.defaults());
    assertAgree("overall", ((IntervalState) result.overall()).intervals(LEVEL), REGRESSION, bootstrap(rows, empty, update, REGRESSION));
    List<Row> a = rows.stream().filter(row -> row.getString(0).equals("a")).toList();
    assertAgree("slice a", ((IntervalState) result.slices().get(0).state()).intervals(LEVEL),
        REGRESSION, bootstrap(a, empty, update, REGRESSION));
  }

  @Test
  void rowsOfOneIntervalKeyShareTheirFate() {
    // 20 identical rows a user: the evidence is that of one row a user, and so should the interval be
    List<Row> users = binaryRows(3000, 17);
    List<Row> rows = new ArrayList<>();
    for (int u = 0; u < users.size(); u++) {
      for (int copy = 0; copy < 20; copy++) {
        rows.add(RowFactory.create("user" + u, users.get(u).getDouble(1), users.get(u).getDouble(2)));
      }
    }
    org.apache.spark.sql.types.StructType schema = Frames.schema("user", DataTypes.StringType, "y",
        DataTypes.DoubleType, "p", DataTypes.DoubleType);
    EvaluationSpec byRow = EvaluationSpec.of(Task.BINARY).label("y").score("p").confidence(LEVEL).build();
    EvaluationSpec byUser = EvaluationSpec.of(Task.BINARY).label("y").score("p").confidence(LEVEL).intervalKey("user")
        .build();
    Intervals.Interval rowAuc = auc(EvaluationJob.run(Frames.of(schema, rows, 4), byRow));
    Intervals.Interval userAuc = auc(EvaluationJob.run(Frames.of(schema, rows, 4), byUser));
    Intervals.Interval oneRowAUser = auc(EvaluationJob.run(Frames.of(schema, users, 4), byRow));
    assertEquals(oneRowAUser.value(), userAuc.value(), 1e-12);
    assertTrue(Math.abs(userAuc.stderr() / oneRowAUser.stderr() - 1) <= AGREEMENT,
        "keyed stderr " + userAuc.stderr() + " against one row a user's " + oneRowAUser.stderr());
    assertTrue(rowAuc.stderr() < oneRowAUser.stderr() / 3, "by row, the copies look like evidence: " + rowAuc.stderr());
  }

  private static Intervals.Interval auc(EvaluationResult result) {
    return ((IntervalState) result.overall()).intervals(LEVEL).metrics().get("roc_auc");
  }

  /** Each metric's half-width of the bootstrap's percentile interval at {@link #LEVEL}. */
  private static double[] bootstrap(List<Row> rows, Supplier<EvaluationState<?>> empty,
      BiConsumer<EvaluationState<?>, Row> update, List<String> names) {
    Random r = new Random(12345);
    double[][] values = new double[names.size()][RESAMPLES];
    int n = rows.size();
    for (int b = 0; b < RESAMPLES; b++) {
      EvaluationState<?> s = empty.get();
      for (int i = 0; i < n; i++) {
        update.accept(s, rows.get(r.nextInt(n)));
      }
      Map<String, Double> m = s.metrics();
      for (int k = 0; k < names.size(); k++) {
        values[k][b] = m.get(names.get(k));
      }
    }
    double[] half = new double[names.size()];
    for (int k = 0; k < names.size(); k++) {
      double[] v = values[k];
      Arrays.sort(v);
      double tail = (1 - LEVEL) / 2;
      half[k] = (v[(int) Math.round((1 - tail) * (RESAMPLES - 1))] - v[(int) Math.round(tail * (RESAMPLES - 1))]) / 2;
    }
    return half;
  }

  private static void assertAgree(String where, Intervals intervals, List<String> names, double[] bootstrapHalf) {
    for (int k = 0; k < names.size(); k++) {
      String name = names.get(k);
      Intervals.Interval i = intervals.metrics().get(name);
      double half = (i.upper() - i.lower()) / 2;
      assertEquals(i.value(), (i.upper() + i.lower()) / 2, 1e-12, name + " is the middle of its interval");
      assertTrue(Math.abs(half / bootstrapHalf[k] - 1) <= AGREEMENT, where + " " + name + ": half-width " + half
          + " against the bootstrap's " + bootstrapHalf[k]);
    }
  }
}
