package io.evalspark.train;

import io.evalspark.TestSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Small generated training tables, in two partitions. */
final class Tables {
  private Tables() {}

  /** Rows of doubles under {@code names}, in two partitions. */
  static Dataset<Row> of(List<double[]> rows, String... names) {
    List<StructField> fields = new ArrayList<>();
    for (String n : names) {
      fields.add(DataTypes.createStructField(n, DataTypes.DoubleType, true));
    }
    List<Row> out = new ArrayList<>();
    for (double[] r : rows) {
      Object[] values = new Object[r.length];
      for (int i = 0; i < r.length; i++) {
        values[i] = Double.isNaN(r[i]) ? null : r[i];
      }
      out.add(RowFactory.create(values));
    }
    StructType schema = DataTypes.createStructType(fields);
    return TestSpark.session().createDataFrame(out, schema).repartition(2);
  }

  /** {@code n} rows of x1, x2, x3 (standard normal, x3 shifted and scaled) and y = 3 + 1.5 x1 - 2 x2 + 0.5 x3 + noise. */
  static List<double[]> linear(int n, long seed) {
    Random r = new Random(seed);
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double x1 = r.nextGaussian();
      double x2 = r.nextGaussian();
      double x3 = 10 + 4 * r.nextGaussian();
      rows.add(new double[] {x1, x2, x3, 3 + 1.5 * x1 - 2 * x2 + 0.5 * x3 + 0.3 * r.nextGaussian()});
    }
    return rows;
  }

  /** {@code n} rows of x1..x4 and a 0/1 label drawn with P(1) = sigmoid(0.5 + x1 - 2 x2 + 0.5 x3). */
  static List<double[]> logistic(int n, long seed) {
    Random r = new Random(seed);
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] x = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
      double p = 1 / (1 + Math.exp(-(0.5 + x[0] - 2 * x[1] + 0.5 * x[2])));
      rows.add(new double[] {x[0], x[1], x[2], x[3], r.nextDouble() < p ? 1 : 0});
    }
    return rows;
  }
}
