package io.evalspark.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.TestSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The evaluator inside MLlib's model selection, checked against MLlib and against direct formulas. */
class MetricsEvaluatorTest {
  private static Dataset<Row> data;
  private static final LogisticRegression LR = new LogisticRegression().setMaxIter(15);
  private static final ParamMap[] GRID = new ParamGridBuilder()
      .addGrid(LR.regParam(), new double[] {0.0, 0.3, 3.0}).build();

  @BeforeAll
  static void data() {
    Random r = new Random(5);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      double a = r.nextGaussian();
      double b = r.nextGaussian();
      double y = r.nextDouble() < 1 / (1 + Math.exp(-(1.5 * a - b))) ? 1 : 0;
      rows.add(RowFactory.create(y, Vectors.dense(a, b, r.nextGaussian())));
    }
    data = TestSpark.session().createDataFrame(rows, DataTypes.createStructType(List.of(
        DataTypes.createStructField("label", DataTypes.DoubleType, false),
        DataTypes.createStructField("features", new VectorUDT(), false)))).repartition(3).cache();
  }

  private static CrossValidatorModel crossValidate(Evaluator evaluator) {
    return new CrossValidator().setEstimator(LR).setEstimatorParamMaps(GRID).setEvaluator(evaluator)
        .setNumFolds(3).setSeed(42).fit(data);
  }

  @Test
  void crossValidatedAucAgreesWithMllibsExactEvaluator() {
    double[] ours = crossValidate(new MetricsEvaluator()).avgMetrics();
    double[] mllib = crossValidate(new BinaryClassificationEvaluator().setRawPredictionCol("probability")
        .setMetricName("areaUnderROC").setNumBins(0)).avgMetrics();
    for (int i = 0; i < GRID.length; i++) {
      assertEquals(mllib[i], ours[i], 1e-3, "fold-average AUC of grid point " + i);
    }
  }

  @Test
  void selectsTheSmallestLogLossBecauseSmallerIsBetter() {
    MetricsEvaluator logLoss = new MetricsEvaluator().setMetricName("log_loss");
    assertFalse(logLoss.isLargerBetter());
    CrossValidatorModel cv = crossValidate(logLoss);
    double[] m = cv.avgMetrics();
    int best = 0;
    for (int i = 1; i < m.length; i++) {
      if (m[i] < m[best]) {
        best = i;
      }
    }
    double chosen = ((org.apache.spark.ml.classification.LogisticRegressionModel) cv.bestModel()).getRegParam();
    assertEquals((double) (Double) GRID[best].apply(LR.regParam()), chosen, 0.0);
    assertTrue(m[2] > m[0], "heavy regularisation should cost log loss: " + java.util.Arrays.toString(m));
  }

  @Test
  void logLossOfOneModelMatchesTheFormula() {
    Dataset<Row> predictions = LR.fit(data).transform(data);
    double sum = 0;
    List<Row> rows = predictions.select("label", "probability").collectAsList();
    for (Row row : rows) {
      double p = ((Vector) row.get(1)).apply(1);
      sum -= row.getDouble(0) == 1 ? Math.log(p) : Math.log(1 - p);
    }
    assertEquals(sum / rows.size(), new MetricsEvaluator().setMetricName("log_loss").evaluate(predictions), 1e-12);
    MetricsEvaluator keras = new MetricsEvaluator().setMetricName("binary_crossentropy");
    assertEquals(sum / rows.size(), keras.evaluate(predictions), 1e-12);
    assertFalse(keras.isLargerBetter());
  }

  @Test
  void anAliasEvaluatesItsMetric() {
    Dataset<Row> predictions = LR.fit(data).transform(data);
    double auc = new MetricsEvaluator().setMetricName("roc_auc").evaluate(predictions);
    assertEquals(auc, new MetricsEvaluator().setMetricName("auc").evaluate(predictions));
    assertEquals(auc, new MetricsEvaluator().setMetricName("AUC").evaluate(predictions));
    // a target written otherwise than --at writes it is the same operating point
    double atRecall = new MetricsEvaluator().setMetricName("precision_at_recall_0.9").evaluate(predictions);
    assertTrue(atRecall > 0, "precision at recall 0.9: " + atRecall);
    assertEquals(atRecall, new MetricsEvaluator().setMetricName("precision_at_recall_0.90").evaluate(predictions));
  }

  @Test
  void aMetricOfOnesOwnIsTheMeanOfItsFormulaAndSmallerIsBetter() {
    Dataset<Row> predictions = LR.fit(data).transform(data);
    double sum = 0;
    List<Row> rows = predictions.select("label", "probability").collectAsList();
    for (Row row : rows) {
      sum += Math.abs(row.getDouble(0) - ((Vector) row.get(1)).apply(1)) * 1000;
    }
    MetricsEvaluator err = new MetricsEvaluator().setMetricName("err=abs(y - p) * 1000");
    assertEquals(sum / rows.size(), err.evaluate(predictions), 1e-9);
    assertFalse(err.isLargerBetter());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MetricsEvaluator().setMetricName("err=abs(").evaluate(predictions));
    assertTrue(e.getMessage().contains("custom metric err's formula"), e.getMessage());
  }

  @Test
  void trainValidationSplitSelectsByF1() {
    MetricsEvaluator f1 = new MetricsEvaluator().setMetricName("f1");
    TrainValidationSplitModel tvs = new TrainValidationSplit().setEstimator(LR).setEstimatorParamMaps(GRID)
        .setEvaluator(f1).setTrainRatio(0.7).setSeed(3).fit(data);
    assertTrue(f1.isLargerBetter());
    double[] m = tvs.validationMetrics();
    int best = m[0] >= m[1] && m[0] >= m[2] ? 0 : m[1] >= m[2] ? 1 : 2;
    double chosen = ((org.apache.spark.ml.classification.LogisticRegressionModel) tvs.bestModel()).getRegParam();
    assertEquals((double) (Double) GRID[best].apply(LR.regParam()), chosen, 0.0);
  }

  @Test
  void allMetricsOfOneModelFromOnePassAgreeWithEachSingleMetric() {
    Dataset<Row> predictions = LR.fit(data).transform(data).cache();
    MetricsEvaluator e = new MetricsEvaluator();
    Map<String, Double> all = e.evaluateAll(predictions);
    for (String metric : List.of("roc_auc", "f1", "accuracy", "brier", "average_precision")) {
      assertEquals(all.get(metric), e.copy(new ParamMap()).setMetricName(metric).evaluate(predictions), 0.0, metric);
    }
  }

  @Test
  void regressionAndMulticlassTasksReadThePredictionColumn() {
    Dataset<Row> regression = TestSpark.session().sql(
        "SELECT * FROM VALUES (1D, 1.5D), (2D, 2D), (3D, 2D), (4D, 5D) AS t(label, prediction)");
    MetricsEvaluator rmse = new MetricsEvaluator().setTask("regression").setMetricName("rmse");
    assertFalse(rmse.isLargerBetter());
    assertEquals(Math.sqrt(2.25 / 4), rmse.evaluate(regression), 1e-12);
    Dataset<Row> multiclass = TestSpark.session().sql(
        "SELECT * FROM VALUES (0D, 0D), (1D, 2D), (2D, 2D), (2D, 2D) AS t(label, prediction)");
    assertEquals(0.75, new MetricsEvaluator().setTask("multiclass").setMetricName("accuracy").evaluate(multiclass), 1e-12);
  }

  @Test
  void rankingAgreesWithMllibsRankingEvaluatorAtItsK() {
    Dataset<Row> ranking = TestSpark.session().sql("SELECT * FROM VALUES (array(1D, 6D, 2D, 7D, 8D), array(1D, 2D, 3D)),"
        + " (array(4D, 1D, 5D, 6D, 2D), array(1D, 2D, 3D, 4D)), (array(1D, 2D), array(5D)), (array(9D), array(9D, 3D))"
        + " AS t(prediction, label)");
    String[][] names = {{"map", "meanAveragePrecision", "10"}, {"ndcg_at_3", "ndcgAtK", "3"},
        {"precision_at_2", "precisionAtK", "2"}, {"recall_at_4", "recallAtK", "4"}, {"map_at_3", "meanAveragePrecisionAtK", "3"}};
    for (String[] n : names) {
      double mllib = new org.apache.spark.ml.evaluation.RankingEvaluator().setMetricName(n[1])
          .setK(Integer.parseInt(n[2])).evaluate(ranking);
      MetricsEvaluator ours = new MetricsEvaluator().setTask("ranking").setMetricName(n[0]);
      assertEquals(mllib, ours.evaluate(ranking), 1e-12, n[0]);
      assertTrue(ours.isLargerBetter(), n[0]);
    }
  }

  @Test
  void multilabelAgreesWithMllibsMultilabelEvaluator() {
    Dataset<Row> multilabel = TestSpark.session().sql("SELECT * FROM VALUES (array(0D, 1D), array(0D, 2D)),"
        + " (array(0D, 2D), array(0D, 1D)), (array(), array(0D)), (array(2D), array(2D)), (array(2D, 0D), array(2D, 0D)),"
        + " (array(0D, 1D, 2D), array(0D, 1D)), (array(1D), array(1D, 2D)) AS t(label, prediction)");
    String[][] names = {{"subset_accuracy", "subsetAccuracy"}, {"accuracy", "accuracy"}, {"hamming_loss", "hammingLoss"},
        {"precision", "precision"}, {"micro_f1", "microF1Measure"}};
    for (String[] n : names) {
      MetricsEvaluator ours = new MetricsEvaluator().setTask("multilabel").setMetricName(n[0]);
      double mllib = new org.apache.spark.ml.evaluation.MultilabelClassificationEvaluator().setMetricName(n[1])
          .evaluate(multilabel);
      assertEquals(mllib, ours.evaluate(multilabel), 1e-12, n[0]);
      assertEquals(!n[0].equals("hamming_loss"), ours.isLargerBetter(), n[0]);
    }
  }

  @Test
  void anUnknownMetricIsNamedWithTheTasksMetrics() {
    Dataset<Row> predictions = LR.fit(data).transform(data);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MetricsEvaluator().setMetricName("rmse").evaluate(predictions));
    assertTrue(e.getMessage().contains("'rmse' is not a binary metric") && e.getMessage().contains("roc_auc"),
        e.getMessage());
    IllegalArgumentException fbeta = assertThrows(IllegalArgumentException.class,
        () -> new MetricsEvaluator().setMetricName("fbeta").evaluate(predictions));
    assertTrue(fbeta.getMessage().startsWith("metricName 'fbeta' (fbeta) needs settings this evaluator does not have"
        + " (setBeta(B)); it reports: "), fbeta.getMessage());
    IllegalArgumentException own = assertThrows(IllegalArgumentException.class, // it spoke of evaluate's flags
        () -> new MetricsEvaluator().setTask("multiclass").setMetricName("err=abs(y - p)").evaluate(predictions));
    assertEquals("metricName 'err=abs(y - p)' is a metric of your own, which binary and regression tasks take; a"
        + " multiclass task does not (its rows have no single p)", own.getMessage());
    MetricsEvaluator unnamed = new MetricsEvaluator().setMetricName(null);
    for (Executable use : List.<Executable>of(
        () -> unnamed.evaluate(predictions), unnamed::isLargerBetter)) { // each failed with Java's NullPointerException
      assertEquals("metricName is null; give a metric's name, such as roc_auc, or name=formula",
          assertThrows(IllegalArgumentException.class, use).getMessage());
    }
  }
}
