package io.evalspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.core.BadDataException;
import io.evalspark.core.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class MulticlassEvaluationTest {
  private static final double[][] PROBS = {{0.7, 0.2, 0.1}, {0.5, 0.3, 0.2}, {0.6, 0.3, 0.1}, {0.1, 0.1, 0.8}};
  private static final double[] LABELS = {0, 1, 2, 2};

  private static Dataset<Row> frame() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < LABELS.length; i++) {
      double[] p = PROBS[i];
      rows.add(RowFactory.create(LABELS[i], new Double[] {p[0], p[1], p[2]}, Vectors.dense(p), p[0], p[1], p[2]));
    }
    return Frames.of(Frames.schema("label", DataTypes.DoubleType,
        "probs", DataTypes.createArrayType(DataTypes.DoubleType), "probability", SQLDataTypes.VectorType(),
        "p0", DataTypes.DoubleType, "p1", DataTypes.DoubleType, "p2", DataTypes.DoubleType), rows, 2);
  }

  @Test
  void arrayVectorAndPerClassColumnsGiveTheHandValues() {
    double expectedLogLoss = -(Math.log(0.7) + Math.log(0.3) + Math.log(0.1) + Math.log(0.8)) / 4;
    for (List<String> probabilities : List.of(List.of("probs"), List.of("probability"), List.of("p0", "p1", "p2"))) {
      Map<String, Double> m = EvaluationJob.run(frame(), Specs.multiclass("label", null, probabilities, 2)).overall().metrics();
      // argmax predictions 0, 0, 0, 2: correct rows 1 and 4.
      assertEquals(0.5, m.get("accuracy"), 1e-15, probabilities.toString());
      assertEquals(expectedLogLoss, m.get("log_loss"), 1e-15);
      assertEquals(3.0 / 4, m.get("top_2_accuracy"), 1e-15); // row 3's class 2 ranks third
      // One vs rest: class 0's positive 0.7 tops 0.5, 0.6, 0.1 (1); class 1's 0.3 tops 0.2 and 0.1 and ties 0.3
      // (2.5/3); class 2's 0.1 and 0.8 against 0.1 and 0.2: a tie, a loss, two wins (2.5/4). Supports 1, 1, 2.
      assertEquals((1 + 2.5 / 3 + 2.5 / 4) / 3, m.get("macro_roc_auc"), 1e-15);
      assertEquals((1 + 2.5 / 3 + 2 * 2.5 / 4) / 4, m.get("weighted_roc_auc"), 1e-15);
      assertEquals(m.get("macro_roc_auc"), m.get("macro_roc_auc_lower"), 1e-15);
    }
  }

  @Test
  void probabilitiesOfDifferentLengthsAreRefusedUnlessTheClassesAreCountedOrEachModelHasItsOwn() {
    // model a's rows are the 3-class rows above; model b's have 4 classes
    double[][] four = {{0.1, 0.2, 0.3, 0.4}, {0.4, 0.3, 0.2, 0.1}, {0.25, 0.25, 0.25, 0.25}, {0.7, 0.1, 0.1, 0.1}};
    double[] fourLabels = {3, 0, 1, 0};
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < LABELS.length; i++) {
      rows.add(RowFactory.create("a", LABELS[i], PROBS[i]));
      rows.add(RowFactory.create("b", fourLabels[i], four[i]));
    }
    Dataset<Row> df = Frames.of(Frames.schema("m", DataTypes.StringType, "label", DataTypes.DoubleType,
        "probs", DataTypes.createArrayType(DataTypes.DoubleType)), rows, 2);
    BadDataException e = assertThrows(BadDataException.class,
        () -> EvaluationJob.run(df, Specs.multiclass("label", null, List.of("probs"), 0)));
    assertEquals("the probabilities (column 'probs') of the rows differ in length, so the number of classes is unclear:"
        + " give --num-classes K (num-classes = K), and rows of another length are counted invalid", e.getMessage());
    // with the count, the 4-class rows are invalid, and the 3-class rows give the hand values above
    EvaluationResult three = EvaluationJob.run(df, Specs.skipping(EvaluationSpec.of(Task.MULTICLASS).label("label")
        .probabilities(List.of("probs")).classes(3).build()));
    assertEquals(4, three.overall().rowCounts().evaluatedRows());
    assertEquals((1 + 2.5 / 3 + 2.5 / 4) / 3, three.overall().metrics().get("macro_roc_auc"), 1e-15);
    // each model's rows are of one length: each model is evaluated on its own classes
    EvaluationResult byModel = EvaluationJob.run(df, Specs.multiclass("label", null, List.of("probs"), 0)
        .withModelColumn("m"));
    SliceResult a = byModel.slices().stream().filter(r -> "a".equals(r.key().get("m"))).findFirst().orElseThrow();
    SliceResult b = byModel.slices().stream().filter(r -> "b".equals(r.key().get("m"))).findFirst().orElseThrow();
    assertEquals((1 + 2.5 / 3 + 2.5 / 4) / 3, a.state().metrics().get("macro_roc_auc"), 1e-15);
    // b: class 0's positives 0.4 and 0.7 against 0.1 and 0.25 (1); class 1's 0.25 against 0.2, 0.3, 0.1 (2/3);
    // class 3's 0.4 against 0.1, 0.25, 0.1 (1); class 2 has no positive, so no AUC
    assertEquals((1 + 2.0 / 3 + 1) / 3, b.state().metrics().get("macro_roc_auc"), 1e-15);
  }

  @Test
  void aClassColumnNamedTwiceIsRefused() {
    // --probabilities a,a would read classes 0 and 1 from one column, a distribution of no model
    io.evalspark.core.UsageException e = assertThrows(io.evalspark.core.UsageException.class,
        () -> EvaluationSpec.of(Task.MULTICLASS).label("label").probabilities(List.of("p0", "p1", "p0")).build());
    assertEquals("--probabilities names 'p0' twice; name each class's column once", e.getMessage());
  }

  @Test
  void agreesWithMllibOnRandomPredictions() {
    Random r = new Random(9);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      int y = r.nextInt(4);
      int p = r.nextDouble() < 0.6 ? y : r.nextInt(4);
      rows.add(RowFactory.create((double) y, (double) p, 1.0 + r.nextInt(3)));
    }
    Dataset<Row> df = Frames.of(Frames.schema("label", DataTypes.DoubleType, "prediction", DataTypes.DoubleType,
        "w", DataTypes.DoubleType), rows, 3);
    EvaluationSpec spec = EvaluationSpec.of(Task.MULTICLASS).label("label").prediction("prediction").weight("w").build();
    Map<String, Double> m = EvaluationJob.run(df, spec).overall().metrics();
    String[][] names = {{"accuracy", "accuracy"}, {"weighted_f1", "f1"}, {"weighted_precision", "weightedPrecision"},
        {"weighted_recall", "weightedRecall"}};
    for (String[] n : names) {
      double mllib = new MulticlassClassificationEvaluator().setLabelCol("label").setPredictionCol("prediction")
          .setWeightCol("w").setMetricName(n[1]).evaluate(df);
      assertEquals(mllib, m.get(n[0]), 1e-12, n[0]);
    }
  }

  @Test
  void anOutOfRangeClassFailsTheJob() {
    List<Row> rows = List.of(RowFactory.create(3.0, new Double[] {0.5, 0.5}), RowFactory.create(0.0, new Double[] {0.5, 0.5}));
    Dataset<Row> df = Frames.of(Frames.schema("label", DataTypes.DoubleType, "probs",
        DataTypes.createArrayType(DataTypes.DoubleType)), rows, 1);
    BadDataException e = assertThrows(BadDataException.class,
        () -> EvaluationJob.run(df, Specs.multiclass("label", null, List.of("probs"), 0)));
    assertTrue(e.getMessage().contains("1 rows: label (column 'label') is a class index out of range"), e.getMessage());
  }
}
