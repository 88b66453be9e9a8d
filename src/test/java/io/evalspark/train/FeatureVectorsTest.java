package io.evalspark.train;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.TestSpark;
import io.evalspark.core.BadDataException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Features read from one ML vector or array column, as training reads them from Spark's internal rows. */
class FeatureVectorsTest {
  private static TrainingResult train(Dataset<Row> rows, TrainingSpec spec) throws Exception {
    return TrainingJob.run(rows, null, spec.label("y").loss("binary_cross_entropy").batchSize(50).epochs(2)
        .progressSeconds(0), new PrintWriter(new StringWriter()));
  }

  @Test
  void aVectorOrArrayOfFeaturesTrainsAsTheSameNumbersInColumnsDo() throws Exception {
    Dataset<Row> rows = Tables.of(Tables.logistic(400, 21), "x1", "x2", "x3", "x4", "y");
    String[] names = {"x1", "x2", "x3", "x4"};
    Dataset<Row> all = new VectorAssembler().setInputCols(names).setOutputCol("v").transform(rows)
        .withColumn("a", array(col("x1"), col("x2"), col("x3"), col("x4")))
        .withColumn("f", array(col("x1"), col("x2"), col("x3"), col("x4")).cast("array<float>"));
    double[] columns = train(all, new TrainingSpec().features(names)).model().weights();
    assertArrayEquals(columns, train(all, new TrainingSpec().featuresColumn("v")).model().weights(), 0.0,
        "a vector column");
    assertArrayEquals(columns, train(all, new TrainingSpec().featuresColumn("a")).model().weights(), 0.0,
        "an array of doubles");
    double[] floatArray = train(all, new TrainingSpec().featuresColumn("f")).model().weights();
    double[] floatColumns = train(all.select(col("f").getItem(0).cast("double").as("x1"),
        col("f").getItem(1).cast("double").as("x2"), col("f").getItem(2).cast("double").as("x3"),
        col("f").getItem(3).cast("double").as("x4"), col("y")), new TrainingSpec().features(names)).model().weights();
    assertArrayEquals(floatColumns, floatArray, 0.0, "an array of floats, read as doubles");
  }

  @Test
  void vectorsThatCannotBeTrainedOnAreCountedByReasonWithAnExampleRow() {
    StructType schema = DataTypes.createStructType(List.of(DataTypes.createStructField("v", new VectorUDT(), true),
        DataTypes.createStructField("y", DataTypes.DoubleType, true)));
    List<Row> rows = List.of(RowFactory.create(Vectors.dense(0.5, 1.5), 1.0),
        RowFactory.create(Vectors.dense(0.25), 0.0),
        RowFactory.create(Vectors.dense(0.25, 0.75), 1.0),
        RowFactory.create(Vectors.dense(Double.NaN, 2.0), 0.0),
        RowFactory.create(Vectors.sparse(2, new int[] {1}, new double[] {Double.POSITIVE_INFINITY}), 0.0),
        RowFactory.create(null, 1.0));
    Dataset<Row> input = TestSpark.session().createDataFrame(rows, schema).coalesce(1);
    BadDataException e = assertThrows(BadDataException.class, () -> train(input, new TrainingSpec().featuresColumn("v")));
    String m = e.getMessage();
    assertTrue(m.startsWith("4 rows of the input cannot be trained on:"), m);
    assertTrue(m.contains("1 × the features column 'v' has a row of 1 elements, expected 2; for example the row"
        + " [[0.25],0.0]"), m);
    assertTrue(m.contains("2 × the features column 'v' holds a null, NaN or infinite element; for example the row"
        + " [[NaN,2.0],0.0]"), m);
    assertTrue(m.contains("1 × the features column 'v' is null; for example the row [null,1.0]"), m);
  }

  @Test
  void theFeaturesAreAsManyAsMostRowsHoldWhicheverRowIsReadFirst() throws Exception {
    // the first row holds 3 features, the other 4 hold 2: it is the one refused
    for (String column : List.of("v", "a")) {
      StructType schema = DataTypes.createStructType(List.of(DataTypes.createStructField("v", new VectorUDT(), true),
          DataTypes.createStructField("a", DataTypes.createArrayType(DataTypes.DoubleType), true),
          DataTypes.createStructField("y", DataTypes.DoubleType, true)));
      List<Row> rows = List.of(RowFactory.create(Vectors.dense(0.5, 1.5, 2.5), new double[] {0.5, 1.5, 2.5}, 1.0),
          RowFactory.create(Vectors.dense(0.25, 0.5), new double[] {0.25, 0.5}, 0.0),
          RowFactory.create(Vectors.sparse(2, new int[] {1}, new double[] {0.75}), new double[] {0.0, 0.75}, 1.0),
          RowFactory.create(Vectors.dense(0.5, 0.5), new double[] {0.5, 0.5}, 0.0),
          RowFactory.create(Vectors.dense(0.125, 1.0), new double[] {0.125, 1.0}, 1.0));
      Dataset<Row> input = TestSpark.session().createDataFrame(rows, schema).coalesce(1);
      BadDataException e = assertThrows(BadDataException.class,
          () -> train(input, new TrainingSpec().featuresColumn(column)));
      String m = e.getMessage();
      assertTrue(m.startsWith("1 row of the input cannot be trained on:"), m);
      assertTrue(m.contains("1 × the features column '" + column + "' has a row of 3 elements, expected 2"), m);
      TrainingResult skipped = train(input, new TrainingSpec().featuresColumn(column).skipInvalid(true));
      assertEquals(2, skipped.model().features().size());
      assertEquals(4, skipped.data().trainRows());
    }
  }

  @Test
  void arraysThatCannotBeTrainedOnAreCountedByReason() {
    Dataset<Row> input = TestSpark.session().sql("SELECT * FROM VALUES (array(0.5D, 1.5D), 1D), (array(0.25D), 0D),"
        + " (array(0.25D, CAST(NULL AS DOUBLE)), 1D), (array(0.5D, 0.5D), 0D), (CAST(NULL AS ARRAY<DOUBLE>), 1D)"
        + " AS t(a, y)").coalesce(1);
    BadDataException e = assertThrows(BadDataException.class, () -> train(input, new TrainingSpec().featuresColumn("a")));
    String m = e.getMessage();
    assertTrue(m.startsWith("3 rows of the input cannot be trained on:"), m);
    assertTrue(m.contains("1 × the features column 'a' has a row of 1 elements, expected 2"), m);
    assertTrue(m.contains("1 × the features column 'a' holds a null, NaN or infinite element"), m);
    assertTrue(m.contains("1 × the features column 'a' is null; for example the row [null,1.0]"), m);
  }
}
