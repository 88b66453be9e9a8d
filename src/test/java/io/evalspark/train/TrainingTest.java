package io.evalspark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class TrainingTest {
  private static TrainingResult train(Dataset<Row> rows, TrainingSpec spec) throws Exception {
    return TrainingJob.run(rows, null, spec.progressSeconds(0), new PrintWriter(new StringWriter()));
  }

  @Test
  void linearRegressionWithMseReachesTheLeastSquaresSolution() throws Exception {
    List<double[]> rows = Tables.linear(200, 3);
    double[] expected = leastSquares(rows); // intercept, then x1, x2, x3
    TrainingResult r = train(Tables.of(rows, "x1", "x2", "x3", "y"), new TrainingSpec().features("x1", "x2", "x3")
        .label("y").loss("mse").optimizer("sgd").learningRate(0.2).batchSize(200).epochs(80));
    Network net = r.model().net();
    double[] w = r.model().weights();
    double[] means = net.means();
    double[] scales = net.scales();
    double intercept = w[3];
    for (int j = 0; j < 3; j++) {
      assertEquals(expected[j + 1], w[j] / scales[j], 1e-7, "coefficient of x" + (j + 1));
      intercept -= w[j] * means[j] / scales[j];
    }
    assertEquals(expected[0], intercept, 1e-6);
  }

  /** Solves the normal equations (X'X) b = X'y with an intercept column by Gaussian elimination. */
  private static double[] leastSquares(List<double[]> rows) {
    int k = 4;
    double[][] a = new double[k][k + 1];
    for (double[] r : rows) {
      double[] x = {1, r[0], r[1], r[2]};
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          a[i][j] += x[i] * x[j];
        }
        a[i][k] += x[i] * r[3];
      }
    }
    for (int c = 0; c < k; c++) {
      for (int r = c + 1; r < k; r++) {
        double f = a[r][c] / a[c][c];
        for (int j = c; j <= k; j++) {
          a[r][j] -= f * a[c][j];
        }
      }
    }
    double[] b = new double[k];
    for (int i = k - 1; i >= 0; i--) {
      double s = a[i][k];
      for (int j = i + 1; j < k; j++) {
        s -= a[i][j] * b[j];
      }
      b[i] = s / a[i][i];
    }
    return b;
  }

  @Test
  void logisticRegressionReachesMllibsLogLossWithinOnePercent() throws Exception {
    Dataset<Row> rows = Tables.of(Tables.logistic(3000, 5), "x1", "x2", "x3", "x4", "y");
    TrainingResult ours = train(rows, new TrainingSpec().features("x1", "x2", "x3", "x4").label("y")
        .loss("binary_cross_entropy").learningRate(0.05).batchSize(256).epochs(20));
    double ourLoss = ours.history().values("loss").get(ours.history().epochs().size() - 1);

    Dataset<Row> assembled = new VectorAssembler().setInputCols(new String[] {"x1", "x2", "x3", "x4"})
        .setOutputCol("features").transform(rows);
    LogisticRegressionModel mllib = new LogisticRegression().setLabelCol("y").setMaxIter(200).setTol(1e-10)
        .fit(assembled);
    double sum = 0;
    long n = 0;
    for (Row row : mllib.transform(assembled).select("y", "probability").collectAsList()) {
      double p1 = ((Vector) row.get(1)).apply(1);
      sum += row.getDouble(0) == 1 ? -Math.log(p1) : -Math.log(1 - p1);
      n++;
    }
    double mllibLoss = sum / n;
    assertTrue(Math.abs(ourLoss - mllibLoss) <= 0.01 * mllibLoss, "ours " + ourLoss + " vs MLlib " + mllibLoss);
    assertTrue(ourLoss >= mllibLoss - 1e-9, "MLlib's is the maximum-likelihood fit; ours cannot be lower");
  }

  @Test
  void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers() throws Exception {
    Dataset<Row> rows = Tables.of(Tables.logistic(600, 9), "x1", "x2", "x3", "x4", "y");
    TrainingSpec spec = new TrainingSpec().features("x1", "x2", "x3", "x4").label("y").loss("binary_cross_entropy")
        .hidden(5).activation(Activation.TANH).batchSize(64).epochs(2).validationSplit(0.2).seed(7);
    double[] first = train(rows, spec).model().weights();
    double[] again = train(rows, spec).model().weights();
    double[] other = train(rows, spec.seed(8)).model().weights();
    assertArrayEquals(first, again, 0.0);
    assertFalse(Arrays.equals(first, other));
  }

  @Test
  void earlyStoppingStopsWhereTheRulesSayAndRestoresThatEpochsWeights() throws Exception {
    Dataset<Row> rows = Tables.of(Tables.logistic(400, 11), "x1", "x2", "x3", "x4", "y");
    TrainingSpec spec = new TrainingSpec().features("x1", "x2", "x3", "x4").label("y").loss("binary_cross_entropy")
        .batchSize(100).validationSplit(0.25).metrics("auc");
    // With min_delta 10 no epoch after the first improves on it by enough: epoch 1 sets the best and
    // resets the wait; epochs 2 and 3 raise the wait to 1 and 2 = patience, so training stops after epoch 3.
    TrainingResult stopped = train(rows, spec.epochs(10)
        .earlyStopping("monitor=val_loss,patience=2,min_delta=10,restore_best_weights=true"));
    assertEquals(3, stopped.history().epochs().size());
    assertEquals(1, stopped.model().training().get("best_epoch"));
    assertEquals(3, stopped.model().training().get("stopped_epoch"));
    double[] afterOneEpoch = train(rows, spec.epochs(1).earlyStopping(null)).model().weights();
    assertArrayEquals(afterOneEpoch, stopped.model().weights(), 0.0);
  }

  @Test
  void lossesWatchedAsMetricsEqualTheLossesTrainingMinimises() throws Exception {
    // The trainer's loss and the evaluation state's metric of the same name: two ways to one value per epoch.
    Dataset<Row> binary = Tables.of(Tables.logistic(400, 5), "x1", "x2", "x3", "x4", "y");
    TrainingResult hinge = train(binary, new TrainingSpec().features("x1", "x2", "x3", "x4").label("y").loss("hinge")
        .batchSize(100).epochs(3).validationSplit(0.25).metrics("hinge,squared_hinge,focal_loss"));
    java.util.Random r = new java.util.Random(3);
    List<double[]> counts = new java.util.ArrayList<>();
    for (int i = 0; i < 400; i++) {
      double x = r.nextGaussian();
      counts.add(new double[] {x, r.nextDouble() < 0.5 + 0.2 * Math.tanh(x) ? 1 + r.nextInt(3) : 0});
    }
    TrainingResult poisson = train(Tables.of(counts, "x", "y"), new TrainingSpec().features("x").label("y")
        .loss("poisson").batchSize(100).epochs(3).validationSplit(0.25).metrics("poisson,mean_poisson_deviance"));
    for (int e = 0; e < 3; e++) {
      assertEquals(hinge.history().values("loss").get(e), hinge.history().values("hinge").get(e), 1e-9);
      assertEquals(hinge.history().values("val_loss").get(e), hinge.history().values("val_hinge").get(e), 1e-9);
      assertEquals(poisson.history().values("loss").get(e), poisson.history().values("poisson").get(e), 1e-9);
      assertEquals(poisson.history().values("val_loss").get(e), poisson.history().values("val_poisson").get(e), 1e-9);
      assertTrue(Double.isFinite(poisson.history().values("val_mean_poisson_deviance").get(e)));
      assertTrue(hinge.history().values("val_squared_hinge").get(e) >= 0);
      assertTrue(Double.isFinite(hinge.history().values("val_focal_loss").get(e)));
    }
  }

  @Test
  void theMedianAbsoluteErrorIsATrainingMetric() throws Exception {
    // 200 rows, which the sketch holds whole: numpy's median of the final model's errors, by hand here.
    List<double[]> rows = Tables.linear(200, 8);
    TrainingResult r = train(Tables.of(rows, "x1", "x2", "x3", "y"), new TrainingSpec().features("x1", "x2", "x3")
        .label("y").loss("mse").optimizer("sgd").learningRate(0.2).batchSize(200).epochs(3)
        .metrics("median_absolute_error,mae"));
    double[] w = r.model().weights();
    double[] means = r.model().net().means();
    double[] scales = r.model().net().scales();
    double[] errors = new double[rows.size()];
    double sum = 0;
    for (int i = 0; i < errors.length; i++) {
      double p = w[3];
      for (int j = 0; j < 3; j++) {
        p += w[j] * (rows.get(i)[j] - means[j]) / scales[j];
      }
      errors[i] = Math.abs(rows.get(i)[3] - p);
      sum += errors[i];
    }
    assertEquals(sum / errors.length, r.history().values("mae").get(2), 1e-9);
    assertEquals(io.evalspark.Medians.exact(errors), r.history().values("median_absolute_error").get(2), 1e-9);
  }

  @Test
  void aFeatureFarFromZeroIsStandardisedByItsOwnSpread() throws Exception {
    // x1 is a timestamp in seconds: about 1.7e9, spread over an hour. Its squares are near 3e18, whose
    // rounding step (512) dwarfs what the spread adds to them, so sums of squares cannot give its variance.
    java.util.Random random = new java.util.Random(11);
    List<double[]> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 600; i++) {
      double x1 = 1.7e9 + random.nextInt(3_600);
      double x2 = random.nextGaussian();
      rows.add(new double[] {x1, x2, 3e-4 * (x1 - 1.7e9) + x2});
    }
    TrainingResult r = train(Tables.of(rows, "x1", "x2", "y"), new TrainingSpec().features("x1", "x2")
        .label("y").loss("mse").optimizer("sgd").learningRate(0.1).batchSize(600).epochs(1));
    for (int j = 0; j < 2; j++) {
      double mean = 0;
      for (double[] row : rows) {
        mean += (row[j] - 1.7e9 * (1 - j)) / rows.size();
      }
      double squares = 0;
      for (double[] row : rows) {
        double d = row[j] - 1.7e9 * (1 - j) - mean;
        squares += d * d;
      }
      double std = Math.sqrt(squares / (rows.size() - 1));
      assertEquals(mean + 1.7e9 * (1 - j), r.model().net().means()[j], 1e-9 * Math.abs(mean + 1.7e9 * (1 - j)) + 1e-12,
          "mean of x" + (j + 1));
      assertEquals(std, r.model().net().scales()[j], 1e-9 * std, "sample standard deviation of x" + (j + 1));
    }
  }

  @Test
  void aLossThatFallsFarBelowZeroHasNotDiverged() {
    // Keras's Poisson loss, p - y log p, goes below 0: passing near 0 after epoch 1, it may improve to -15
    assertFalse(Trainer.grewBeyond(-1e-5, -15.0, 1e6), "improving below 0");
    assertFalse(Trainer.grewBeyond(2e-6, -15.0, 1e6), "improving through 0");
    assertTrue(Trainer.grewBeyond(-1e-5, 15.0, 1e6), "growing from near 0 to 15");
    assertTrue(Trainer.grewBeyond(0.5, 6e5, 1e6), "more than a million times 0.5");
    assertFalse(Trainer.grewBeyond(0.5, 4e5, 1e6), "less than a million times 0.5");
  }
}
