package io.evalspark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.TestSpark;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SQL functions on tables small enough to work by hand. Six rows, sorted by score: 0.9 (1),
 * 0.7 (0), 0.6 (1), 0.4 (1), 0.2 (0), 0.1 (0). Of the 9 positive-negative pairs, 7 are ordered
 * right; average precision is (1 + 2/3 + 3/4) / 3. Regression: labels 1, 2, 3, 4 and predictions
 * 1.5, 2, 2, 5, errors 0.5, 0, -1, 1.
 */
class SqlFunctionsTest {
  private static SparkSession spark;

  @BeforeAll
  static void tables() {
    spark = TestSpark.session();
    spark.sql("SELECT * FROM VALUES ('a', 1, 0.9D, 1D), ('a', 0, 0.7D, 2D), ('a', 1, 0.6D, 1D), "
        + "('a', 1, 0.4D, 1D), ('a', 0, 0.2D, 1D), ('a', 0, 0.1D, 1D), ('b', 1, 0.3D, 1D), ('b', 0, 0.8D, 1D) "
        + "AS t(model, label, score, weight)").repartition(3).createOrReplaceTempView("sql_binary");
    spark.sql("SELECT * FROM VALUES (1D, 1.5D), (2D, 2D), (3D, 2D), (4D, 5D) AS t(label, prediction)")
        .repartition(2).createOrReplaceTempView("sql_regression");
    spark.sql("SELECT * FROM VALUES (0, 0), (1, 2), (2, 2), (2, 2), (1, 1), (0, 1) AS t(label, prediction)")
        .repartition(2).createOrReplaceTempView("sql_multiclass");
  }

  private static Row one(String query) {
    List<Row> rows = spark.sql(query).collectAsList();
    assertEquals(1, rows.size(), query);
    return rows.get(0);
  }

  @Test
  void binaryMetricsByHand() {
    Row r = one("SELECT roc_auc(label, score), average_precision(label, score), log_loss(label, score), "
        + "brier(label, score) FROM sql_binary WHERE model = 'a'");
    assertEquals(7.0 / 9.0, r.getDouble(0), 1e-12);
    assertEquals((1.0 + 2.0 / 3.0 + 3.0 / 4.0) / 3.0, r.getDouble(1), 1e-12);
    double logLoss = -(Math.log(0.9) + Math.log(0.3) + Math.log(0.6) + Math.log(0.4) + Math.log(0.8) + Math.log(0.9)) / 6;
    assertEquals(logLoss, r.getDouble(2), 1e-12);
    assertEquals((0.01 + 0.49 + 0.16 + 0.36 + 0.04 + 0.01) / 6, r.getDouble(3), 1e-12);
  }

  @Test
  void weightsCountAsRepeatedRows() {
    // The negative at 0.7 weighs 2: ordered pairs 4 + 2 + 2 of 3 x 4.
    Row r = one("SELECT roc_auc(label, score, weight) FROM sql_binary WHERE model = 'a'");
    assertEquals(8.0 / 12.0, r.getDouble(0), 1e-12);
  }

  @Test
  void binaryMetricsStructAtAThreshold() {
    Row r = one("SELECT binary_metrics(label, score) AS m, binary_metrics(label, score, 0.35) AS low "
        + "FROM sql_binary WHERE model = 'a'");
    Row m = r.getStruct(0);
    assertEquals(6L, (long) m.getAs("evaluated_rows"));
    assertEquals(2.0, (double) m.getAs("tp"));
    assertEquals(1.0, (double) m.getAs("fp"));
    assertEquals(2.0, (double) m.getAs("tn"));
    assertEquals(1.0, (double) m.getAs("fn"));
    assertEquals(4.0 / 6.0, (double) m.getAs("accuracy"), 1e-12);
    assertEquals(2.0 / 3.0, (double) m.getAs("f1"), 1e-12);
    assertEquals(7.0 / 9.0, (double) m.getAs("roc_auc"), 1e-12);
    Row low = r.getStruct(1);
    assertEquals(3.0, (double) low.getAs("tp"));
    assertEquals(5.0 / 6.0, (double) low.getAs("accuracy"), 1e-12);
  }

  @Test
  void groupByGivesEachSliceItsOwnMetrics() {
    List<Row> rows = spark.sql("SELECT model, roc_auc(label, score) FROM sql_binary GROUP BY model ORDER BY model")
        .collectAsList();
    assertEquals(7.0 / 9.0, rows.get(0).getDouble(1), 1e-12);
    assertEquals(0.0, rows.get(1).getDouble(1), 1e-12); // model b: its one positive is below its one negative
  }

  @Test
  void undefinedMetricIsNull() {
    assertNull(one("SELECT roc_auc(label, score) FROM sql_binary WHERE label = 1").get(0));
  }

  @Test
  void rocCurveWalksFromTheOriginToTheCorner() {
    List<Row> points = one("SELECT roc_curve(label, score) FROM sql_binary WHERE model = 'a'").getList(0);
    double[][] expected = {{0, 0}, {0, 1 / 3.0}, {1 / 3.0, 1 / 3.0}, {1 / 3.0, 2 / 3.0}, {1 / 3.0, 1}, {2 / 3.0, 1}, {1, 1}};
    double[] scores = {Double.NaN, 0.9, 0.7, 0.6, 0.4, 0.2, 0.1};
    assertEquals(expected.length, points.size());
    for (int i = 0; i < expected.length; i++) {
      Row p = points.get(i);
      assertEquals(expected[i][0], (double) p.getAs("fpr"), 1e-12, "fpr " + i);
      assertEquals(expected[i][1], (double) p.getAs("tpr"), 1e-12, "tpr " + i);
      if (i == 0) {
        assertNull(p.getAs("threshold"));
      } else {
        double threshold = p.getAs("threshold");
        assertTrue(threshold <= scores[i] && scores[i] - threshold < 1e-4, "threshold " + threshold);
      }
    }
    List<Row> pr = one("SELECT pr_curve(label, score) FROM sql_binary WHERE model = 'a'").getList(0);
    Row last = pr.get(pr.size() - 1);
    assertEquals(1.0, (double) last.getAs("recall"), 1e-12);
    assertEquals(0.5, (double) last.getAs("precision"), 1e-12);
    assertEquals(3, one("SELECT size(roc_curve(label, score, 3)) FROM sql_binary").getInt(0));
  }

  @Test
  void regressionMetricsByHand() {
    Row r = one("SELECT mse(label, prediction), mae(label, prediction), huber(label, prediction), "
        + "huber(label, prediction, 0.5), r2(label, prediction), regression_metrics(label, prediction).rmse "
        + "FROM sql_regression");
    assertEquals(2.25 / 4, r.getDouble(0), 1e-12);
    assertEquals(2.5 / 4, r.getDouble(1), 1e-12);
    assertEquals((0.125 + 0 + 0.5 + 0.5) / 4, r.getDouble(2), 1e-12);
    assertEquals((0.125 + 0 + 0.375 + 0.375) / 4, r.getDouble(3), 1e-12);
    assertEquals(1 - 2.25 / 5, r.getDouble(4), 1e-12);
    assertEquals(Math.sqrt(2.25 / 4), r.getDouble(5), 1e-12);
  }

  @Test
  void lossFunctionsByHand() {
    // sql_regression: (1, 1.5), (2, 2), (3, 2), (4, 5), every label and prediction positive.
    double[] y = {1, 2, 3, 4};
    double[] p = {1.5, 2, 2, 5};
    double msle = 0;
    double poissonDeviance = 0;
    double gammaDeviance = 0;
    for (int i = 0; i < 4; i++) {
      msle += Math.pow(Math.log(1 + p[i]) - Math.log(1 + y[i]), 2) / 4;
      poissonDeviance += 2 * (y[i] * Math.log(y[i] / p[i]) - y[i] + p[i]) / 4;
      gammaDeviance += 2 * (Math.log(p[i] / y[i]) + y[i] / p[i] - 1) / 4;
    }
    Row r = one("SELECT msle(label, prediction), mean_poisson_deviance(label, prediction), "
        + "mean_gamma_deviance(label, prediction) FROM sql_regression");
    assertEquals(msle, r.getDouble(0), 1e-12);
    assertEquals(poissonDeviance, r.getDouble(1), 1e-12);
    assertEquals(gammaDeviance, r.getDouble(2), 1e-12);
    // Model 'a' of sql_binary: (1, 0.9, w 1), (0, 0.7, w 2), (1, 0.6, w 1) and the rest; focal with gamma 1 and
    // alpha 0.25 against the same sum written here.
    List<Row> rows = spark.sql("SELECT label, score, weight FROM sql_binary WHERE model = 'a'").collectAsList();
    double focal = 0;
    double hinge = 0;
    double weight = 0;
    for (Row row : rows) {
      double label = row.getInt(0);
      double score = row.getDouble(1);
      double w = row.getDouble(2);
      double pTrue = label == 1 ? score : 1 - score;
      focal += w * (label == 1 ? 0.25 : 0.75) * (1 - pTrue) * -Math.log(pTrue);
      hinge += w * Math.max(0, 1 - (label == 1 ? score : -score));
      weight += w;
    }
    Row b = one("SELECT focal_loss(label, score, 1, 0.25, weight), hinge(label, score, weight), "
        + "binary_metrics(label, score).focal_loss = focal_loss(label, score, 2) FROM sql_binary WHERE model = 'a'");
    assertEquals(focal / weight, b.getDouble(0), 1e-12);
    assertEquals(hinge / weight, b.getDouble(1), 1e-12);
    assertTrue(b.getBoolean(2), "gamma 2 without class balancing is the default focal loss");
    // mean_of: a formula over y, p and w, weighted or not.
    Row custom = one("SELECT mean_of('abs(y - p) * 1000', label, prediction), "
        + "mean_of('square(y - p)', label, prediction) = mse(label, prediction) FROM sql_regression");
    assertEquals((0.5 + 0 + 1 + 1) * 1000 / 4, custom.getDouble(0), 1e-9);
    assertTrue(custom.getBoolean(1));
    double weighted = 0;
    for (Row row : rows) {
      weighted += row.getDouble(2) * Math.abs(row.getInt(0) - row.getDouble(1));
    }
    assertEquals(weighted / weight, one("SELECT mean_of('abs(y - p)', label, score, weight) FROM sql_binary "
        + "WHERE model = 'a'").getDouble(0), 1e-12);
    assertAnalysisError("SELECT mean_of('abs(y - ', label, prediction) FROM sql_regression",
        "mean_of: custom metric mean_of's formula 'abs(y - ' is not a formula over y, p and w",
        "mean_of(formula, label, prediction [, weight])");
    assertAnalysisError("SELECT mean_of(label, label, prediction) FROM sql_regression",
        "mean_of's formula must be a constant string");
    assertAnalysisError("SELECT focal_loss(label, score, 2, 1.5) FROM sql_binary",
        "focal_loss: focal alpha must be in [0, 1], got 1.5", "focal_loss(label, score [, gamma [, alpha [, weight]]])");
  }

  @Test
  void multiclassMetricsAndConfusionMatrix() {
    Row r = one("SELECT multiclass_metrics(label, prediction).accuracy, confusion_matrix(label, prediction) "
        + "FROM sql_multiclass");
    assertEquals(4.0 / 6.0, r.getDouble(0), 1e-12);
    double[][] expected = {{1, 1, 0}, {0, 1, 1}, {0, 0, 2}};
    List<Row> cells = r.getList(1);
    assertEquals(9, cells.size());
    for (Row cell : cells) {
      int label = cell.getAs("label");
      int prediction = cell.getAs("prediction");
      assertEquals(expected[label][prediction], (double) cell.getAs("count"), "cell " + label + "," + prediction);
    }
  }

  @Test
  void multiclassFromProbabilitiesPredictsTheMostLikelyClass() {
    Row m = one("SELECT multiclass_metrics(label, probabilities) FROM VALUES "
        + "(0, array(0.7D, 0.2D, 0.1D)), (1, array(0.3D, 0.6D, 0.1D)), (2, array(0.5D, 0.25D, 0.25D)) "
        + "AS t(label, probabilities)").getStruct(0);
    assertEquals(2.0 / 3.0, (double) m.getAs("accuracy"), 1e-12);
    assertEquals(-(Math.log(0.7) + Math.log(0.6) + Math.log(0.25)) / 3, (double) m.getAs("log_loss"), 1e-12);
  }

  @Test
  void invalidRowsAreLeftOutAndCounted() {
    Row m = one("SELECT binary_metrics(label, score) FROM VALUES (1, 0.9D), (0, 0.2D), (2, 0.5D), (1, CAST(NULL AS DOUBLE)) "
        + "AS t(label, score)").getStruct(0);
    assertEquals(2L, (long) m.getAs("evaluated_rows"));
    assertEquals(2L, (long) m.getAs("invalid_rows"));
    assertEquals(1.0, (double) m.getAs("accuracy"), 1e-12);
  }

  @Test
  void wrongArgumentsFailAtAnalysisNamingTheFunctionAndItsSignature() {
    assertAnalysisError("SELECT roc_auc(label) FROM sql_binary",
        "roc_auc takes 2 to 3 arguments, got 1", "roc_auc(label, score [, weight])");
    assertAnalysisError("SELECT roc_auc(label, model) FROM sql_binary",
        "roc_auc's score argument", "has type string", "roc_auc(label, score [, weight])");
    assertAnalysisError("SELECT binary_metrics(label, score, 'high') FROM sql_binary",
        "binary_metrics's threshold must be a constant number", "binary_metrics(label, score [, threshold [, weight [, beta]]])");
    assertAnalysisError("SELECT binary_metrics(label, score, 1.5) FROM sql_binary", "threshold must be a probability");
    assertAnalysisError("SELECT roc_auc_ci(label, score, 95) FROM sql_binary",
        "roc_auc_ci: the confidence level must be between 0 and 1 (for example 0.95), got 95.0");
    assertAnalysisError("SELECT huber(label, prediction, 0) FROM sql_regression", "delta must be a positive");
    assertAnalysisError("SELECT mse(label, prediction, prediction, prediction) FROM sql_regression",
        "mse takes 2 to 3 arguments, got 4");
    // class names are not class indices
    assertAnalysisError("SELECT multiclass_metrics('cat', 1D)", "multiclass_metrics's label argument",
        "has type string", "expected a numeric column of class indices 0, 1, 2, ... (index class names first, for"
            + " example with MLlib's StringIndexer)");
    // top_k 0 is not "none": given, it must name a K that top_K_accuracy can report
    assertAnalysisError("SELECT multiclass_metrics(1, array(0.3D, 0.7D), 1D, 0)",
        "multiclass_metrics: top_k must be a whole number from 1 to 100000, got 0.0");
    // NaN is how the settings say "no fbeta" and "no target": given, it dropped what it asked for
    assertAnalysisError("SELECT binary_metrics(label, score, 0.5, 1D, double('NaN')) FROM sql_binary",
        "binary_metrics: beta must be a positive finite number, got NaN");
    assertAnalysisError("SELECT precision_at_recall(label, score, double('NaN')) FROM sql_binary",
        "precision_at_recall: an operating point's target must be in (0, 1], got NaN");
  }

  @Test
  void distinctIsRefusedSinceItWouldDropRepeatedRows() {
    spark.sql("SELECT * FROM VALUES (1, 0.9D), (0, 0.2D), (1, 0.4D), (0, 0.6D), (1, 0.9D) AS t(label, score)")
        .createOrReplaceTempView("sql_repeated");
    // by hand: of the 3 x 2 positive-negative pairs, 0.9 > both twice and 0.4 > 0.2 once; DISTINCT gave 3/4
    assertEquals(5.0 / 6.0, spark.sql("SELECT roc_auc(label, score) FROM sql_repeated").first().getDouble(0), 1e-15);
    assertAnalysisError("SELECT roc_auc(DISTINCT label, score) FROM sql_repeated", "roc_auc(DISTINCT ...) would"
        + " evaluate each distinct combination of its arguments once, dropping the rows that repeat one",
        "usage: roc_auc(label, score [, weight])");
    assertAnalysisError("SELECT binary_metrics(DISTINCT label, score).recall FROM sql_repeated",
        "binary_metrics(DISTINCT ...)");
  }

  private static void assertAnalysisError(String query, String... fragments) {
    Exception e = assertThrows(Exception.class, () -> spark.sql(query));
    assertTrue(e.getClass().getSimpleName().contains("AnalysisException"), e.getClass().getName());
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), () -> "'" + fragment + "' not in: " + e.getMessage());
    }
  }

  @Test
  void registerAllInstallsTheFunctionsInASessionThatLacksThem() {
    SparkSession other = spark.newSession();
    other.sessionState().functionRegistry().dropFunction(new org.apache.spark.sql.catalyst.FunctionIdentifier("mae"));
    assertThrows(Exception.class, () -> other.sql("SELECT mae(1D, 2D)").collectAsList());
    SqlFunctions.registerAll(other);
    assertEquals(1.0, other.sql("SELECT mae(1D, 2D)").first().getDouble(0), 0.0);
  }
}
