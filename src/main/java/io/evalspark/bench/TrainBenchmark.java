package io.evalspark.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.randn;
import static org.apache.spark.sql.functions.when;

import io.evalspark.metrics.BinaryCatalogue;
import io.evalspark.ml.MetricsEvaluator;
import io.evalspark.report.TextFiles;
import io.evalspark.train.Predictor;
import io.evalspark.train.TrainingJob;
import io.evalspark.train.TrainingResult;
import io.evalspark.train.TrainingSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Trains logistic regression on generated rows (20 features, labels drawn from a known logistic
 * model) with evalspark and with MLlib's {@code LogisticRegression}, both from the same Parquet, and
 * reports each one's wall time and log loss on separate validation rows.
 */
public final class TrainBenchmark {
  /** Features of the generated rows. */
  public static final int FEATURES = 20;

  private TrainBenchmark() {}

  /**
   * Runs both {@code runs} times, in turn; the figures are {@code rows, train_s, mllib_train_s,
   * val_log_loss, mllib_val_log_loss}, each time the best of its runs. {@code spec} holds evalspark's
   * training settings; features and label are set here.
   */
  public static Map<String, Double> run(SparkSession spark, long rows, int partitions, int runs, TrainingSpec spec,
      String dir) throws Exception {
    String train = TextFiles.child(dir, "train.parquet");
    String validation = TextFiles.child(dir, "validation.parquet");
    generate(spark, rows, partitions, 11L).write().mode("overwrite").parquet(train);
    generate(spark, Math.max(1, rows / 5), partitions, 12L).write().mode("overwrite").parquet(validation);
    Dataset<Row> validationRows = spark.read().parquet(validation);
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("rows", (double) rows);
    TrainingSpec ours = spec.featuresColumn("features").label("label").progressSeconds(0);
    TrainingResult trained = null;
    LogisticRegressionModel mllib = null;
    double best = Double.POSITIVE_INFINITY;
    double mllibBest = Double.POSITIVE_INFINITY;
    for (int run = 0; run < Math.max(1, runs); run++) {
      long start = System.nanoTime();
      trained = TrainingJob.run(spark.read().parquet(train), null, ours, new PrintWriter(new StringWriter()));
      best = Math.min(best, (System.nanoTime() - start) / 1e9);
      start = System.nanoTime();
      mllib = new LogisticRegression().setLabelCol("label").fit(spark.read().parquet(train));
      mllibBest = Math.min(mllibBest, (System.nanoTime() - start) / 1e9);
    }
    figures.put("train_s", best);
    figures.put("mllib_train_s", mllibBest);

    MetricsEvaluator logLoss = new MetricsEvaluator().setMetricName(BinaryCatalogue.LOG_LOSS.name()).setLabelCol("label");
    figures.put("val_log_loss", logLoss.setProbabilityCol("score").evaluate(Predictor.predict(trained.model(), validationRows, false)));
    figures.put("mllib_val_log_loss", logLoss.setProbabilityCol("probability").evaluate(mllib.transform(validationRows)));
    figures.put("epochs", (double) trained.history().epochs().size());
    return figures;
  }

  /** Rows of a 20-element {@code features} vector and a label with P(1) = sigmoid(0.3 + sum_j b_j x_j). */
  static Dataset<Row> generate(SparkSession spark, long rows, int partitions, long seed) {
    Dataset<Row> d = spark.range(0, rows, 1, partitions).toDF("id");
    Column margin = lit(0.3);
    String[] names = new String[FEATURES];
    for (int j = 0; j < FEATURES; j++) {
      names[j] = "x" + j;
      d = d.withColumn(names[j], randn(seed * 100 + j).multiply(1 + j % 3).plus(j % 4));
      double b = (j % 2 == 0 ? 1 : -1) * (0.05 + 0.6 * ((j * 7) % 10) / 10.0) / (1 + j % 3);
      margin = margin.plus(col(names[j]).minus(j % 4).multiply(b));
    }
    Column p = lit(1.0).divide(lit(1.0).plus(exp(margin.multiply(-1))));
    d = d.withColumn("label", when(rand(seed * 100 + 99).lt(p), 1.0).otherwise(0.0));
    return new VectorAssembler().setInputCols(names).setOutputCol("features").transform(d).select("features", "label");
  }
}
