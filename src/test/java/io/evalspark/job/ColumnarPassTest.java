package io.evalspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.TestSpark;
import io.evalspark.core.BadDataException;
import io.evalspark.core.Task;
import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.IntervalState;
import io.evalspark.metrics.Intervals;
import io.evalspark.metrics.RegressionSettings;
import io.evalspark.metrics.Reference;
import io.evalspark.sql.ColumnarPass;
import io.evalspark.sql.SlicedColumnarPass;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A binary or regression evaluation of a plain Parquet or ORC scan takes the columnar pass; it must
 * give what the definitions give, and what the evaluation aggregate gives on the same rows held in
 * memory.
 */
class ColumnarPassTest {
  private static final List<Row> ROWS = Frames.binaryRows(3000, 23);
  @TempDir
  static Path dir;

  private static Dataset<Row> stored(Dataset<Row> rows, String format, String name) {
    String path = dir.resolve(name).toString();
    rows.write().format(format).save(path);
    return TestSpark.session().read().format(format).load(path);
  }

  @Test
  void handExampleFromParquetAndOrcFiles() {
    List<Row> rows = List.of(
        RowFactory.create(0, 0.1), RowFactory.create(0, 0.6), RowFactory.create(1, 0.35),
        RowFactory.create(1, 0.8), RowFactory.create(1, 0.9), RowFactory.create(0, 0.2));
    for (String format : List.of("parquet", "orc")) {
      Dataset<Row> df = stored(Frames.of(Frames.schema("label", DataTypes.IntegerType, "score", DataTypes.DoubleType),
          rows, 3), format, "hand-" + format);
      assertNotNull(ColumnarPass.binaryState(df, BinarySettings.defaults()), format + " is read as column batches");
      Map<String, Double> m = EvaluationJob.run(df, Specs.binary("label", "score", null, null)).overall().metrics();
      assertEquals(2, m.get("tp"), format);
      assertEquals(1, m.get("fp"), format);
      assertEquals(2, m.get("tn"), format);
      assertEquals(1, m.get("fn"), format);
      assertEquals(8.0 / 9, m.get("roc_auc"), 1e-15, format);
      // log loss by hand: -mean(log(1-0.1), log(1-0.6), log(0.35), log(0.8), log(0.9), log(1-0.2))
      double logLoss = -(Math.log(0.9) + Math.log(0.4) + Math.log(0.35) + Math.log(0.8) + Math.log(0.9)
          + Math.log(0.8)) / 6;
      assertEquals(logLoss, m.get("log_loss"), 1e-15, format);
    }
  }

  @Test
  void weightedRowsGiveTheReferenceAndTheAggregatesMetrics() {
    Dataset<Row> inMemory = Frames.of(Frames.binarySchema(), ROWS, 3);
    Dataset<Row> files = stored(inMemory, "parquet", "weighted");
    assertNotNull(ColumnarPass.binaryState(files.select("y", "p", "w"), BinarySettings.defaults()));
    EvaluationSpec spec = Specs.binary("y", "p", "w", null);
    Map<String, Double> m = EvaluationJob.run(files, spec).overall().metrics();
    double[] y = Frames.column(ROWS, 1);
    double[] p = Frames.column(ROWS, 2);
    double[] w = Frames.column(ROWS, 3);
    assertEquals(Reference.logLoss(y, p, w), m.get("log_loss"), 1e-12);
    double tp = 0;
    for (int i = 0; i < y.length; i++) {
      tp += y[i] == 1 && p[i] >= 0.5 ? w[i] : 0;
    }
    assertEquals(tp, m.get("tp"), 1e-9);
    Map<String, Double> aggregate = EvaluationJob.run(inMemory, spec).overall().metrics();
    assertEquals(aggregate.keySet(), m.keySet());
    aggregate.forEach((k, v) -> assertEquals(v, m.get(k), 1e-12 * Math.max(1, Math.abs(v)), k));
  }

  @Test
  void statesOfManyPartitionsMergeInATreeToTheAggregatesMetrics() {
    Dataset<Row> inMemory = Frames.of(Frames.binarySchema(), ROWS, 3);
    Dataset<Row> files = stored(Frames.of(Frames.binarySchema(), ROWS, 12), "parquet", "many-partitions");
    EvaluationSpec spec = Specs.binary("y", "p", "w", null);
    Map<String, Double> aggregate = EvaluationJob.run(inMemory, spec).overall().metrics();
    TestSpark.session().conf().set("spark.sql.files.maxPartitionBytes", "4k");
    try {
      int partitions = files.select("y", "p", "w").rdd().getNumPartitions();
      // more than treeAggregate's depth of 2 merges in one level: sqrt(n) + n / sqrt(n)
      assertTrue(partitions > 2 * Math.ceil(Math.sqrt(partitions)), partitions + " partitions");
      assertNotNull(ColumnarPass.binaryState(files.select("y", "p", "w"), BinarySettings.defaults()));
      Map<String, Double> m = EvaluationJob.run(files, spec).overall().metrics();
      assertEquals(Reference.logLoss(Frames.column(ROWS, 1), Frames.column(ROWS, 2), Frames.column(ROWS, 3)),
          m.get("log_loss"), 1e-12);
      assertEquals(aggregate.keySet(), m.keySet());
      aggregate.forEach((k, v) -> assertEquals(v, m.get(k), 1e-12 * Math.max(1, Math.abs(v)), k));
    } finally {
      TestSpark.session().conf().unset("spark.sql.files.maxPartitionBytes");
    }
  }

  @Test
  void everyNumberTypeReadsAsItsCastToDouble() {
    // The weight comes first in the files, so the scan's columns are in another order than the pass's.
    List<Row> rows = List.of(
        RowFactory.create(2, true, 1L, new BigDecimal("1"), 0.75f, new BigDecimal("0.750")),
        RowFactory.create(1, false, 0L, new BigDecimal("0"), 0.25f, new BigDecimal("0.250")),
        RowFactory.create(3, true, 1L, new BigDecimal("1"), 0.125f, new BigDecimal("0.125")),
        RowFactory.create(1, false, 0L, new BigDecimal("0"), 0.5f, new BigDecimal("0.500")));
    Dataset<Row> df = stored(Frames.of(Frames.schema("n", DataTypes.IntegerType, "flag", DataTypes.BooleanType,
        "count", DataTypes.LongType, "amount", DataTypes.createDecimalType(10, 0), "f", DataTypes.FloatType,
        "d", DataTypes.createDecimalType(6, 3)), rows, 2), "parquet", "types");
    for (String[] labelScore : new String[][] {{"flag", "f"}, {"count", "d"}, {"amount", "f"}}) {
      assertNotNull(ColumnarPass.binaryState(df.select(labelScore[0], labelScore[1], "n"), BinarySettings.defaults()));
      Map<String, Double> m = EvaluationJob.run(df, Specs.binary(labelScore[0], labelScore[1], "n", null))
          .overall().metrics();
      String what = Arrays.toString(labelScore);
      assertEquals(2, m.get("tp"), what); // 0.75 of weight 2
      assertEquals(1, m.get("fp"), what); // 0.5 of weight 1
      assertEquals(1, m.get("tn"), what); // 0.25 of weight 1
      assertEquals(3, m.get("fn"), what); // 0.125 of weight 3
      // log loss by hand: -(2 log 0.75 + log 0.75 + 3 log 0.125 + log 0.5) / 7
      assertEquals(-(3 * Math.log(0.75) + 3 * Math.log(0.125) + Math.log(0.5)) / 7, m.get("log_loss"), 1e-15, what);
    }
  }

  @Test
  void badRowsAreCountedAsTheAggregateCountsThem() {
    List<Row> rows = Arrays.asList(
        RowFactory.create(1.0, 0.9), RowFactory.create(0.0, 0.2), RowFactory.create(null, 0.5),
        RowFactory.create(2.0, 0.5), RowFactory.create(1.0, 1.5), RowFactory.create(0.0, Double.NaN),
        RowFactory.create(1.0, null), RowFactory.create(1.0, 0.6), RowFactory.create(Double.NaN, 0.1));
    Dataset<Row> inMemory = Frames.of(Frames.schema("y", DataTypes.DoubleType, "p", DataTypes.DoubleType), rows, 1);
    Dataset<Row> files = stored(inMemory, "parquet", "bad");
    assertNotNull(ColumnarPass.binaryState(files, BinarySettings.defaults()));
    EvaluationSpec spec = Specs.binary("y", "p", null, null);
    BadDataException fromFiles = assertThrows(BadDataException.class, () -> EvaluationJob.run(files, spec));
    BadDataException fromMemory = assertThrows(BadDataException.class, () -> EvaluationJob.run(inMemory, spec));
    assertEquals(fromMemory.getMessage(), fromFiles.getMessage());
    EvaluationResult skipped = EvaluationJob.run(files, Specs.skipping(spec));
    assertEquals(9, skipped.overall().rowCounts().rows());
    assertEquals(3, skipped.overall().rowCounts().evaluatedRows());
    assertEquals(2, skipped.overall().metrics().get("tp")); // 0.9 and 0.6
    assertEquals(1, skipped.overall().metrics().get("tn")); // 0.2
  }

  @Test
  void aScoreOfClassProbabilitiesIsReadAsItsElementOne() {
    Random r = new Random(41);
    List<Row> rows = new ArrayList<>();
    List<Row> numbers = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      double y = r.nextDouble() < 0.4 ? 1 : 0;
      double p = Math.round(Math.min(1, Math.max(0, 0.3 + 0.4 * y + 0.25 * r.nextGaussian())) * 1e4) / 1e4;
      Vector v = i % 3 == 0 ? Vectors.sparse(2, p == 0 ? new int[] {0} : new int[] {1}, new double[] {p == 0 ? 1 : p})
          : Vectors.dense(1 - p, p);
      rows.add(RowFactory.create(y, v, new float[] {(float) (1 - p), (float) p}));
      numbers.add(RowFactory.create(y, p, (double) (float) p));
    }
    rows.add(RowFactory.create(1.0, null, new float[] {0.5f})); // no score: invalid, as in the aggregate
    numbers.add(RowFactory.create(1.0, null, null));
    Dataset<Row> files = stored(Frames.of(Frames.schema("y", DataTypes.DoubleType, "v", SQLDataTypes.VectorType(),
        "a", DataTypes.createArrayType(DataTypes.FloatType)), rows, 3), "parquet", "vector-scores");
    Dataset<Row> numberFiles = stored(Frames.of(Frames.schema("y", DataTypes.DoubleType, "p", DataTypes.DoubleType,
        "f", DataTypes.DoubleType), numbers, 3), "parquet", "number-scores");
    for (String[] scores : new String[][] {{"v", "p"}, {"a", "f"}}) {
      assertNotNull(ColumnarPass.binaryState(files.select("y", scores[0]), BinarySettings.defaults()), scores[0]);
      EvaluationSpec spec = Specs.skipping(Specs.binary("y", scores[0], null, null));
      EvaluationState<?> columnar = EvaluationJob.run(files, spec).overall();
      EvaluationState<?> aggregate = EvaluationJob.run(Frames.throughTheAggregate(files), spec).overall();
      EvaluationState<?> ofNumbers = EvaluationJob.run(numberFiles, Specs.skipping(Specs.binary("y", scores[1], null,
          null))).overall();
      assertEquals(2001, columnar.rowCounts().rows());
      assertEquals(2000, columnar.rowCounts().evaluatedRows(), scores[0]);
      assertEquals(aggregate.rowCounts().invalidByReason(), columnar.rowCounts().invalidByReason(), scores[0]);
      assertEquals(ofNumbers.rowCounts().invalidByReason(), columnar.rowCounts().invalidByReason(), scores[0]);
      for (Map.Entry<String, Double> m : aggregate.metrics().entrySet()) {
        assertEquals(m.getValue(), columnar.metrics().get(m.getKey()), 1e-12, scores[0] + " " + m.getKey());
        assertEquals(ofNumbers.metrics().get(m.getKey()), columnar.metrics().get(m.getKey()), 1e-12,
            scores[0] + " " + m.getKey() + " as the number");
      }
    }
  }

  @Test
  void aFilterOnPartitionColumnsIsStillAPlainScan() {
    String path = dir.resolve("partitioned").toString();
    Frames.of(Frames.binarySchema(), ROWS, 2).write().partitionBy("segment").parquet(path);
    Dataset<Row> segmentA = TestSpark.session().read().parquet(path).where("segment = 'a'");
    assertNotNull(ColumnarPass.binaryState(segmentA.select("y", "p", "w"), BinarySettings.defaults()));
    Map<String, Double> m = EvaluationJob.run(segmentA, Specs.binary("y", "p", "w", null)).overall().metrics();
    double tp = 0;
    double tn = 0;
    for (Row r : ROWS) {
      boolean a = r.getString(0).equals("a");
      tp += a && r.getDouble(1) == 1 && r.getDouble(2) >= 0.5 ? r.getDouble(3) : 0;
      tn += a && r.getDouble(1) == 0 && r.getDouble(2) < 0.5 ? r.getDouble(3) : 0;
    }
    assertEquals(tp, m.get("tp"), 1e-9);
    assertEquals(tn, m.get("tn"), 1e-9);
  }

  @Test
  void regressionFromParquetGivesTheDefinitionsAndTheAggregatesMetricsAndErrors() {
    Random r = new Random(31);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 6000; i++) {
      double x = r.nextGaussian();
      rows.add(RowFactory.create(3 * x + r.nextGaussian(), 2.5 * x, 0.5 + r.nextDouble()));
    }
    List<Row> bad = Arrays.asList(RowFactory.create(null, 1.0, 1.0), RowFactory.create(1.0, Double.NaN, 1.0),
        RowFactory.create(1.0, Double.POSITIVE_INFINITY, 1.0), RowFactory.create(1.0, 2.0, -1.0));
    List<Row> all = new ArrayList<>(rows);
    all.addAll(bad);
    Dataset<Row> inMemory = Frames.of(Frames.schema("y", DataTypes.DoubleType, "yhat", DataTypes.DoubleType,
        "w", DataTypes.DoubleType), all, 3);
    Dataset<Row> files = stored(inMemory, "parquet", "regression");
    assertNotNull(ColumnarPass.state(files.select("y", "yhat", "w"), RegressionSettings.defaults(), false),
        "a regression of a Parquet scan takes the columnar pass");
    EvaluationSpec spec = Specs.regression("y", "yhat", "w", null);
    BadDataException fromFiles = assertThrows(BadDataException.class, () -> EvaluationJob.run(files, spec));
    BadDataException fromMemory = assertThrows(BadDataException.class, () -> EvaluationJob.run(inMemory, spec));
    assertEquals(fromMemory.getMessage(), fromFiles.getMessage());
    EvaluationResult result = EvaluationJob.run(files, Specs.skipping(spec));
    assertEquals(all.size(), result.overall().rowCounts().rows());
    assertEquals(rows.size(), result.overall().rowCounts().evaluatedRows());
    Map<String, Double> m = result.overall().metrics();
    double squared = 0;
    double absolute = 0;
    double weight = 0;
    for (Row row : rows) {
      double e = row.getDouble(0) - row.getDouble(1);
      squared += row.getDouble(2) * e * e;
      absolute += row.getDouble(2) * Math.abs(e);
      weight += row.getDouble(2);
    }
    assertEquals(squared / weight, m.get("mse"), 1e-12);
    assertEquals(absolute / weight, m.get("mae"), 1e-12);
    Map<String, Double> aggregate = EvaluationJob.run(inMemory, Specs.skipping(spec)).overall().metrics();
    assertSameMetrics(aggregate, m, "regression"); // msle and the deviances undefined on both: labels below -1
    // with intervals: the same groups as the aggregate over the same files (a filter that keeps every
    // row but is not a plain scan), so the same intervals
    EvaluationSpec intervals = EvaluationSpec.of(Task.REGRESSION).label("y").prediction("yhat").weight("w")
        .confidence(0.9).build();
    assertNotNull(ColumnarPass.state(files.select("y", "yhat", "w"), RegressionSettings.defaults(), true));
    assertNull(ColumnarPass.state(Frames.throughTheAggregate(files).select("y", "yhat", "w"),
        RegressionSettings.defaults(), true));
    Map<String, Intervals.Interval> columnar = ((IntervalState) EvaluationJob.run(files, Specs.skipping(intervals))
        .overall()).intervals(0.9).metrics();
    Map<String, Intervals.Interval> aggregated = ((IntervalState) EvaluationJob.run(
        Frames.throughTheAggregate(files), Specs.skipping(intervals)).overall()).intervals(0.9).metrics();
    assertEquals(aggregated.keySet(), columnar.keySet());
    aggregated.forEach((k, i) -> assertEquals(i.stderr(), columnar.get(k).stderr(),
        Double.isNaN(i.stderr()) ? 0 : 1e-12 * Math.max(1, Math.abs(i.stderr())), k));
  }

  /**
   * Rows with slice columns of every key type: a string with nulls (dictionary-encoded in the
   * files), an int, a boolean, and a double with -0.0, NaN and null; country "void" holds only
   * rows that cannot be evaluated.
   */
  private static Dataset<Row> slicedRows(int n) {
    Random r = new Random(41);
    String[] countries = {"kr", "de", "us", null};
    double[] amounts = {0.0, -0.0, Double.NaN, 1.5, 2.5};
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double y = r.nextDouble() < 0.3 ? 1 : 0;
      double p = Math.min(1, Math.max(0, 0.35 * y + 0.65 * r.nextDouble()));
      Double amount = i % 7 == 0 ? null : amounts[r.nextInt(amounts.length)];
      rows.add(RowFactory.create(countries[r.nextInt(countries.length)], r.nextInt(5), r.nextBoolean(), amount,
          y, p, 0.5 + r.nextDouble()));
    }
    for (int i = 0; i < 5; i++) {
      rows.add(RowFactory.create("void", i, true, 1.5, 2.0, 0.5, 1.0)); // label 2: invalid
    }
    return Frames.of(Frames.schema("country", DataTypes.StringType, "device", DataTypes.IntegerType,
        "flag", DataTypes.BooleanType, "amount", DataTypes.DoubleType, "y", DataTypes.DoubleType,
        "p", DataTypes.DoubleType, "w", DataTypes.DoubleType), rows, 3);
  }

  static void assertSameSlices(EvaluationResult expected, EvaluationResult actual, String what) {
    assertEquals(expected.slices().stream().map(SliceResult::key).toList(),
        actual.slices().stream().map(SliceResult::key).toList(), what + ": the same slices in the same order");
    for (int k = 0; k < expected.slices().size(); k++) {
      SliceResult e = expected.slices().get(k);
      SliceResult a = actual.slices().get(k);
      String slice = what + " " + e.key();
      assertEquals(e.state().rowCounts().rows(), a.state().rowCounts().rows(), slice);
      assertEquals(e.state().rowCounts().invalidByReason(), a.state().rowCounts().invalidByReason(), slice);
      assertSameMetrics(e.state().metrics(), a.state().metrics(), slice);
    }
    assertSameMetrics(expected.overall().metrics(), actual.overall().metrics(), what + " overall");
  }

  /** The same metrics to 1e-12 (relative beyond 1), NaN (a slice of invalid rows) where expected. */
  static void assertSameMetrics(Map<String, Double> expected, Map<String, Double> actual, String what) {
    assertEquals(expected.keySet(), actual.keySet(), what);
    expected.forEach((name, v) -> assertEquals(v, actual.get(name), Double.isNaN(v) ? 0 : 1e-12 * Math.max(1,
        Math.abs(v)), what + " " + name));
  }

  @Test
  void slicesByStringsNumbersAndBooleansGiveTheAggregatesSlices() {
    Dataset<Row> inMemory = slicedRows(8000);
    Dataset<Row> files = stored(inMemory, "parquet", "sliced");
    for (List<String> slices : List.of(List.of("country"), List.of("country", "device"), List.of("flag", "amount"),
        List.of("device", "country", "flag"))) {
      List<String> columns = new ArrayList<>(slices);
      columns.addAll(List.of("y", "p", "w"));
      assertNotNull(SlicedColumnarPass.states(files.select(columns.stream().map(functions::col).toArray(
          org.apache.spark.sql.Column[]::new)), slices.size(), BinarySettings.defaults(), false),
          slices + " of a Parquet scan take the columnar pass");
      EvaluationSpec spec = Specs.skipping(Specs.binary("y", "p", "w", slices));
      assertSameSlices(EvaluationJob.run(inMemory, spec), EvaluationJob.run(files, spec), slices.toString());
    }
    EvaluationSpec regression = Specs.skipping(Specs.regression("y", "p", "w", List.of("country", "amount")));
    assertSameSlices(EvaluationJob.run(inMemory, regression), EvaluationJob.run(files, regression), "regression");
    EvaluationSpec failing = Specs.binary("y", "p", "w", List.of("country"));
    BadDataException fromFiles = assertThrows(BadDataException.class, () -> EvaluationJob.run(files, failing));
    BadDataException fromMemory = assertThrows(BadDataException.class, () -> EvaluationJob.run(inMemory, failing));
    assertEquals(fromMemory.getMessage(), fromFiles.getMessage());
  }

  /** Rows of {@code users} users (some with {@code bigShare} of all rows in one user), label y, score p. */
  private static Dataset<Row> userRows(int rows, int users, double bigShare, int partitions, long seed) {
    Random r = new Random(seed);
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      double y = r.nextDouble() < 0.4 ? 1 : 0;
      String user = r.nextDouble() < bigShare ? "big" : "user" + r.nextInt(users);
      out.add(RowFactory.create(user, y, Math.min(1, 0.3 * y + 0.7 * r.nextDouble())));
    }
    return Frames.of(Frames.schema("user", DataTypes.StringType, "y", DataTypes.DoubleType,
        "p", DataTypes.DoubleType), out, partitions);
  }

  @Test
  void manyBinarySlicesInAPartitionTakeTheColumnarPassAndGiveTheAggregatesSlices() {
    Dataset<Row> inMemory = userRows(4000, 300, 0, 1, 43);
    Dataset<Row> files = stored(inMemory, "parquet", "many-slices");
    assertNotNull(SlicedColumnarPass.states(files.select("user", "y", "p"), 1, BinarySettings.defaults(), false),
        "300 binary slices of a few rows each in one partition are kept as rows, well within the pass's memory");
    EvaluationSpec spec = Specs.binary("y", "p", null, List.of("user"));
    EvaluationResult result = EvaluationJob.run(files, spec);
    assertEquals(300, result.slices().size());
    assertSameSlices(EvaluationJob.run(inMemory, spec), result, "many slices");
  }

  @Test
  void aSliceOfMoreRowsThanItKeepsIsCountedAsItsStateAndMeetsTheOthersRows() {
    // 16 bins: a slice keeps 1,024 rows before counting them; "big" has about 3,000 rows in each of
    // the two partitions (a state, and rows kept since), the users a few (shuffled as rows)
    EvaluationResult result = slicedAtSixteenBinsInTwoFiles(userRows(12_000, 200, 0.5, 2, 47), "big-slice",
        "a big slice among small ones");
    assertEquals(201, result.slices().size());
  }

  @Test
  void fewSlicesOfManyRowsAreCountedStraightIntoTheirStatesAndGiveTheAggregatesSlices() {
    // 16 bins: a slice keeps 1,024 rows, then has a state; with three slices, its later rows go
    // straight into that state (about 2,000 a slice in each of the two partitions)
    EvaluationResult result = slicedAtSixteenBinsInTwoFiles(userRows(12_000, 3, 0, 2, 53), "few-slices",
        "three slices");
    assertEquals(3, result.slices().size());
    assertEquals(12_000, result.overall().rowCounts().rows());
  }

  /**
   * The evaluation at 16 bins, sliced by user, of {@code inMemory}'s two partitions stored as two
   * Parquet files read a partition a file: it takes the columnar pass and gives the aggregate's
   * slices of the rows in memory.
   */
  private static EvaluationResult slicedAtSixteenBinsInTwoFiles(Dataset<Row> inMemory, String name, String what) {
    stored(inMemory, "parquet", name);
    TestSpark.session().conf().set("spark.sql.files.openCostInBytes", 1L << 30); // a partition a file
    try {
      Dataset<Row> files = TestSpark.session().read().parquet(dir.resolve(name).toString());
      assertEquals(2, files.rdd().getNumPartitions(), "a partition a file");
      assertNotNull(SlicedColumnarPass.states(files.select("user", "y", "p"), 1,
          BinarySettings.defaults().withBins(16), false), what + ": the columnar pass");
      EvaluationSpec spec = EvaluationSpec.of(Task.BINARY).label("y").score("p")
          .binary(BinarySettings.defaults().withBins(16)).sliceBy(List.of("user")).build();
      EvaluationResult result = EvaluationJob.run(files, spec);
      assertSameSlices(EvaluationJob.run(inMemory, spec), result, what);
      return result;
    } finally {
      TestSpark.session().conf().unset("spark.sql.files.openCostInBytes");
    }
  }

  @Test
  void aPartitionOfMoreSlicesThanTheColumnarPassHoldsTakesTheAggregate() {
    Dataset<Row> inMemory = userRows(40_000, 300, 0, 1, 43);
    Dataset<Row> files = stored(inMemory, "parquet", "too-many-slices");
    // 16 bins: room for 256 dense states of 1 KB, and 300 slices' kept rows take more (about 133
    // rows a slice, in arrays of room for 256 rows of 9 bytes)
    assertNull(SlicedColumnarPass.states(files.select("user", "y", "p"), 1, BinarySettings.defaults().withBins(16),
        false), "kept rows of 300 slices in one partition over the memory of 256 states of 16 bins");
    assertNull(SlicedColumnarPass.states(files.select("user", "y", "p"), 1, RegressionSettings.defaults(), false),
        "300 regression slices in one partition are more states than the columnar pass holds");
    EvaluationSpec spec = EvaluationSpec.of(Task.BINARY).label("y").score("p")
        .binary(BinarySettings.defaults().withBins(16)).sliceBy(List.of("user")).build();
    EvaluationResult result = EvaluationJob.run(files, spec);
    assertEquals(300, result.slices().size());
    assertSameSlices(EvaluationJob.run(inMemory, spec), result, "many slices");
  }

  @Test
  void slicedIntervalsAreTheAggregatesOverTheSameFiles() {
    Dataset<Row> files = stored(slicedRows(12_000), "parquet", "sliced-intervals");
    EvaluationSpec spec = Specs.skipping(EvaluationSpec.of(Task.BINARY).label("y").score("p").weight("w")
        .sliceBy(List.of("country")).confidence(0.9).build());
    EvaluationResult columnar = EvaluationJob.run(files, spec);
    // a filter that keeps every row but is not a plain scan: the aggregate, over the same rows in the same places
    assertNull(SlicedColumnarPass.states(Frames.throughTheAggregate(files).select("country", "y", "p", "w"), 1,
        BinarySettings.defaults(), true));
    assertSameIntervals(EvaluationJob.run(Frames.throughTheAggregate(files), spec), columnar, "intervals");
  }

  /** The same slices, and the same standard errors of every slice's metrics at 0.9 (1e-12, relative beyond 1). */
  private static void assertSameIntervals(EvaluationResult expected, EvaluationResult actual, String what) {
    assertSameSlices(expected, actual, what);
    for (int k = 0; k < actual.slices().size(); k++) {
      Intervals e = IntervalState.intervals(expected.slices().get(k).state(), 0.9);
      Intervals a = IntervalState.intervals(actual.slices().get(k).state(), 0.9);
      String slice = what + " " + actual.slices().get(k).key();
      if (e == null) {
        assertNull(a, slice);
        continue;
      }
      e.metrics().forEach((name, i) -> assertEquals(i.stderr(), a.metrics().get(name).stderr(),
          Double.isNaN(i.stderr()) ? 0 : 1e-12 * Math.max(1, Math.abs(i.stderr())), slice + " " + name));
    }
  }

  @Test
  void intervalsOfManySlicesAndOfFewBigOnesTakeTheColumnarPassAndGiveTheAggregates() {
    // 1,024 bins: a slice keeps 1,024 rows before counting them into its interval state. Two files:
    // 300 users of about 50 rows each and "big" of about 7,500 rows in each (its group rows past
    // the first 5,000 gathered as flat sums); then three users of about 2,000 rows in each.
    BinarySettings settings = BinarySettings.defaults().withBins(1024);
    List<Dataset<Row>> inputs = List.of(userRows(30_000, 300, 0.5, 2, 59), userRows(12_000, 3, 0, 2, 61));
    for (int n = 0; n < inputs.size(); n++) {
      Dataset<Row> files = stored(inputs.get(n), "parquet", "interval-slices-" + n);
      String what = n == 0 ? "301 slices" : "three slices";
      assertNotNull(SlicedColumnarPass.states(files.select("user", "y", "p"), 1, settings, true),
          what + ": the columnar pass");
      EvaluationSpec spec = Specs.skipping(EvaluationSpec.of(Task.BINARY).label("y").score("p").binary(settings)
          .sliceBy(List.of("user")).confidence(0.9).build());
      EvaluationResult columnar = EvaluationJob.run(files, spec);
      assertEquals(n == 0 ? 301 : 3, columnar.slices().size(), what);
      // the intervals the run found, slices at once, are each slice's own found alone
      for (SliceResult slice : columnar.slices()) {
        Intervals found = IntervalState.intervals(slice.state(), 0.9);
        Intervals alone = IntervalState.intervals(slice.kept().copy(), 0.9);
        alone.metrics().forEach((name, i) -> assertEquals(i.stderr(), found.metrics().get(name).stderr(), 0.0,
            what + " " + slice.key() + " " + name));
      }
      // the aggregate over the same rows in the same places: the same groups, once Spark's aggregate
      // keeps counting rows as they come past 128 slices (it would sort them and number them anew)
      TestSpark.session().conf().set("spark.sql.objectHashAggregate.sortBased.fallbackThreshold", 100_000L);
      try {
        assertSameIntervals(EvaluationJob.run(Frames.throughTheAggregate(files), spec), columnar, what);
      } finally {
        TestSpark.session().conf().unset("spark.sql.objectHashAggregate.sortBased.fallbackThreshold");
      }
    }
  }

  @Test
  void anythingButAPlainScanTakesTheAggregate() {
    Dataset<Row> files = stored(Frames.of(Frames.binarySchema(), ROWS, 2), "parquet", "plain");
    assertNotNull(ColumnarPass.binaryState(files.select("y", "p"), BinarySettings.defaults()));
    assertNull(ColumnarPass.binaryState(files.where(functions.rand(3).lt(0.5)).select("y", "p"),
        BinarySettings.defaults()), "a filter that is not deterministic");
    assertNull(ColumnarPass.binaryState(files.selectExpr("y", "p * 0.5"), BinarySettings.defaults()));
    assertNull(ColumnarPass.binaryState(files.select("segment", "p"), BinarySettings.defaults()));
    Dataset<Row> csv = stored(Frames.of(Frames.binarySchema(), ROWS, 2), "csv", "csv")
        .selectExpr("cast(_c1 as double) as y", "cast(_c2 as double) as p");
    assertNull(ColumnarPass.binaryState(csv, BinarySettings.defaults()));
    // A filter on a data column keeps the columnar pass, and counts only the rows it keeps.
    assertNotNull(ColumnarPass.binaryState(files.where("p > 0.5").select("y", "p"), BinarySettings.defaults()));
    Map<String, Double> m = EvaluationJob.run(files.where("p > 0.5"), Specs.binary("y", "p", "w", null))
        .overall().metrics();
    double predictedPositive = 0;
    for (Row r : ROWS) {
      predictedPositive += r.getDouble(2) > 0.5 ? r.getDouble(3) : 0;
    }
    assertEquals(predictedPositive, m.get("tp") + m.get("fp"), 1e-9);
    assertEquals(0, m.get("tn") + m.get("fn"));
  }

  @Test
  void filtersOnDataColumnsKeepTheColumnarPassAndCountOnlyTheRowsTheyKeep() {
    Dataset<Row> inMemory = slicedRows(8000);
    Dataset<Row> files = stored(inMemory, "parquet", "filtered");
    // on a column the task reads, on one it does not, and one that leaves out a whole slice ("de")
    for (String where : List.of("p > 0.3", "device < 3 AND flag", "country IS NULL OR country <> 'de'")) {
      assertNotNull(ColumnarPass.binaryState(files.where(where).select("y", "p", "w"), BinarySettings.defaults()),
          where + " keeps the columnar pass");
      assertNotNull(SlicedColumnarPass.states(files.where(where).select("country", "y", "p", "w"), 1,
          BinarySettings.defaults(), false), where + " keeps the sliced columnar pass");
      EvaluationSpec spec = Specs.skipping(Specs.binary("y", "p", "w", List.of("country", "device")));
      assertSameSlices(EvaluationJob.run(inMemory.where(where), spec), EvaluationJob.run(files.where(where), spec),
          where);
      EvaluationSpec regression = Specs.skipping(Specs.regression("y", "p", "w", null));
      assertSameMetrics(EvaluationJob.run(inMemory.where(where), regression).overall().metrics(),
          EvaluationJob.run(files.where(where), regression).overall().metrics(), where + " regression");
    }
    assertEquals(List.of(), EvaluationJob.run(files.where("country = 'de'"),
        Specs.binary("y", "p", "w", List.of("country"))).slices().stream().map(SliceResult::key)
        .filter(key -> !"de".equals(key.get("country"))).toList(), "only the slice the filter keeps");
    // with intervals, against the aggregate over the same files in the same places (a filter it cannot take)
    String where = "device < 3 AND flag";
    EvaluationSpec intervals = Specs.skipping(EvaluationSpec.of(Task.BINARY).label("y").score("p").weight("w")
        .confidence(0.9).build());
    Intervals columnar = IntervalState.intervals(EvaluationJob.run(files.where(where), intervals).overall(), 0.9);
    assertNull(ColumnarPass.binaryState(Frames.throughTheAggregate(files.where(where)).select("y", "p", "w"),
        BinarySettings.defaults()));
    Intervals aggregated = IntervalState.intervals(EvaluationJob.run(Frames.throughTheAggregate(files.where(where)),
        intervals).overall(), 0.9);
    aggregated.metrics().forEach((name, i) -> assertEquals(i.stderr(), columnar.metrics().get(name).stderr(),
        Double.isNaN(i.stderr()) ? 0 : 1e-12 * Math.max(1, Math.abs(i.stderr())), name));
  }

  @Test
  void stringSlicesReadAcrossRowGroupsOfDifferentDictionaries() throws Exception {
    // row groups in one file: the first ones hold "x" and nulls, the last ones "y" and nulls, so
    // dictionary id 0 stands for "x" in some and for "y" in others
    List<Row> rows = new ArrayList<>();
    Random r = new Random(47);
    for (int i = 0; i < 20_000; i++) {
      String model = i % 3 == 0 ? null : i < 10_000 ? "x" : "y";
      double y = r.nextDouble() < (model == null ? 0.5 : model.equals("x") ? 0.2 : 0.7) ? 1 : 0;
      rows.add(RowFactory.create(model, y, Math.min(1, 0.3 * y + 0.7 * r.nextDouble())));
    }
    Dataset<Row> inMemory = TestSpark.session().createDataFrame(rows, Frames.schema("model", DataTypes.StringType,
        "y", DataTypes.DoubleType, "p", DataTypes.DoubleType)).coalesce(1);
    String path = dir.resolve("row-groups").toString();
    inMemory.write().option("parquet.block.size", 16 * 1024).parquet(path);
    Dataset<Row> files = TestSpark.session().read().parquet(path);
    assertEquals(1, files.rdd().getNumPartitions());
    org.apache.hadoop.fs.Path file = java.nio.file.Files.list(Path.of(path))
        .filter(f -> f.toString().endsWith(".parquet")).map(f -> new org.apache.hadoop.fs.Path(f.toUri()))
        .findFirst().orElseThrow();
    try (org.apache.parquet.hadoop.ParquetFileReader reader = org.apache.parquet.hadoop.ParquetFileReader.open(
        org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(file, new org.apache.hadoop.conf.Configuration()))) {
      assertTrue(reader.getRowGroups().size() >= 2, reader.getRowGroups().size() + " row groups");
    }
    EvaluationSpec spec = Specs.binary("y", "p", null, List.of("model"));
    assertNotNull(SlicedColumnarPass.states(files.select("model", "y", "p"), 1, BinarySettings.defaults(), false));
    assertSameSlices(EvaluationJob.run(inMemory, spec), EvaluationJob.run(files, spec), "row groups");
  }
}
