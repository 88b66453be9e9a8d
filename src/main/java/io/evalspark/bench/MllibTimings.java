package io.evalspark.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** MLlib's own evaluators on the benchmark data, one timed call per metric (each is its own pass). */
public final class MllibTimings {
  private MllibTimings() {}

  /** Seconds per MLlib metric: areaUnderROC, areaUnderPR, accuracy, f1, rmse, r2. */
  public static Map<String, Double> run(Dataset<Row> df) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    for (String metric : new String[] {"areaUnderROC", "areaUnderPR"}) {
      BinaryClassificationEvaluator e = new BinaryClassificationEvaluator()
          .setLabelCol("label").setRawPredictionCol("score").setMetricName(metric);
      seconds.put(metric, BenchTimer.once(() -> e.evaluate(df)));
    }
    for (String metric : new String[] {"accuracy", "f1"}) {
      MulticlassClassificationEvaluator e = new MulticlassClassificationEvaluator()
          .setLabelCol("label").setPredictionCol("prediction").setMetricName(metric);
      seconds.put(metric, BenchTimer.once(() -> e.evaluate(df)));
    }
    for (String metric : new String[] {"rmse", "r2"}) {
      RegressionEvaluator e = new RegressionEvaluator()
          .setLabelCol("label").setPredictionCol("score").setMetricName(metric);
      seconds.put(metric, BenchTimer.once(() -> e.evaluate(df)));
    }
    return seconds;
  }
}
