package io.evalspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.TestSpark;
import io.evalspark.core.BadDataException;
import io.evalspark.core.OnInvalid;
import io.evalspark.core.Task;
import io.evalspark.core.UsageException;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.MultilabelDetails;
import io.evalspark.metrics.Reference;
import io.evalspark.sql.SqlFunctions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.evaluation.MultilabelMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

class MultilabelEvaluationTest {
  private static final int LABELS = 4;

  /** Rows of true and predicted label arrays over labels 0..5; every row has a true label, some predict none. */
  private static List<Row> arrayRows(int n, long seed) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      TreeSet<Double> truth = new TreeSet<>();
      TreeSet<Double> predicted = new TreeSet<>();
      truth.add((double) r.nextInt(6));
      for (int l = 0; l < 6; l++) {
        if (r.nextDouble() < 0.2) truth.add((double) l);
        if (r.nextDouble() < (truth.contains((double) l) ? 0.6 : 0.15)) predicted.add((double) l);
      }
      rows.add(RowFactory.create(truth.toArray(new Double[0]), predicted.toArray(new Double[0]), "s" + (i % 2)));
    }
    return rows;
  }

  private static Dataset<Row> arrays(List<Row> rows) {
    return Frames.of(Frames.schema("labels", DataTypes.createArrayType(DataTypes.DoubleType),
        "predictions", DataTypes.createArrayType(DataTypes.DoubleType), "part", DataTypes.StringType), rows, 3);
  }

  private static MultilabelMetrics mllib(List<Row> rows) {
    List<Tuple2<double[], double[]>> pairs = new ArrayList<>();
    for (Row row : rows) {
      pairs.add(new Tuple2<>(toArray(row.get(1)), toArray(row.get(0))));
    }
    return new MultilabelMetrics(JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext())
        .parallelize(pairs, 2).rdd());
  }

  private static double[] toArray(Object boxed) {
    Double[] values = (Double[]) boxed;
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) out[i] = values[i];
    return out;
  }

  @Test
  void arraysAgreeWithMllibsMultilabelMetrics() {
    List<Row> rows = arrayRows(600, 3);
    EvaluationResult result = EvaluationJob.run(arrays(rows),
        EvaluationSpec.of(Task.MULTILABEL).label("labels").prediction("predictions").build());
    Map<String, Double> m = result.overall().metrics();
    MultilabelMetrics expected = mllib(rows);
    assertEquals(expected.subsetAccuracy(), m.get("subset_accuracy"), 1e-12);
    assertEquals(expected.accuracy(), m.get("accuracy"), 1e-12);
    assertEquals(expected.hammingLoss(), m.get("hamming_loss"), 1e-12);
    assertEquals(expected.precision(), m.get("precision"), 1e-12);
    assertEquals(expected.recall(), m.get("recall"), 1e-12);
    assertEquals(expected.f1Measure(), m.get("f1"), 1e-12);
    assertEquals(expected.microPrecision(), m.get("micro_precision"), 1e-12);
    assertEquals(expected.microRecall(), m.get("micro_recall"), 1e-12);
    assertEquals(expected.microF1Measure(), m.get("micro_f1"), 1e-12);
    List<MultilabelDetails.LabelMetrics> perLabel = ((MultilabelDetails) result.overall().details()).perLabel();
    double macroF1 = 0;
    for (MultilabelDetails.LabelMetrics l : perLabel) {
      double label = Double.parseDouble(l.label());
      assertEquals(expected.precision(label), l.precision(), 1e-12, l.label());
      assertEquals(expected.recall(label), l.recall(), 1e-12, l.label());
      assertEquals(expected.f1Measure(label), l.f1(), 1e-12, l.label());
      macroF1 += l.f1();
    }
    assertEquals(6, perLabel.size());
    assertEquals(macroF1 / 6, m.get("macro_f1"), 1e-12);
    assertTrue(m.get("subset_accuracy") > 0.05 && m.get("subset_accuracy") < 0.9, m.toString());
  }

  @Test
  void aSliceEqualsTheEvaluationOfItsRows() {
    List<Row> rows = arrayRows(400, 5);
    EvaluationResult result = EvaluationJob.run(arrays(rows), EvaluationSpec.of(Task.MULTILABEL).label("labels")
        .prediction("predictions").sliceBy(List.of("part")).build());
    List<Row> odd = rows.stream().filter(r -> r.getString(2).equals("s1")).toList();
    MultilabelMetrics expected = mllib(odd);
    SliceResult slice = result.slices().stream().filter(s -> "s1".equals(s.key().get("part"))).findFirst().orElseThrow();
    assertEquals(expected.accuracy(), slice.state().metrics().get("accuracy"), 1e-12);
    assertEquals(expected.microF1Measure(), slice.state().metrics().get("micro_f1"), 1e-12);
  }

  @Test
  void emptySetsCountAsSaid() {
    // Row 1: true {1}, predicted {} -> subset 0, jaccard 0, precision 0 (nothing predicted), recall 0, f1 0, 1 wrong.
    // Row 2: true {}, predicted {} -> subset 1, jaccard 0 (0/0), precision 0, recall 0, f1 0, 0 wrong.
    // Row 3: true {1, 2}, predicted {2, 3, 3} (weight 2) -> subset 0, jaccard 1/3, precision 1/2, recall 1/2,
    // f1 1/2, 2 wrong. True labels: 1 and 2, so the hamming loss divides by 2.
    List<Row> rows = List.of(RowFactory.create(new Double[] {1.0}, new Double[] {}, 1.0),
        RowFactory.create(new Double[] {}, new Double[] {}, 1.0),
        RowFactory.create(new Double[] {2.0, 1.0}, new Double[] {2.0, 3.0, 3.0}, 2.0));
    Dataset<Row> df = Frames.of(Frames.schema("labels", DataTypes.createArrayType(DataTypes.DoubleType),
        "predictions", DataTypes.createArrayType(DataTypes.DoubleType), "w", DataTypes.DoubleType), rows, 2);
    Map<String, Double> m = EvaluationJob.run(df, EvaluationSpec.of(Task.MULTILABEL).label("labels")
        .prediction("predictions").weight("w").build()).overall().metrics();
    assertEquals(1.0 / 4, m.get("subset_accuracy"), 1e-15);
    assertEquals(2 * (1.0 / 3) / 4, m.get("accuracy"), 1e-15);
    assertEquals(2 * 0.5 / 4, m.get("precision"), 1e-15);
    assertEquals(2 * 0.5 / 4, m.get("recall"), 1e-15);
    assertEquals(2 * 0.5 / 4, m.get("f1"), 1e-15);
    assertEquals((1 + 2 * 2) / 4.0 / 2, m.get("hamming_loss"), 1e-15);
    // Label 1: fn 1 + 2; label 2: tp 2; label 3: fp 2 -> micro precision 2/4, recall 2/5, f1 4/9.
    assertEquals(0.5, m.get("micro_precision"), 1e-15);
    assertEquals(2.0 / 5, m.get("micro_recall"), 1e-15);
    assertEquals(4.0 / 9, m.get("micro_f1"), 1e-15);
  }

  /** Indicator rows: a 0/1 column and a score column per label, scores rounded to {@code digits} (0: full). */
  private static List<Row> indicatorRows(int n, int digits, long seed) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    double scale = Math.pow(10, digits);
    for (int i = 0; i < n; i++) {
      Object[] values = new Object[2 * LABELS + 1];
      for (int l = 0; l < LABELS; l++) {
        boolean t = r.nextDouble() < 0.3 + 0.1 * l;
        double s = 1 / (1 + Math.exp(-(r.nextGaussian() + (t ? 1.0 : -0.5))));
        values[l] = t ? 1 : 0;
        values[LABELS + l] = digits > 0 ? Math.round(s * scale) / scale : s;
      }
      values[2 * LABELS] = 1.0 + r.nextInt(3);
      rows.add(RowFactory.create(values));
    }
    return rows;
  }

  private static Dataset<Row> indicators(List<Row> rows) {
    List<Object> schema = new ArrayList<>();
    for (int l = 0; l < LABELS; l++) schema.addAll(List.of("is_" + l, DataTypes.IntegerType));
    for (int l = 0; l < LABELS; l++) schema.addAll(List.of("score_" + l, DataTypes.DoubleType));
    schema.addAll(List.of("w", DataTypes.DoubleType));
    return Frames.of(Frames.schema(schema.toArray()), rows, 3);
  }

  /** Indicator rows as (an array of the indicators, an array of the scores, the weight). */
  private static List<Row> asArrays(List<Row> rows) {
    List<Row> asArrays = new ArrayList<>();
    for (Row row : rows) {
      double[] isTrue = new double[LABELS];
      double[] scores = new double[LABELS];
      for (int l = 0; l < LABELS; l++) {
        isTrue[l] = row.getInt(l);
        scores[l] = row.getDouble(LABELS + l);
      }
      asArrays.add(RowFactory.create(isTrue, scores, row.getDouble(2 * LABELS)));
    }
    return asArrays;
  }

  private static EvaluationSpec indicatorSpec() {
    List<String> labels = new ArrayList<>();
    List<String> scores = new ArrayList<>();
    for (int l = 0; l < LABELS; l++) {
      labels.add("is_" + l);
      scores.add("score_" + l);
    }
    return EvaluationSpec.of(Task.MULTILABEL).labels(labels).scores(scores).threshold(0.6).weight("w").build();
  }

  /** scikit-learn's definitions computed from the rows: macro and micro ROC AUC (pairs) and LRAP, and the row means. */
  private static Map<String, Double> reference(List<Row> rows) {
    int n = rows.size();
    double[] w = new double[n];
    double[][] y = new double[LABELS][n];
    double[][] s = new double[LABELS][n];
    double[] flatY = new double[n * LABELS];
    double[] flatS = new double[n * LABELS];
    double[] flatW = new double[n * LABELS];
    double lrap = 0, subset = 0, jaccard = 0, weight = 0;
    for (int i = 0; i < n; i++) {
      Row row = rows.get(i);
      w[i] = row.getDouble(2 * LABELS);
      int t = 0, p = 0, both = 0;
      for (int l = 0; l < LABELS; l++) {
        y[l][i] = row.getInt(l);
        s[l][i] = row.getDouble(LABELS + l);
        flatY[i * LABELS + l] = y[l][i];
        flatS[i * LABELS + l] = s[l][i];
        flatW[i * LABELS + l] = w[i];
        boolean predicted = s[l][i] >= 0.6;
        t += (int) y[l][i];
        p += predicted ? 1 : 0;
        both += predicted && y[l][i] == 1 ? 1 : 0;
      }
      double rowLrap = 0;
      for (int j = 0; j < LABELS; j++) {
        if (y[j][i] != 1) continue;
        int rank = 0, trueRank = 0;
        for (int k = 0; k < LABELS; k++) {
          if (s[k][i] >= s[j][i]) {
            rank++;
            trueRank += (int) y[k][i];
          }
        }
        rowLrap += (double) trueRank / rank;
      }
      lrap += w[i] * (t == 0 || t == LABELS ? 1.0 : rowLrap / t);
      subset += w[i] * (both == t && both == p ? 1 : 0);
      jaccard += w[i] * (t + p - both == 0 ? 0 : (double) both / (t + p - both));
      weight += w[i];
    }
    double macro = 0;
    for (int l = 0; l < LABELS; l++) macro += Reference.rocAuc(y[l], s[l], w) / LABELS;
    return Map.of("macro_roc_auc", macro, "micro_roc_auc", Reference.rocAuc(flatY, flatS, flatW),
        "label_ranking_average_precision", lrap / weight, "subset_accuracy", subset / weight, "accuracy",
        jaccard / weight);
  }

  @Test
  void indicatorsAndScoresGiveScikitLearnsRankingMetrics() {
    for (int digits : new int[] {3, 0}) {
      List<Row> rows = indicatorRows(1500, digits, 17 + digits);
      EvaluationResult result = EvaluationJob.run(indicators(rows), indicatorSpec());
      Map<String, Double> m = result.overall().metrics();
      Map<String, Double> expected = reference(rows);
      for (String name : List.of("label_ranking_average_precision", "subset_accuracy", "accuracy")) {
        assertEquals(expected.get(name), m.get(name), 1e-12, name);
      }
      for (String name : List.of("macro_roc_auc", "micro_roc_auc")) {
        double lower = m.get(name + "_lower");
        double upper = m.get(name + "_upper");
        assertTrue(lower <= expected.get(name) + 1e-12 && expected.get(name) <= upper + 1e-12, name + " " + m);
        if (digits == 3) {
          assertEquals(expected.get(name), m.get(name), 1e-12, name);
          assertEquals(lower, upper, 1e-12, name + ": 3-decimal scores are exact in one pass");
        } else {
          assertEquals(expected.get(name), m.get(name), 1e-3, name);
        }
      }
      List<MultilabelDetails.LabelMetrics> perLabel = ((MultilabelDetails) result.overall().details()).perLabel();
      assertEquals(List.of("is_0", "is_1", "is_2", "is_3"), perLabel.stream().map(MultilabelDetails.LabelMetrics::label)
          .toList());
    }
  }

  @Test
  void arraysOfIndicatorsAndScoresGiveWhatTheirColumnsGive() {
    List<Row> rows = indicatorRows(800, 3, 23);
    List<Row> asArrays = asArrays(rows);
    Dataset<Row> df = Frames.of(Frames.schema("is", DataTypes.createArrayType(DataTypes.DoubleType),
        "s", DataTypes.createArrayType(DataTypes.DoubleType), "w", DataTypes.DoubleType), asArrays, 3);
    Map<String, Double> columns = EvaluationJob.run(indicators(rows), indicatorSpec()).overall().metrics();
    Map<String, Double> arrays = EvaluationJob.run(df, EvaluationSpec.of(Task.MULTILABEL).label("is")
        .scores(List.of("s")).threshold(0.6).weight("w").build()).overall().metrics();
    assertEquals(columns.keySet(), arrays.keySet());
    df.createOrReplaceTempView("multilabel_indicators");
    SqlFunctions.registerAll(TestSpark.session());
    Row sql = TestSpark.session().sql("SELECT multilabel_score_metrics(is, s, 0.6, w) FROM multilabel_indicators")
        .first().getStruct(0);
    Map<String, Double> expected = reference(rows);
    for (String name : columns.keySet()) {
      assertEquals(columns.get(name), arrays.get(name), 1e-12, name);
      assertEquals(columns.get(name), sql.<Double>getAs(name), 1e-12, name);
      if (expected.containsKey(name)) {
        assertEquals(expected.get(name), arrays.get(name), 1e-12, name);
      }
    }
  }

  @Test
  void arraysOfAnotherLengthThanMostRowsHaveAreTheInvalidOnesWhereverTheyAre() {
    List<Row> rows = indicatorRows(60, 3, 29);
    List<Row> asArrays = new ArrayList<>();
    // the odd row first: read first in its partition, it set the count there, and its partition's
    // other rows were invalid
    asArrays.add(RowFactory.create(new double[] {1.0, 0.0}, new double[] {0.9, 0.1}, 1.0));
    asArrays.addAll(asArrays(rows));
    StructType schema = Frames.schema("is", DataTypes.createArrayType(DataTypes.DoubleType),
        "s", DataTypes.createArrayType(DataTypes.DoubleType), "w", DataTypes.DoubleType);
    Dataset<Row> inOrder = TestSpark.session().createDataFrame(asArrays, schema).coalesce(1);
    for (Dataset<Row> df : List.of(inOrder, Frames.of(schema, asArrays, 3))) {
      EvaluationSpec.Builder spec = EvaluationSpec.of(Task.MULTILABEL).label("is").scores(List.of("s")).threshold(0.6)
          .weight("w");
      BadDataException e = assertThrows(BadDataException.class, () -> EvaluationJob.run(df, spec.build()));
      assertTrue(e.getMessage().contains("1 of 61 rows"), e.getMessage());
      assertTrue(e.getMessage().contains("1 rows: labels (column 'is') do not have one indicator per label"),
          e.getMessage());
      EvaluationState<?> state = EvaluationJob.run(df, spec.onInvalid(OnInvalid.SKIP).build()).overall();
      assertEquals(60, state.rowCounts().evaluatedRows());
      Map<String, Double> expected = reference(rows);
      for (Map.Entry<String, Double> metric : expected.entrySet()) {
        assertEquals(metric.getValue(), state.metrics().get(metric.getKey()), 1e-12, metric.getKey());
      }
    }
  }

  @Test
  void badRowsAndLayoutsSayWhatIsWrong() {
    List<Row> rows = new ArrayList<>(indicatorRows(20, 3, 1));
    Object[] bad = new Object[2 * LABELS + 1];
    for (int i = 0; i < bad.length; i++) bad[i] = rows.get(0).get(i);
    bad[1] = 2;
    rows.add(RowFactory.create(bad));
    BadDataException e = assertThrows(BadDataException.class, () -> EvaluationJob.run(indicators(rows), indicatorSpec()));
    assertTrue(e.getMessage().contains("a label indicator (column 'is_0,is_1,is_2,is_3') is not 0 or 1"), e.getMessage());
    List<Row> sets = new ArrayList<>(arrayRows(20, 3));
    sets.add(RowFactory.create(new Double[] {1.0}, new Double[] {1.0, null}, "s0"));
    e = assertThrows(BadDataException.class, () -> EvaluationJob.run(arrays(sets), EvaluationSpec.of(Task.MULTILABEL)
        .label("labels").prediction("predictions").build()));
    assertTrue(e.getMessage().contains("1 rows: a predicted label (column 'predictions') is null, NaN, infinite or a"
        + " whole number beyond 2^53"), e.getMessage());
    UsageException u = assertThrows(UsageException.class, () -> EvaluationSpec.of(Task.MULTILABEL)
        .labels(List.of("a", "b")).scores(List.of("sa")).build());
    assertTrue(u.getMessage().contains("got 2 labels and 1 scores"), u.getMessage());
    u = assertThrows(UsageException.class, () -> EvaluationSpec.of(Task.MULTILABEL)
        .labels(List.of("a", "b")).scores(List.of("sa", "sa")).build());
    assertEquals("--scores names 'sa' twice; name each label's score column once", u.getMessage());
    u = assertThrows(UsageException.class, () -> EvaluationSpec.of(Task.MULTILABEL).label("labels").build());
    assertTrue(u.getMessage().startsWith("a multilabel evaluation needs --label and --prediction"), u.getMessage());
    u = assertThrows(UsageException.class, () -> EvaluationSpec.of(Task.BINARY).label("y").score("p")
        .labels(List.of("a")).build());
    assertTrue(u.getMessage().contains("apply to multilabel evaluations"), u.getMessage());
  }

  @Test
  void theSqlFunctionGivesTheSameMetrics() {
    List<Row> rows = arrayRows(300, 9);
    arrays(rows).createOrReplaceTempView("multilabel_rows");
    SqlFunctions.registerAll(TestSpark.session());
    Row sql = TestSpark.session().sql("SELECT multilabel_metrics(labels, predictions) AS m FROM multilabel_rows")
        .first().getStruct(0);
    MultilabelMetrics expected = mllib(rows);
    assertEquals(300L, sql.<Long>getAs("evaluated_rows"));
    assertEquals(expected.subsetAccuracy(), sql.<Double>getAs("subset_accuracy"), 1e-12);
    assertEquals(expected.hammingLoss(), sql.<Double>getAs("hamming_loss"), 1e-12);
    assertEquals(expected.microF1Measure(), sql.<Double>getAs("micro_f1"), 1e-12);
  }
}
