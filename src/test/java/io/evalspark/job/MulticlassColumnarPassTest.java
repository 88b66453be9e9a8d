package io.evalspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.evalspark.TestSpark;
import io.evalspark.core.BadDataException;
import io.evalspark.core.Task;
import io.evalspark.metrics.IntervalState;
import io.evalspark.metrics.Intervals;
import io.evalspark.metrics.MulticlassSettings;
import io.evalspark.sql.ColumnarPass;
import io.evalspark.sql.SlicedColumnarPass;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multiclass evaluation of a Parquet scan takes the columnar pass, with its probabilities in an
 * array of doubles or floats or in an ML vector (dense or sparse), with or without a predicted
 * class: the metrics must be the definitions', and the aggregate's over the same rows in memory.
 */
class MulticlassColumnarPassTest {
  private static final int CLASSES = 4;
  @TempDir
  static Path dir;

  /**
   * Rows of (country, label, prediction, probabilities as doubles, as floats, as a vector, weight);
   * country "void" holds only rows that cannot be evaluated, and some others are bad too.
   */
  private static List<Row> rows(int n) {
    Random r = new Random(53);
    String[] countries = {"kr", "de", null};
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int y = r.nextInt(CLASSES);
      double[] p = new double[CLASSES];
      double sum = 0;
      for (int c = 0; c < CLASSES; c++) {
        p[c] = (c == y ? 1.5 : 0) + r.nextDouble() * (i % 5 == 0 ? 0 : 1); // some rows sparse
        sum += p[c];
      }
      Double[] doubles = new Double[CLASSES];
      Float[] floats = new Float[CLASSES];
      for (int c = 0; c < CLASSES; c++) {
        p[c] /= sum;
        doubles[c] = p[c];
        floats[c] = (float) p[c];
      }
      int predicted = r.nextDouble() < 0.7 ? y : r.nextInt(CLASSES);
      rows.add(RowFactory.create(countries[r.nextInt(countries.length)], (double) y, (double) predicted,
          Arrays.asList(doubles), Arrays.asList(floats), i % 5 == 0 ? Vectors.dense(p).toSparse() : Vectors.dense(p),
          0.5 + r.nextDouble()));
    }
    List<Double> half = Arrays.asList(0.5, 0.5, 0.0, 0.0);
    List<Float> halfFloats = Arrays.asList(0.5f, 0.5f, 0.0f, 0.0f);
    rows.add(RowFactory.create("kr", null, 1.0, half, halfFloats, Vectors.dense(0.5, 0.5, 0, 0), 1.0));
    rows.add(RowFactory.create("de", 9.0, 1.0, half, halfFloats, Vectors.dense(0.5, 0.5, 0, 0), 1.0));
    rows.add(RowFactory.create("kr", 1.0, 1.0, null, null, null, 1.0));
    rows.add(RowFactory.create("de", 1.0, 1.0, Arrays.asList(0.5, null, 0.5, 0.0), Arrays.asList(0.5f, null, 0.5f, 0f),
        Vectors.dense(0.5, Double.NaN, 0.5, 0), 1.0));
    rows.add(RowFactory.create("void", 1.5, 1.0, half, halfFloats, Vectors.dense(0.5, 0.5, 0, 0), 1.0));
    rows.add(RowFactory.create("void", 1.0, 1.0, half, halfFloats, Vectors.dense(0.5, 0.5, 0, 0), -1.0));
    return rows;
  }

  private static Dataset<Row> inMemory(List<Row> rows) {
    return Frames.of(Frames.schema("country", DataTypes.StringType, "y", DataTypes.DoubleType,
        "yhat", DataTypes.DoubleType, "p", DataTypes.createArrayType(DataTypes.DoubleType),
        "pf", DataTypes.createArrayType(DataTypes.FloatType), "pv", SQLDataTypes.VectorType(),
        "w", DataTypes.DoubleType), rows, 3);
  }

  private static Dataset<Row> stored(Dataset<Row> rows, String name) {
    String path = dir.resolve(name).toString();
    rows.write().parquet(path);
    return TestSpark.session().read().parquet(path);
  }

  private static EvaluationSpec spec(String prediction, String probabilities, String weight, int topK,
      List<String> slices) {
    return Specs.skipping(EvaluationSpec.of(Task.MULTICLASS).label("y").prediction(prediction)
        .probabilities(probabilities == null ? null : List.of(probabilities)).weight(weight)
        .topK(topK > 0 ? topK : null).sliceBy(slices).build());
  }

  @Test
  void probabilitiesInAColumnPerClassTakeThePassAndGiveTheArraysMetrics() {
    Dataset<Row> memory = inMemory(rows(3000));
    Column[] perClass = new Column[CLASSES];
    List<String> names = new ArrayList<>();
    for (int c = 0; c < CLASSES; c++) {
      perClass[c] = functions.col("p").getItem(c).as("p" + c);
      names.add("p" + c);
    }
    Dataset<Row> files = stored(memory.select(functions.col("country"), functions.col("y"), functions.col("yhat"),
        functions.col("p"), functions.col("w")).select(functions.col("*"), perClass[0], perClass[1], perClass[2],
        perClass[3]), "per-class");
    MulticlassSettings settings = new MulticlassSettings(0, false, true, 2);
    List<String> columns = new ArrayList<>(List.of("y", "w"));
    columns.addAll(names);
    assertNotNull(ColumnarPass.state(files.select(columns.stream().map(functions::col).toArray(Column[]::new)),
        settings, false, CLASSES), "a column per class of a Parquet scan takes the columnar pass");
    for (String weight : Arrays.asList("w", null)) {
      for (List<String> slices : Arrays.asList(null, List.of("country"))) {
        EvaluationSpec byClass = Specs.skipping(EvaluationSpec.of(Task.MULTICLASS).label("y").probabilities(names)
            .weight(weight).topK(2).sliceBy(slices).build());
        EvaluationSpec byArray = spec(null, "p", weight, 2, slices);
        String what = "weight " + weight + ", slices " + slices;
        ColumnarPassTest.assertSameSlices(EvaluationJob.run(Frames.throughTheAggregate(files), byClass),
            EvaluationJob.run(files, byClass), what + ": the aggregate's");
        // a null array is invalid for another reason than a row of null classes, but the rows evaluated are the same
        ColumnarPassTest.assertSameMetrics(EvaluationJob.run(files, byArray).overall().metrics(),
            EvaluationJob.run(files, byClass).overall().metrics(), what + ": the array's");
      }
    }
  }

  @Test
  void probabilityArraysAndVectorsGiveTheDefinitionsAndTheAggregatesMetrics() {
    List<Row> rows = rows(6000);
    Dataset<Row> memory = inMemory(rows);
    Dataset<Row> files = stored(memory, "multiclass");
    MulticlassSettings settings = new MulticlassSettings(0, false, true, 2);
    for (String probabilities : List.of("p", "pf", "pv")) {
      assertNotNull(ColumnarPass.state(files.select("y", "w", probabilities), settings, false),
          probabilities + " of a Parquet scan takes the columnar pass");
      for (EvaluationSpec spec : List.of(spec(null, probabilities, "w", 2, null), spec("yhat", probabilities, null, 0,
          null), spec(null, probabilities, null, 0, List.of("country")))) {
        ColumnarPassTest.assertSameSlices(EvaluationJob.run(memory, spec), EvaluationJob.run(files, spec),
            probabilities + " " + spec.settings());
      }
    }
    assertNotNull(ColumnarPass.state(files.select("y", "yhat"), new MulticlassSettings(0, true, false, 0), false),
        "a predicted class alone");
    EvaluationSpec predictionOnly = spec("yhat", null, "w", 0, List.of("country"));
    ColumnarPassTest.assertSameSlices(EvaluationJob.run(memory, predictionOnly), EvaluationJob.run(files,
        predictionOnly), "prediction only");

    // the definitions: weighted accuracy of the argmax, and the mean of -w log p[y] over the good rows
    Map<String, Double> m = EvaluationJob.run(files, spec(null, "p", "w", 2, null)).overall().metrics();
    double hits = 0;
    double loss = 0;
    double weight = 0;
    for (Row row : rows.subList(0, 6000)) {
      double[] p = ((List<?>) row.get(3)).stream().mapToDouble(v -> (Double) v).toArray();
      int y = (int) row.getDouble(1);
      int best = 0;
      for (int c = 1; c < CLASSES; c++) {
        best = p[c] > p[best] ? c : best;
      }
      double w = row.getDouble(6);
      hits += best == y ? w : 0;
      loss -= w * Math.log(p[y]);
      weight += w;
    }
    assertEquals(hits / weight, m.get("accuracy"), 1e-12);
    assertEquals(loss / weight, m.get("log_loss"), 1e-12);
  }

  @Test
  void badRowsFailAsTheAggregateFails() {
    Dataset<Row> memory = inMemory(rows(500));
    Dataset<Row> files = stored(memory, "multiclass-bad");
    for (String probabilities : List.of("p", "pv")) {
      EvaluationSpec failing = spec(null, probabilities, "w", 0, null).withOnInvalid(io.evalspark.core.OnInvalid.FAIL);
      BadDataException fromFiles = assertThrows(BadDataException.class, () -> EvaluationJob.run(files, failing));
      BadDataException fromMemory = assertThrows(BadDataException.class, () -> EvaluationJob.run(memory, failing));
      assertEquals(fromMemory.getMessage(), fromFiles.getMessage());
    }
  }

  @Test
  void intervalsAndFiltersAreTheAggregatesOverTheSameFiles() {
    Dataset<Row> files = stored(inMemory(rows(9000)), "multiclass-intervals");
    EvaluationSpec spec = Specs.skipping(EvaluationSpec.of(Task.MULTICLASS).label("y").probabilities(List.of("p"))
        .weight("w").confidence(0.9).build());
    String where = "country IS NULL OR y < 3";
    Dataset<Row> filtered = files.where(where);
    assertNotNull(ColumnarPass.state(filtered.select("y", "w", "p"), spec.settings(), true));
    assertNull(ColumnarPass.state(Frames.throughTheAggregate(filtered).select("y", "w", "p"), spec.settings(),
        true), "a filter that is not deterministic takes the aggregate");
    Intervals columnar = IntervalState.intervals(EvaluationJob.run(filtered, spec).overall(), 0.9);
    Intervals aggregated = IntervalState.intervals(EvaluationJob.run(Frames.throughTheAggregate(filtered), spec)
        .overall(), 0.9);
    assertEquals(aggregated.metrics().keySet(), columnar.metrics().keySet());
    aggregated.metrics().forEach((name, i) -> assertEquals(i.stderr(), columnar.metrics().get(name).stderr(),
        Double.isNaN(i.stderr()) ? 0 : 1e-12 * Math.max(1, Math.abs(i.stderr())), name));
    assertNotNull(SlicedColumnarPass.states(filtered.select("country", "y", "w", "p"), 1, spec.settings(), false));
    EvaluationSpec sliced = spec(null, "p", "w", 0, List.of("country"));
    ColumnarPassTest.assertSameSlices(EvaluationJob.run(Frames.throughTheAggregate(filtered), sliced),
        EvaluationJob.run(filtered, sliced), "filtered slices");
  }
}
