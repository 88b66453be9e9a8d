package io.evalspark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.TestSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

class MulticlassTrainingTest {
  @Test
  void aSoftmaxNetworkWithAHiddenLayerReportsItsLossAsTheEvaluationStatesLogLoss() throws Exception {
    Random r = new Random(21);
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      double x1 = r.nextGaussian();
      double x2 = r.nextGaussian();
      rows.add(new double[] {x1, x2, x1 * x1 + x2 < 0.5 ? 0 : x1 > 0 ? 1 : 2});
    }
    StringWriter out = new StringWriter();
    TrainingResult result = TrainingJob.run(Tables.of(rows, "x1", "x2", "y"), null, new TrainingSpec()
        .features("x1", "x2").label("y").loss("categorical_cross_entropy").hidden(8).activation(Activation.TANH)
        .learningRate(0.02).batchSize(50).epochs(6).validationSplit(0.2).metrics("accuracy,log_loss")
        .progressSeconds(0), new PrintWriter(out));
    assertEquals(3, result.model().net().outputs());
    List<Double> loss = result.history().values("loss");
    List<Double> logLoss = result.history().values("log_loss");
    List<Double> valLoss = result.history().values("val_loss");
    List<Double> valLogLoss = result.history().values("val_log_loss");
    for (int e = 0; e < 6; e++) {
      // The trainer's softmax cross-entropy and the multiclass state's log loss: two implementations, one value.
      assertEquals(loss.get(e), logLoss.get(e), 1e-9);
      assertEquals(valLoss.get(e), valLogLoss.get(e), 1e-9);
    }
    assertTrue(loss.get(5) < loss.get(0), loss.toString());
    assertTrue(out.toString().contains("Epoch 6/6"), out.toString());
  }

  @Test
  void longEpochsPrintProgressLines() throws Exception {
    StringWriter out = new StringWriter();
    TrainingJob.run(Tables.of(Tables.linear(100, 2), "x1", "x2", "x3", "y"), null, new TrainingSpec()
        .features("x1", "x2", "x3").label("y").loss("mse").batchSize(10).epochs(1).progressSeconds(1e-9),
        new PrintWriter(out));
    // Ten steps; every step but the last takes longer than the interval, so steps 1 to 9 each print a line.
    for (int step = 1; step <= 9; step++) {
      assertTrue(out.toString().matches("(?s).*Epoch 1/1 - step " + step + "/10 - \\d+\\.\\ds - batch_loss: \\d+\\.\\d{4}\n.*"),
          out.toString());
    }
    assertTrue(!out.toString().contains("step 10/10"), out.toString());
  }

  @Test
  void theTreeMergeGivesWhatTheDirectMergeGives() throws Exception {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
    JavaRDD<long[]> parts = sc.parallelize(Arrays.asList(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), 9)
        .map(x -> new long[] {x, x * x});
    long[] direct = OrderedMerge.merge(parts, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}, 64);
    long[] tree = OrderedMerge.merge(parts, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}, 2);
    assertArrayEquals(new long[] {45, 285}, direct); // 1 + ... + 9 and 1 + 4 + ... + 81
    assertArrayEquals(direct, tree);
  }

  @Test
  void theTreeMergeKeepsPartitionOrder() throws Exception {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
    List<String> digits = Arrays.asList("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    JavaRDD<String> parts = sc.parallelize(digits, 10);
    // Concatenation is not commutative: any merge out of partition order shows in the result.
    assertEquals("0123456789", OrderedMerge.merge(parts, (a, b) -> a + b, 64));
    assertEquals("0123456789", OrderedMerge.merge(parts, (a, b) -> a + b, 2));
  }

  private static void assertArrayEquals(long[] expected, long[] actual) {
    org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual);
  }
}
