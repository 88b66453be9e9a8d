package io.evalspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class RegressionEvaluationTest {
  private static List<Row> rows() {
    Random r = new Random(21);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      double y = 50 + 10 * r.nextGaussian();
      rows.add(RowFactory.create(i % 2 == 0 ? "even" : "odd", y, y + 3 * r.nextGaussian() + 0.5, 0.5 + r.nextInt(4)));
    }
    return rows;
  }

  private static Dataset<Row> frame(int partitions) {
    return Frames.of(Frames.schema("parity", DataTypes.StringType, "y", DataTypes.DoubleType,
        "yhat", DataTypes.DoubleType, "w", DataTypes.DoubleType), rows(), partitions);
  }

  @Test
  void agreesWithMllibWhereTheirDefinitionsAgree() {
    Dataset<Row> df = frame(3);
    Map<String, Double> weighted = EvaluationJob.run(df, Specs.regression("y", "yhat", "w", null)).overall().metrics();
    Map<String, Double> plain = EvaluationJob.run(df, Specs.regression("y", "yhat", null, null)).overall().metrics();
    for (String metric : new String[] {"mse", "rmse", "mae"}) {
      double mllib = new RegressionEvaluator().setLabelCol("y").setPredictionCol("yhat").setWeightCol("w")
          .setMetricName(metric).evaluate(df);
      assertEquals(mllib, weighted.get(metric), 1e-9 * Math.max(1, Math.abs(mllib)), metric);
    }
    // MLlib's weighted r2 scales an unbiased weighted variance by (sum of weights - 1); unweighted they agree.
    double mllibR2 = new RegressionEvaluator().setLabelCol("y").setPredictionCol("yhat").setMetricName("r2").evaluate(df);
    assertEquals(mllibR2, plain.get("r2"), 1e-12);
  }

  @Test
  void weightedR2AndExplainedVarianceAsScikitLearnDefinesThem() {
    List<Row> rows = rows();
    double w = 0, wy = 0, we = 0;
    for (Row r : rows) {
      w += r.getDouble(3);
      wy += r.getDouble(3) * r.getDouble(1);
      we += r.getDouble(3) * (r.getDouble(1) - r.getDouble(2));
    }
    double meanY = wy / w;
    double meanE = we / w;
    double sse = 0, sst = 0, sse0 = 0;
    for (Row r : rows) {
      double e = r.getDouble(1) - r.getDouble(2);
      sse += r.getDouble(3) * e * e;
      sst += r.getDouble(3) * (r.getDouble(1) - meanY) * (r.getDouble(1) - meanY);
      sse0 += r.getDouble(3) * (e - meanE) * (e - meanE);
    }
    Map<String, Double> m = EvaluationJob.run(frame(3), Specs.regression("y", "yhat", "w", null)).overall().metrics();
    assertEquals(1 - sse / sst, m.get("r2"), 1e-12);
    assertEquals(1 - sse0 / sst, m.get("explained_variance"), 1e-12);
  }

  @Test
  void sameMetricsWhateverThePartitionCountAndSlicesMergeToTheWhole() {
    EvaluationSpec spec = Specs.regression("y", "yhat", "w", List.of("parity"));
    EvaluationResult one = EvaluationJob.run(frame(1), spec);
    EvaluationResult five = EvaluationJob.run(frame(5), spec);
    Map<String, Double> whole = EvaluationJob.run(frame(2), Specs.regression("y", "yhat", "w", null)).overall().metrics();
    one.overall().metrics().forEach((k, v) -> {
      double tolerance = v.isNaN() ? 0.0 : 1e-12 * Math.max(1, Math.abs(v)); // NaN: undefined on each side
      assertEquals(v, five.overall().metrics().get(k), tolerance, k);
      assertEquals(v, whole.get(k), tolerance, k);
    });
    assertEquals(2, five.slices().size());
  }
}
