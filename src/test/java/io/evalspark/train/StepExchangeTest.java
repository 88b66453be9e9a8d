package io.evalspark.train;

import static org.apache.spark.sql.functions.expr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.JobDescriptions;
import io.evalspark.TestSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class StepExchangeTest {
  /** Rows in five partitions (more than the test session's two slots), each partition's rows in a fixed order. */
  private static Dataset<Row> rows() {
    return TestSpark.session().range(0, 1500, 1, 5).select(expr("sin(id * 1.3)").as("x1"),
        expr("cos(id * 0.7)").as("x2"), expr("CAST(pmod(id * 31, 7) AS DOUBLE) / 7 - 0.5").as("x3"),
        expr("CAST(sin(id * 1.3) + 0.5 * cos(id * 0.7) + CAST(pmod(id * 13, 5) AS DOUBLE) / 5 - 0.4 > 0 AS DOUBLE)")
            .as("y"));
  }

  private static TrainingSpec spec() {
    return new TrainingSpec().features("x1", "x2", "x3").label("y")
        .loss("binary_cross_entropy").hidden(4).activation(Activation.TANH).optimizer("adam").learningRate(0.05)
        .batchSize(100).epochs(3).validationSplit(0.2).seed(3).progressSeconds(0);
  }

  /** Trains with steps exchanged or not; returns the weights and adds the descriptions of its jobs to {@code jobs}. */
  private static double[] train(boolean exchanged, List<String> jobs) throws Exception {
    double[][] weights = new double[1][];
    TestSpark.session().conf().set(StepExchange.SETTING, Boolean.toString(exchanged));
    try {
      jobs.addAll(JobDescriptions.of(() -> weights[0] =
          TrainingJob.run(rows(), null, spec(), new PrintWriter(new StringWriter())).model().weights()));
    } finally {
      TestSpark.session().conf().unset(StepExchange.SETTING);
    }
    return weights[0];
  }

  private static long count(List<String> jobs, String text) {
    return jobs.stream().filter(d -> d.contains(text)).count();
  }

  @Test
  void anEpochsStepsExchangedInOneJobGiveTheWeightsOfAJobAStep() throws Exception {
    List<String> asJobs = new ArrayList<>();
    List<String> asExchange = new ArrayList<>();
    double[] jobWeights = train(false, asJobs);
    double[] exchangedWeights = train(true, asExchange);
    // 1,500 rows, a fifth held out: about 1,200 training rows in batches of 100, 12 steps an epoch.
    assertEquals(3 * 12, count(asJobs, ", step "), asJobs.toString());
    assertEquals(0, count(asJobs, "steps exchanged"), asJobs.toString());
    assertEquals(3, count(asExchange, "12 steps exchanged"), asExchange.toString());
    assertEquals(0, count(asExchange, ", step "), asExchange.toString());
    assertArrayEquals(jobWeights, exchangedWeights, 0.0, "the same weights to the last bit");
  }

  @Test
  void aTaskThatFailsFailsTrainingWithSparksErrorAsAJobAStepDoes() {
    for (boolean exchanged : new boolean[] {false, true}) {
      TestSpark.session().conf().set(StepExchange.SETTING, Boolean.toString(exchanged));
      try {
        SparkException e = assertThrows(SparkException.class, () -> TrainingJob.run(rows(), null,
            spec().loss(FailingLoss.class.getName()), new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("the failing loss met a row labelled 1.0"), e.getMessage());
      } finally {
        TestSpark.session().conf().unset(StepExchange.SETTING);
      }
    }
  }

  @Test
  void stepsAreExchangedInNoMoreTasksThanTheClusterRunsAtOnceAndOnlyWhileTheirSumsFitTheDriver() {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
    assertEquals(2, StepExchange.tasks(sc, 5, 100), "local[2] runs two tasks at once");
    assertEquals(1, StepExchange.tasks(sc, 1, 100), "one partition, one task");
    assertEquals(2, StepExchange.tasks(sc, 2, 1 << 24), "2 x 2^24 doubles of sums: 2^25, the most held");
    assertEquals(0, StepExchange.tasks(sc, 3, 1 << 24), "3 x 2^24 doubles: a job a step");
    TestSpark.session().conf().set(StepExchange.SETTING, "false");
    try {
      assertEquals(0, StepExchange.tasks(sc, 5, 100), "turned off");
    } finally {
      TestSpark.session().conf().unset(StepExchange.SETTING);
    }
  }

  @Test
  void theMergeOfHeldPartsGroupsThemAsTheMergeOfPartitionsDoes() throws Exception {
    // Sums of doubles depend on their grouping: 1e16 + 1 + 1 is 1e16 left to right but 1e16 + 2 grouped as
    // (1e16) + (1 + 1). Nine parts merged as a tree (limit 2) are runs of three.
    List<Double> parts = Arrays.asList(1e16, 1.0, 1.0, 1.0, 1.0, 1.0, -1e16, 1.0, 1.0);
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
    double tree = OrderedMerge.merge(sc.parallelize(parts, 9), Double::sum, 2);
    double direct = OrderedMerge.merge(sc.parallelize(parts, 9), Double::sum, 64);
    assertEquals(tree, OrderedMerge.merge(parts, Double::sum, 2), 0.0);
    assertEquals(direct, OrderedMerge.merge(parts, Double::sum, 64), 0.0);
    // Left to right: 1e16 absorbs each 1 (its doubles are 2 apart), -1e16 leaves 0, then 1 + 1 = 2. As runs:
    // (1e16 + 1 + 1) = 1e16, (1 + 1 + 1) = 3, (-1e16 + 1 + 1) = -1e16; 1e16 + 3 rounds to 1e16 + 4, so 4.
    assertEquals(2.0, direct, 0.0);
    assertEquals(4.0, tree, 0.0);
  }
}
