package io.evalspark.cli;

import io.evalspark.bench.Benchmark;
import io.evalspark.bench.TrainBenchmark;
import io.evalspark.core.Messages;
import io.evalspark.core.UsageException;
import io.evalspark.report.TextFiles;
import io.evalspark.train.TrainingSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: generates binary predictions to Parquet and times, in one run, a plain scan, the
 * full binary evaluation (by evaluate and through the SQL aggregate), and MLlib's evaluators on the
 * same data.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Time a plain scan, evaluate's full binary suite (also through the SQL aggregate), and MLlib's"
        + " evaluators on generated data; with --train, training logistic regression against MLlib's.")
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SparkOptions sparkOptions;

  @Option(names = "--rows", description = "Rows to generate (default 5000000; with --train 1000000).")
  Long rows;
  @Option(names = "--train", description = "Time training logistic regression against MLlib's LogisticRegression instead.")
  boolean train;
  @Option(names = "--epochs", defaultValue = "1", description = "--train: evalspark's epochs (default ${DEFAULT-VALUE}).")
  int epochs;
  @Option(names = "--batch-size", defaultValue = "20000", description = "--train: rows per step (default ${DEFAULT-VALUE}).")
  int batchSize;
  @Option(names = "--learning-rate", defaultValue = "0.1", description = "--train: Adam's rate (default ${DEFAULT-VALUE}).")
  double learningRate;
  @Option(names = "--partitions", defaultValue = "4", description = "Parquet files to generate (default ${DEFAULT-VALUE}).")
  int partitions;
  @Option(names = "--runs", defaultValue = "3", description = "Each figure is timed this many times after one untimed warm-up (with --train: both trainings, in turn, without one); the best counts.")
  int runs;
  @Option(names = "--skip-mllib", description = "Time only the scan and evaluate.") boolean skipMllib;
  @Option(names = "--data", description = "Where to write the generated Parquet: a local path or a file system URI"
      + " (default: a temporary directory, deleted at the end).")
  String data;
  @Option(names = "--output", description = "File for the figures (a local path or a file system URI): a header line"
      + " of names and a line of values.")
  String output;

  /**
   * The file that marks a {@code --data} folder as the bench's own, whose generated tables the next
   * run replaces.
   */
  static final String MARK = "_evalspark_bench";

  @Override
  public Integer call() throws Exception {
    // counts it generates or divides by: 0 rows would time nothing, 0 runs leave every figure infinite
    UsageException.requireAtLeastOne("--rows", rows == null ? 1 : rows);
    UsageException.requireAtLeastOne("--runs", runs);
    UsageException.requireAtLeastOne("--partitions", partitions);
    TrainingSpec training = train ? new TrainingSpec().loss("binary_cross_entropy").optimizer("adam")
        .learningRate(learningRate).batchSize(batchSize).epochs(epochs) : null; // its checks, before anything runs
    SparkSession spark = sparkOptions.session(spec); // first: file systems are configured as Spark's
    if (output != null) {
      TextFiles.requireFilePossible(output, "--output"); // before the runs whose figures it would lose
    }
    if (data != null) {
      claim(data);
      return run(spark, data, training);
    }
    Path temporary = Files.createTempDirectory("evalspark-bench");
    try {
      return run(spark, temporary.toString(), training);
    } finally {
      deleteTree(temporary); // the generated data: 0.4 GB at 5M rows, 10 GB at a billion
    }
  }

  /** Times the figures over tables generated in {@code dir}: training's with {@code training}, else evaluation's. */
  private int run(SparkSession spark, String dir, TrainingSpec training) throws Exception {
    PrintWriter out = sparkOptions.out(spec);
    if (training != null) {
      Map<String, Double> figures = TrainBenchmark.run(spark, rows == null ? 1_000_000 : rows,
          partitions, runs, training, dir);
      write(figures, out);
      out.printf(Locale.ROOT, "train / mllib = %.2f (aim <= 0.5)%n", figures.get("train_s") / figures.get("mllib_train_s"));
      out.printf(Locale.ROOT, "validation log loss / mllib's = %.4f (target within 1%%)%n",
          figures.get("val_log_loss") / figures.get("mllib_val_log_loss"));
      out.flush();
      return 0;
    }
    Map<String, Double> figures = Benchmark.run(spark, rows == null ? 5_000_000 : rows, partitions, runs,
        !skipMllib, dir);
    report(figures, out);
    return 0;
  }

  /**
   * Takes {@code dir} for the generated tables, which replace any of the same name there: a folder
   * that is new, empty, or marked as the bench's by an earlier run; never a folder of other files.
   */
  private static void claim(String dir) {
    if (TextFiles.isFile(dir)) {
      throw new UsageException("--data " + dir + " is a file; give a folder for the generated tables");
    }
    List<String> there = TextFiles.names(dir);
    if (!there.isEmpty() && !there.contains(MARK)) {
      throw new UsageException("--data " + dir + " holds files that no bench wrote (" + Messages.firstFew(there)
          + "); give a new or empty folder, or one an earlier bench wrote: the bench replaces the tables it generates"
          + " there");
    }
    TextFiles.writeAtomically(TextFiles.child(dir, MARK), "Tables generated by evalspark bench; the next run replaces"
        + " them.\n");
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  private void write(Map<String, Double> figures, PrintWriter out) {
    StringBuilder names = new StringBuilder();
    StringBuilder values = new StringBuilder();
    figures.forEach((name, value) -> {
      names.append(names.length() == 0 ? "" : " ").append(name);
      values.append(values.length() == 0 ? "" : " ")
          .append(name.equals("rows") ? String.valueOf(value.longValue()) : String.format(Locale.ROOT, "%.4f", value));
    });
    out.println(names);
    out.println(values);
    if (output != null) {
      TextFiles.writeAtomically(output, names + "\n" + values + "\n");
    }
  }

  private void report(Map<String, Double> figures, PrintWriter out) {
    write(figures, out);
    double scan = figures.get("scan_s");
    double evaluate = figures.get("evaluate_s");
    out.printf(Locale.ROOT, "evaluate / scan = %.2f (target <= 2.5)%n", evaluate / scan);
    out.printf(Locale.ROOT, "evaluate: %.3g rows per second; driver heap %.0f MB at its peak, %.0f MB after a"
        + " collection at most%n", figures.get("evaluate_rows_per_s"), figures.get("evaluate_peak_heap_mb"),
        figures.get("evaluate_live_heap_mb"));
    if (!figures.containsKey("aggregate_s")) {
      out.printf(Locale.ROOT, "from %d rows on only the scan and evaluate are timed%n", Benchmark.LARGE);
      out.flush();
      return;
    }
    out.printf(Locale.ROOT, "sliced / scan = %.2f, models / scan = %.2f, regression / scan = %.2f (aim <= 1.5)%n",
        figures.get("sliced_s") / scan, figures.get("models_s") / scan, figures.get("regression_s") / scan);
    out.printf(Locale.ROOT, "filtered / scan = %.2f (--where on a data column; aim <= 2)%n",
        figures.get("filtered_s") / scan);
    out.printf(Locale.ROOT, "multiclass / multiclass_scan = %.2f (10 classes from a probability array; aim <= 2),"
        + " with --bins 2000 %.2f%n", figures.get("multiclass_s") / figures.get("multiclass_scan_s"),
        figures.get("multiclass_2000_bins_s") / figures.get("multiclass_scan_s"));
    out.printf(Locale.ROOT, "aggregate / scan = %.2f (SQL functions, computed or non-deterministic inputs)%n",
        figures.get("aggregate_s") / scan);
    out.printf(Locale.ROOT, "exact / scan = %.2f in %d passes (--auc-tolerance 1e-9; target <= 5)%n",
        figures.get("exact_s") / scan, figures.get("exact_passes").intValue());
    out.printf(Locale.ROOT, "evaluate_ci / evaluate = %.2f (--confidence 0.95; aim <= 1.3)%n",
        figures.get("evaluate_ci_s") / evaluate);
    if (figures.containsKey("mllib_s")) {
      out.printf(Locale.ROOT, "mllib / evaluate = %.1f (target >= 50)%n", figures.get("mllib_s") / evaluate);
    }
    out.flush();
  }
}
