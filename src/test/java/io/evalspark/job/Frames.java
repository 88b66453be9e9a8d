package io.evalspark.job;

import io.evalspark.TestSpark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Small prediction tables for the job tests, spread over a chosen number of partitions. */
final class Frames {
  private Frames() {}

  static Dataset<Row> of(StructType schema, List<Row> rows, int partitions) {
    return TestSpark.session().createDataFrame(rows, schema).repartition(partitions);
  }

  static StructType schema(Object... nameTypePairs) {
    List<StructField> fields = new ArrayList<>();
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      fields.add(DataTypes.createStructField((String) nameTypePairs[i], (org.apache.spark.sql.types.DataType) nameTypePairs[i + 1], true));
    }
    return DataTypes.createStructType(fields);
  }

  /** Random binary rows: (segment string, y double, p double, w double). */
  static List<Row> binaryRows(int n, long seed) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double y = r.nextDouble() < 0.3 ? 1 : 0;
      double p = Math.min(1, Math.max(0, 0.35 + 0.3 * y + 0.2 * r.nextGaussian()));
      rows.add(RowFactory.create(i % 3 == 0 ? "a" : "b", y, p, 0.5 + r.nextInt(3)));
    }
    return rows;
  }

  static StructType binarySchema() {
    return schema("segment", DataTypes.StringType, "y", DataTypes.DoubleType, "p", DataTypes.DoubleType,
        "w", DataTypes.DoubleType);
  }

  /**
   * Every row of {@code files}, behind a filter that is not deterministic (so not a plain scan,
   * and one Spark's optimiser cannot drop as it drops {@code rand() >= 0}): the evaluation
   * aggregate's input over the same rows in the same partitions as the columnar pass's.
   */
  static Dataset<Row> throughTheAggregate(Dataset<Row> files) {
    return files.where(org.apache.spark.sql.functions.monotonically_increasing_id().geq(0));
  }

  static double[] column(List<Row> rows, int i) {
    return rows.stream().mapToDouble(row -> row.getDouble(i)).toArray();
  }

  static List<String> list(String... names) {
    return Arrays.asList(names);
  }
}
