package io.evalspark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evalspark.TestSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * An epoch whose partitions all fit the cluster at once runs its steps in one barrier stage; the
 * weights, the per-epoch metrics and early stopping must be those of the loop that runs a job a
 * step, to the last bit.
 */
class BarrierTrainingTest {
  /** The descriptions of the jobs started while {@code run} ran, in order. */
  private static List<String> jobsOf(Runnable run) {
    SparkContext sc = TestSpark.session().sparkContext();
    List<String> descriptions = new CopyOnWriteArrayList<>();
    String marker = "barrier test: every job seen " + System.nanoTime();
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart job) {
        descriptions.add(String.valueOf(job.properties().getProperty("spark.job.description")));
      }
    };
    sc.addSparkListener(listener);
    try {
      run.run();
      sc.setJobDescription(marker);
      TestSpark.session().range(1).collectAsList();
      sc.setJobDescription(null);
      long deadline = System.currentTimeMillis() + 30_000;
      while (!descriptions.contains(marker) && System.currentTimeMillis() < deadline) {
        Thread.onSpinWait();
      }
    } finally {
      sc.removeSparkListener(listener);
    }
    List<String> jobs = new ArrayList<>(descriptions);
    assertEquals(marker, jobs.remove(jobs.size() - 1), "the listener saw every job");
    return jobs;
  }

  private static TrainingResult train(Dataset<Row> rows, TrainingSpec spec) {
    try {
      return TrainingJob.run(rows, null, spec.progressSeconds(0), new PrintWriter(new StringWriter()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void barrierEpochsGiveTheWeightsAndHistoryOfAJobAStep() {
    Dataset<Row> rows = Tables.of(Tables.logistic(1200, 13), "x1", "x2", "x3", "x4", "y");
    TrainingSpec spec = new TrainingSpec().features("x1", "x2", "x3", "x4").label("y").loss("binary_cross_entropy")
        .hidden(4).activation(Activation.TANH).optimizer("adam").learningRate(0.05).batchSize(100).epochs(6)
        .validationSplit(0.25).seed(5).earlyStopping("monitor=val_loss,patience=1,min_delta=0.002,restore_best_weights=true");
    TrainingResult[] results = new TrainingResult[2];
    List<String> barrierJobs = jobsOf(() -> results[0] = train(rows, spec.barrierEpochs(true)));
    List<String> stepJobs = jobsOf(() -> results[1] = train(rows, spec.barrierEpochs(false)));
    assertArrayEquals(results[1].model().weights(), results[0].model().weights(), 0.0, "the same weights, bit for bit");
    List<Map<String, Double>> expected = results[1].history().epochs();
    List<Map<String, Double>> actual = results[0].history().epochs();
    assertEquals(expected.size(), actual.size(), "early stopping stopped at the same epoch");
    for (int e = 0; e < expected.size(); e++) {
      for (Map.Entry<String, Double> metric : expected.get(e).entrySet()) {
        if (!metric.getKey().equals("seconds")) {
          assertEquals(metric.getValue(), actual.get(e).get(metric.getKey()), 0.0, "epoch " + (e + 1) + " " + metric);
        }
      }
    }
    int epochs = expected.size();
    long barrierStages = barrierJobs.stream().filter(d -> d.contains("in one barrier stage")).count();
    long steps = stepJobs.stream().filter(d -> d.contains(", step ")).count();
    assertEquals(epochs, barrierStages, "one barrier stage an epoch: " + barrierJobs);
    assertEquals(0, barrierJobs.stream().filter(d -> d.contains(", step ")).count(), barrierJobs.toString());
    long perEpoch = (results[1].data().trainRows() + 99) / 100;
    assertEquals(epochs * perEpoch, steps, "batches of 100: a job a step");
    assertEquals(stepJobs.size() - steps + barrierStages, barrierJobs.size(), "otherwise the same jobs");
  }

  @Test
  void partitionsThatDoNotFitTheClusterAtOnceRunAJobAStep() {
    Dataset<Row> rows = Tables.of(Tables.logistic(600, 17), "x1", "x2", "x3", "x4", "y").repartition(3);
    TrainingSpec spec = new TrainingSpec().features("x1", "x2", "x3", "x4").label("y").loss("binary_cross_entropy")
        .batchSize(200).epochs(2).seed(5);
    List<String> jobs = jobsOf(() -> train(rows, spec));
    assertEquals(0, jobs.stream().filter(d -> d.contains("barrier")).count(), "3 partitions on 2 cores: " + jobs);
    assertEquals(2 * 3, jobs.stream().filter(d -> d.contains(", step ")).count(), jobs.toString());
  }
}
