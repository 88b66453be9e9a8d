package io.evalspark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.core.Task;
import io.evalspark.core.UsageException;
import io.evalspark.job.EvaluationJob;
import io.evalspark.job.EvaluationSpec;
import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.OperatingPoints;
import io.evalspark.metrics.Catalogue;
import io.evalspark.metrics.Catalogues;
import io.evalspark.metrics.Metric;
import io.evalspark.ml.MetricsEvaluator;
import io.evalspark.report.MetricsReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metric catalogue against everything that reads it: every name it holds is in metrics.json
 * (overall and per slice), in the SQL {@code *_metrics} structs and in {@link MetricsEvaluator} (with
 * the same value), and each metric's direction matches its definition: a model that knows the labels
 * scores better than one that guesses.
 */
class CatalogueTest {
  private static final int ROWS = 20_000;
  private static final int CLASSES = 4;
  private static final int TOP_K = 2;
  private static final double BETA = 2.0;
  /** Operating point targets that even a guess reaches. */
  private static final OperatingPoints.Targets AT = new OperatingPoints.Targets(0.5, 0.7, 0.5, 0.5);
  private static SparkSession spark;
  private static Dataset<Row> binary;
  private static Dataset<Row> multiclass;
  private static Dataset<Row> regression;
  private static Dataset<Row> multilabel;
  private static Dataset<Row> ranking;

  @BeforeAll
  static void data() {
    spark = TestSpark.session();
    binary = binaryRows(new Random(11));
    multiclass = multiclassRows(new Random(12));
    regression = regressionRows(new Random(13));
    multilabel = multilabelRows(new Random(14));
    ranking = rankingRows(new Random(15));
    binary.createOrReplaceTempView("catalogue_binary");
    multiclass.createOrReplaceTempView("catalogue_multiclass");
    regression.createOrReplaceTempView("catalogue_regression");
    multilabel.createOrReplaceTempView("catalogue_multilabel");
    ranking.createOrReplaceTempView("catalogue_ranking");
  }

  /** An array of 0/1 indicators per row; 'good_p' scores each label higher where it is true, 'bad_p' guesses. */
  private static Dataset<Row> multilabelRows(Random r) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      double[] isTrue = new double[CLASSES];
      double[] good = new double[CLASSES];
      double[] bad = new double[CLASSES];
      for (int l = 0; l < CLASSES; l++) {
        isTrue[l] = r.nextDouble() < 0.3 ? 1.0 : 0.0;
        good[l] = 1 / (1 + Math.exp(-(r.nextGaussian() + 3 * isTrue[l] - 1.5)));
        bad[l] = r.nextDouble();
      }
      rows.add(RowFactory.create(isTrue, good, bad, 1.0 + r.nextInt(3)));
    }
    return frame(rows, "label", DataTypes.createArrayType(DataTypes.DoubleType),
        "good_p", DataTypes.createArrayType(DataTypes.DoubleType), "bad_p", DataTypes.createArrayType(DataTypes.DoubleType),
        "w", DataTypes.DoubleType);
  }

  /** Queries of 1 to 4 relevant items among 20; 'good' mostly lists them first, 'bad' lists any 6 items. */
  private static Dataset<Row> rankingRows(Random r) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      List<Double> items = new ArrayList<>();
      for (int item = 0; item < 20; item++) {
        items.add((double) item);
      }
      java.util.Collections.shuffle(items, r);
      Double[] relevant = items.subList(0, 1 + r.nextInt(4)).toArray(new Double[0]);
      List<Double> good = new ArrayList<>(items.subList(0, 6));
      if (r.nextBoolean()) {
        java.util.Collections.swap(good, 0, 5); // not always perfect
      }
      java.util.Collections.shuffle(items, r);
      rows.add(RowFactory.create(relevant, good.toArray(new Double[0]), items.subList(0, 6).toArray(new Double[0]),
          1.0 + r.nextInt(3)));
    }
    return frame(rows, "label", DataTypes.createArrayType(DataTypes.DoubleType),
        "good", DataTypes.createArrayType(DataTypes.DoubleType), "bad", DataTypes.createArrayType(DataTypes.DoubleType),
        "w", DataTypes.DoubleType);
  }

  /** Label drawn with probability q; 'good' predicts q (calibrated, informative), 'bad' a guess. */
  private static Dataset<Row> binaryRows(Random r) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      double q = r.nextDouble();
      double y = r.nextDouble() < q ? 1.0 : 0.0;
      rows.add(RowFactory.create(y, q, r.nextDouble(), 1 + r.nextInt(3), i % 3 == 0 ? "a" : "b"));
    }
    return frame(rows, "label", DataTypes.DoubleType, "good", DataTypes.DoubleType, "bad", DataTypes.DoubleType,
        "w", DataTypes.IntegerType, "segment", DataTypes.StringType);
  }

  /** 'good' predicts the class 80% of the time and puts extra probability on it; 'bad' guesses. */
  private static Dataset<Row> multiclassRows(Random r) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      int y = r.nextInt(CLASSES);
      int good = r.nextDouble() < 0.8 ? y : r.nextInt(CLASSES);
      double[] goodP = probabilities(r, y, 2.0);
      double[] badP = probabilities(r, 0, 0.0);
      rows.add(RowFactory.create((double) y, (double) good, goodP, (double) r.nextInt(CLASSES), badP,
          1.0 + r.nextInt(3)));
    }
    return frame(rows, "label", DataTypes.DoubleType, "good", DataTypes.DoubleType,
        "good_p", DataTypes.createArrayType(DataTypes.DoubleType), "bad", DataTypes.DoubleType,
        "bad_p", DataTypes.createArrayType(DataTypes.DoubleType), "w", DataTypes.DoubleType);
  }

  private static double[] probabilities(Random r, int boosted, double boost) {
    double[] p = new double[CLASSES];
    double sum = 0.0;
    for (int c = 0; c < CLASSES; c++) {
      p[c] = r.nextDouble() + (c == boosted ? boost : 0.0);
      sum += p[c];
    }
    for (int c = 0; c < CLASSES; c++) {
      p[c] /= sum;
    }
    return p;
  }

  /**
   * 'good' is the label with small noise; 'bad' with large noise and a bias. Labels and predictions
   * are positive, so that every metric (the deviances too) is defined.
   */
  private static Dataset<Row> regressionRows(Random r) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      double y = Math.exp(1.0 + 0.5 * r.nextGaussian());
      rows.add(RowFactory.create(y, y * Math.exp(0.1 * r.nextGaussian()), y * Math.exp(0.3 + 0.8 * r.nextGaussian()),
          1.0 + r.nextInt(3)));
    }
    return frame(rows, "label", DataTypes.DoubleType, "good", DataTypes.DoubleType, "bad", DataTypes.DoubleType,
        "w", DataTypes.DoubleType);
  }

  private static Dataset<Row> frame(List<Row> rows, Object... nameTypePairs) {
    List<StructField> fields = new ArrayList<>();
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      fields.add(DataTypes.createStructField((String) nameTypePairs[i],
          (org.apache.spark.sql.types.DataType) nameTypePairs[i + 1], false));
    }
    return spark.createDataFrame(rows, new StructType(fields.toArray(new StructField[0]))).repartition(3);
  }

  private static EvaluationSpec.Builder spec(Task task, String model) {
    EvaluationSpec.Builder spec = EvaluationSpec.of(task).label("label").weight("w");
    switch (task) {
      case BINARY:
        BinarySettings d = BinarySettings.defaults();
        return spec.score(model).binary(new BinarySettings(d.threshold(), false, d.bins(), BETA, d.curvePoints()).at(AT));
      case MULTICLASS:
        return spec.prediction(model).probabilities(List.of(model + "_p")).topK(TOP_K);
      case MULTILABEL:
        return spec.scores(List.of(model + "_p"));
      case RANKING:
        return spec.prediction(model).ks(List.of(TOP_K));
      default:
        return spec.prediction(model);
    }
  }

  private static Dataset<Row> data(Task task) {
    return task == Task.BINARY ? binary : task == Task.MULTICLASS ? multiclass : task == Task.MULTILABEL ? multilabel
        : task == Task.RANKING ? ranking : regression;
  }

  /** Every catalogue name, with K set to the tests' K and an operating point's R to its target. */
  private static Set<String> names(Task task) {
    Set<String> names = new HashSet<>();
    for (Metric<?, ?> m : Catalogues.of(task).all()) {
      names.add(named(m));
    }
    return names;
  }

  private static String named(Metric<?, ?> m) {
    String name = m.name().replace("_K_", "_" + TOP_K + "_").replaceAll("_K$", "_" + TOP_K);
    if (!name.endsWith("_R")) {
      return name;
    }
    String stem = name.substring(0, name.length() - 1);
    String kind = stem.substring(stem.lastIndexOf("_at_") + 4, stem.length() - 1);
    return stem + OperatingPoints.named(AT.of(OperatingPoints.Targets.KINDS.indexOf(kind)));
  }

  /** Names made from an operating point's target: SQL functions of their own, not struct fields. */
  private static boolean ofATarget(Metric<?, ?> m) {
    return m.name().endsWith("_R");
  }

  @Test
  void everyNameIsInMetricsJsonOverallAndPerSlice() {
    for (Task task : Task.values()) {
      EvaluationSpec spec = spec(task, "good").build();
      if (task == Task.BINARY) {
        spec = spec.withSlices(List.of("segment"));
      }
      Map<String, Object> report = MetricsReport.tree(EvaluationJob.run(data(task), spec));
      assertEquals(names(task), ((Map<?, ?>) report.get("metrics")).keySet(), task.displayName());
      for (Object slice : (List<?>) report.get("slices")) {
        assertEquals(names(task), ((Map<?, ?>) ((Map<?, ?>) slice).get("metrics")).keySet(), task.displayName());
      }
    }
  }

  @Test
  void everyNameIsAFieldOfTheSqlStruct() {
    Map<Task, String> queries = Map.of(
        Task.BINARY, "SELECT binary_metrics(label, good, 0.5, w, " + BETA + ") FROM catalogue_binary",
        Task.MULTICLASS, "SELECT multiclass_metrics(label, good_p, w, " + TOP_K + ") FROM catalogue_multiclass",
        Task.REGRESSION, "SELECT regression_metrics(label, good, w) FROM catalogue_regression",
        Task.MULTILABEL, "SELECT multilabel_score_metrics(label, good_p, 0.5, w) FROM catalogue_multilabel",
        Task.RANKING, "SELECT ranking_metrics(label, good, " + TOP_K + ", w) FROM catalogue_ranking");
    for (Task task : Task.values()) {
      StructType struct = (StructType) spark.sql(queries.get(task)).schema().fields()[0].dataType();
      Set<String> fields = new HashSet<>(List.of(struct.fieldNames()));
      assertTrue(fields.remove("evaluated_rows") && fields.remove("invalid_rows"));
      Set<String> expected = new HashSet<>();
      for (Metric<?, ?> m : Catalogues.of(task).all()) {
        if (!ofATarget(m)) {
          expected.add(named(m));
        }
      }
      assertEquals(expected, fields, task.displayName());
    }
    Map<String, Double> report = EvaluationJob.run(binary, spec(Task.BINARY, "good").build()).overall().metrics();
    for (Metric<?, ?> m : Catalogues.of(Task.BINARY).all()) {
      if (ofATarget(m) && !m.name().startsWith("threshold_at_")) {
        String name = named(m);
        String function = m.name().substring(0, m.name().length() - 2);
        String target = name.substring(function.length() + 1);
        double sql = spark.sql("SELECT " + function + "(label, good, " + target + ", w) FROM catalogue_binary").first()
            .getDouble(0);
        assertEquals(report.get(name), sql, 1e-12, function + " is a SQL function of its own");
      }
    }
  }

  @Test
  void everyNameIsAnEvaluatorMetricWithTheSameValueAndDirection() {
    for (Task task : Task.values()) {
      Map<String, Double> expected = EvaluationJob.run(data(task).withColumnRenamed("good_p", "probability"),
          spec(task, "good").probabilities(task == Task.MULTICLASS ? List.of("probability") : null)
              .scores(task == Task.MULTILABEL ? List.of("probability") : null).build())
          .overall().metrics();
      for (Metric<?, ?> metric : Catalogues.of(task).all()) {
        String name = named(metric);
        MetricsEvaluator evaluator = new MetricsEvaluator().setTask(task.displayName()).setMetricName(name)
            .setLabelCol("label").setWeightCol("w").setPredictionCol("good").setBeta(BETA);
        if (task == Task.BINARY) {
          evaluator.setProbabilityCol("good");
        }
        double value = evaluator.evaluate(data(task).withColumnRenamed("good_p", "probability"));
        assertEquals(metric.largerIsBetter(), evaluator.isLargerBetter(), name);
        if (Catalogues.fromSketch(name)) { // each within the buckets' relative error of the median sorted here
          List<Row> rows = data(task).collectAsList();
          double[] errors = rows.stream().mapToDouble(r -> Math.abs(r.getDouble(0) - r.getDouble(1))).toArray();
          double[] weights = rows.stream().mapToDouble(r -> r.getDouble(3)).toArray();
          Medians.assertWithinRelativeError(errors, weights, expected.get(name), name + " of evaluate");
          Medians.assertWithinRelativeError(errors, weights, value, name + " of MetricsEvaluator");
        } else {
          assertEquals(expected.get(name), value, 1e-12, name);
        }
      }
    }
  }

  @Test
  void eachDirectionMatchesItsDefinition() {
    for (Task task : Task.values()) {
      Map<String, Double> good = EvaluationJob.run(data(task), spec(task, "good").build()).overall().metrics();
      Map<String, Double> bad = EvaluationJob.run(data(task), spec(task, "bad").build()).overall().metrics();
      for (Metric<?, ?> metric : Catalogues.of(task).all()) {
        String name = named(metric);
        if (name.startsWith("threshold_at_")) {
          continue; // where an operating point is reached: no direction to check
        }
        double g = good.get(name);
        double b = bad.get(name);
        assertTrue(metric.largerIsBetter() ? g > b : g < b, task.displayName() + " " + name + ": the informed model's "
            + g + " against the guess's " + b + " says " + (g > b ? "larger" : "smaller") + " is better");
      }
    }
  }

  @Test
  void aStateWithoutRowsHasUndefinedMetricsButZeroCounts() {
    Row b = spark.sql("SELECT binary_metrics(label, good) FROM catalogue_binary WHERE label > 1").first().getStruct(0);
    Row m = spark.sql("SELECT multiclass_metrics(label, good) FROM catalogue_multiclass WHERE label > 9").first()
        .getStruct(0);
    Row r = spark.sql("SELECT regression_metrics(label, good) FROM catalogue_regression WHERE w > 9").first()
        .getStruct(0);
    Row l = spark.sql("SELECT multilabel_score_metrics(label, good_p) FROM catalogue_multilabel WHERE w > 9").first()
        .getStruct(0);
    Row q = spark.sql("SELECT ranking_metrics(label, good) FROM catalogue_ranking WHERE w > 9").first().getStruct(0);
    for (Row row : List.of(b, m, r, l, q)) {
      assertEquals(0L, row.getLong(row.fieldIndex("evaluated_rows")));
      for (String field : row.schema().fieldNames()) {
        boolean count = Set.of("evaluated_rows", "invalid_rows", "tp", "fp", "tn", "fn").contains(field);
        if (count) {
          assertFalse(row.isNullAt(row.fieldIndex(field)), field);
          assertEquals(0.0, ((Number) row.get(row.fieldIndex(field))).doubleValue(), field);
        } else {
          assertNull(row.get(row.fieldIndex(field)), field + " of no rows is undefined");
        }
      }
    }
  }

  @Test
  void aMetricIsFoundByItsNameItsKNameAndItsAlias() {
    Catalogue<?, ?> binaryCatalogue = Catalogues.of(Task.BINARY);
    assertEquals("roc_auc", binaryCatalogue.find("auc").orElseThrow().name());
    assertEquals("roc_auc", binaryCatalogue.find("AUC").orElseThrow().name());
    assertTrue(binaryCatalogue.find("Auc").isEmpty(), "names are matched as written");
    assertEquals(3, Catalogues.of(Task.MULTICLASS).find("top_3_accuracy").orElseThrow().kIn("top_3_accuracy"));
    assertTrue(Catalogues.of(Task.MULTICLASS).find("top_x_accuracy").isEmpty());
    assertEquals(5, Catalogues.of(Task.RANKING).find("ndcg_at_5").orElseThrow().kIn("ndcg_at_5"));
    assertTrue(Catalogues.of(Task.RANKING).find("ndcg_at_x").isEmpty());
    assertTrue(binaryCatalogue.find("rmse").isEmpty());
  }

  @Test
  void aKTooLargeForACutOffIsRefusedNamingTheMetric() {
    Metric<?, ?> ndcg = Catalogues.of(Task.RANKING).find("ndcg_at_99999999999").orElseThrow();
    String message = assertThrows(UsageException.class, () -> ndcg.kIn("ndcg_at_99999999999")).getMessage();
    assertEquals("metric ndcg_at_99999999999: K 99999999999 is too large; K is a whole number from 1 to 2147483647",
        message);
    Metric<?, ?> top = Catalogues.of(Task.MULTICLASS).find("top_2147483648_accuracy").orElseThrow();
    assertThrows(UsageException.class, () -> top.reportedName("top_2147483648_accuracy"));
    assertEquals(Integer.MAX_VALUE, Catalogues.of(Task.RANKING).find("map_at_2147483647").orElseThrow()
        .kIn("map_at_2147483647"));
  }
}
