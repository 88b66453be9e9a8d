package io.evalspark.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;

import io.evalspark.core.Task;
import io.evalspark.job.EvaluationJob;
import io.evalspark.job.EvaluationResult;
import io.evalspark.job.EvaluationSpec;
import io.evalspark.job.InputFilter;
import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.BinaryState;
import io.evalspark.metrics.IntervalState;
import io.evalspark.report.TextFiles;
import io.evalspark.sql.EvaluationColumns;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Times, in one run on the same generated Parquet: a plain scan ({@code count} and {@code
 * sum(score)}), the full binary evaluation (which reads the files' column batches), the same state
 * through the evaluation aggregate (the path of SQL functions, slices and filtered inputs), and
 * MLlib's evaluators. Below {@link #LARGE} rows, every figure but MLlib's first runs once, untimed,
 * in a round of them all (warm_up_s); then each gets one more untimed warm-up of its own, just
 * before it is timed, and counts its best of {@code runs} ({@link BenchTimer#best}); each MLlib
 * metric is timed once.
 */
public final class Benchmark {
  /**
   * From this many rows on, only the scan and the evaluation are timed: the other figures would
   * take hours at a billion rows, and the multiclass files (ten doubles a row) would not fit a
   * disk of this machine's size.
   */
  public static final long LARGE = 100_000_000L;
  /** The slice count of {@code sliced_50k_s}. */
  static final int SLICES = 50_000;

  private Benchmark() {}

  private static void resetPeakHeap() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** The sum of the heap pools' peak use since the last reset: the driver's peak heap, within a pool's granularity. */
  private static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  /** The tolerance of exact_s. */
  static final double EXACT = 1e-9;
  /** The --where of filtered_s: a filter on a data column, which keeps about half the rows. */
  static final String FILTER = "device < 5";
  /** The level of evaluate_ci_s. */
  static final double CONFIDENCE = 0.95;
  /** The bins a class of multiclass_2000_bins_s's one-vs-rest histograms (the default is 10,000). */
  static final int COARSER_BINS = 2000;

  /**
   * The figures by name: rows, scan_s (the faster of scan_start_s and scan_end_s below; from {@link
   * #LARGE} rows on, the scan timed first), evaluate_s (only these from {@link #LARGE} rows on, and the
   * last two below), aggregate_s, unless skipped mllib_s and
   * mllib_METRIC_s, sliced_50k_s (sliced by 50,000 values) with the driver's peak heap in MB in one
   * more run, untimed, exact_s, the full suite with --auc-tolerance 1e-9, with the passes it took, and
   * evaluate_ci_s, the full suite with --confidence 0.95, sliced_s (sliced by country and device),
   * models_s (the pass of --model-column with 5 models: sliced by the model column), and
   * regression_s, the regression suite of the same files (the score as the prediction of the label),
   * filtered_s, the full suite of the rows {@code --where "device < 5"} keeps, scan_start_s and
   * scan_end_s, the plain scan timed first and again after filtered_s, and multiclass_s,
   * the multiclass suite of 10 classes from a probability array ({@link BenchData#writeMulticlass}),
   * beside multiclass_scan_s, a plain scan of those files' label and probabilities, and
   * multiclass_2000_bins_s, the same suite with 2,000 bins a class (--bins 2000); then the driver's
   * peak heap in MB in one more evaluation after evaluate_s's runs, untimed (evaluate_peak_heap_mb,
   * the heap pools' peaks) and its highest use after a collection (evaluate_live_heap_mb, {@link
   * LiveHeap}), and evaluate_rows_per_s; last, warm_up_s, the seconds of the untimed round.
   */
  public static Map<String, Double> run(
      SparkSession spark, long rows, int partitions, int runs, boolean withMllib, String dir) {
    String path = TextFiles.child(dir, "predictions");
    BenchData.write(spark, rows, partitions, path);
    Dataset<Row> df = spark.read().parquet(path);
    if (rows >= LARGE) {
      return figures(spark, rows, df, null, action -> BenchTimer.best(runs, action), false, true);
    }
    String multiclassPath = TextFiles.child(dir, "multiclass");
    BenchData.writeMulticlass(spark, rows, partitions, multiclassPath);
    Dataset<Row> classes = spark.read().parquet(multiclassPath);
    // every figure once, untimed, so that each is timed in a JVM that has compiled the code of them all
    double warmUp = BenchTimer.once(() -> figures(spark, rows, df, classes, action -> {
      action.get();
      return 1.0;
    }, false, false));
    Map<String, Double> figures = figures(spark, rows, df, classes, action -> BenchTimer.best(runs, action), withMllib,
        true);
    figures.put("warm_up_s", warmUp);
    return figures;
  }

  /** How a figure is timed: the best of some runs, or once untimed in the warm-up round. */
  @FunctionalInterface
  private interface Timing {
    double of(Supplier<?> action);
  }

  /**
   * The figures of {@link #run}, each timed by {@code time}; the multiclass ones unless {@code
   * classes} is null, and the heap ones only with {@code heap} (the warm-up round has no use for
   * their untimed runs).
   */
  private static Map<String, Double> figures(SparkSession spark, long rows, Dataset<Row> df, Dataset<Row> classes,
      Timing time, boolean withMllib, boolean heap) {
    EvaluationSpec suite = EvaluationSpec.of(Task.BINARY).label("label").score("score").build();
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("rows", (double) rows);
    Supplier<List<Row>> scan = () -> df.agg(count(lit(1)), sum("score")).collectAsList();
    figures.put("scan_s", time.of(scan));
    figures.put("evaluate_s", time.of(() -> EvaluationJob.run(df, suite)));
    // the heap in one more run, untimed: the collections that reset it would slow the timed runs
    Map<String, Double> evaluation = new LinkedHashMap<>();
    if (heap) {
      resetPeakHeap();
      try (LiveHeap live = new LiveHeap()) {
        EvaluationJob.run(df, suite);
        evaluation.put("evaluate_peak_heap_mb", peakHeapBytes() / 1e6);
        evaluation.put("evaluate_live_heap_mb", live.highestMb());
      }
    }
    evaluation.put("evaluate_rows_per_s", rows / figures.get("evaluate_s"));
    if (rows >= LARGE) {
      figures.putAll(evaluation);
      return figures;
    }
    Column state = EvaluationColumns.binaryState(BinarySettings.defaults(), col("label"), col("score"), null);
    figures.put("aggregate_s",
        time.of(() -> BinaryState.fromByteArray((byte[]) df.agg(state).first().get(0)).metrics()));
    if (withMllib) {
      Map<String, Double> mllib = MllibTimings.run(df);
      figures.put("mllib_s", mllib.values().stream().mapToDouble(Double::doubleValue).sum());
      mllib.forEach((metric, seconds) -> figures.put("mllib_" + metric + "_s", seconds));
    }
    Dataset<Row> bySegmentRows = df.withColumn("segment", expr("CAST(pmod(xxhash64(score), " + SLICES + ") AS STRING)"));
    EvaluationSpec bySegment = suite.withSlices(List.of("segment"));
    figures.put("sliced_50k_s", time.of(() -> EvaluationJob.run(bySegmentRows, bySegment)));
    if (heap) {
      resetPeakHeap();
      EvaluationJob.run(bySegmentRows, bySegment); // the heap in one more run, untimed, as evaluate's
      figures.put("sliced_50k_peak_heap_mb", peakHeapBytes() / 1e6);
    }
    EvaluationSpec exact = EvaluationSpec.of(Task.BINARY).label("label").score("score").aucTolerance(EXACT).build();
    EvaluationResult[] last = new EvaluationResult[1];
    figures.put("exact_s", time.of(() -> last[0] = EvaluationJob.run(df, exact)));
    figures.put("exact_passes", (double) ((BinaryState) last[0].overall()).refinement().passes());
    EvaluationSpec withIntervals = EvaluationSpec.of(Task.BINARY).label("label").score("score").confidence(CONFIDENCE)
        .build();
    figures.put("evaluate_ci_s", time.of(
        () -> ((IntervalState) EvaluationJob.run(df, withIntervals).overall()).intervals(CONFIDENCE)));
    EvaluationSpec sliced = suite.withSlices(List.of("country", "device"));
    figures.put("sliced_s", time.of(() -> EvaluationJob.run(df, sliced)));
    EvaluationSpec models = suite.withSlices(List.of("model"));
    figures.put("models_s", time.of(() -> EvaluationJob.run(df, models)));
    EvaluationSpec regression = EvaluationSpec.of(Task.REGRESSION).label("label").prediction("score").build();
    figures.put("regression_s", time.of(() -> EvaluationJob.run(df, regression).overall().metrics()));
    Dataset<Row> filtered = InputFilter.apply(spark, df, FILTER, "bench");
    figures.put("filtered_s", time.of(() -> EvaluationJob.run(filtered, suite)));
    // the scan again, as warm as the figures timed late in the run: scan_s is the faster of the two
    figures.put("scan_start_s", figures.get("scan_s"));
    figures.put("scan_end_s", time.of(scan));
    figures.put("scan_s", Math.min(figures.get("scan_start_s"), figures.get("scan_end_s")));
    Supplier<List<Row>> multiclassScan = () -> classes.agg(count(lit(1)), sum("label"),
        sum(size(col("probabilities")))).collectAsList();
    figures.put("multiclass_scan_s", time.of(multiclassScan));
    EvaluationSpec multiclass = EvaluationSpec.of(Task.MULTICLASS).label("label")
        .probabilities(List.of("probabilities")).build();
    figures.put("multiclass_s", time.of(() -> EvaluationJob.run(classes, multiclass).overall().metrics()));
    EvaluationSpec coarser = EvaluationSpec.of(Task.MULTICLASS).label("label")
        .probabilities(List.of("probabilities")).bins(COARSER_BINS).build();
    figures.put("multiclass_2000_bins_s", time.of(() -> EvaluationJob.run(classes, coarser).overall().metrics()));
    figures.putAll(evaluation);
    return figures;
  }
}
