package io.evalspark.cli;

import io.evalspark.job.Choice;
import io.evalspark.job.EvaluationJob;
import io.evalspark.job.EvaluationResult;
import io.evalspark.job.EvaluationSpec;
import io.evalspark.job.InputReader;
import io.evalspark.job.OnInvalid;
import io.evalspark.job.Task;
import io.evalspark.job.UsageException;
import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.ScoreHistogram;
import io.evalspark.report.ConsoleTable;
import io.evalspark.report.MetricsReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate}: every metric of a prediction table, per slice too, in one pass. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Compute losses and metrics of predictions; print them and write DIR/metrics.json.")
public final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SparkOptions sparkOptions;

  @Option(names = "--input", description = "Path of the predictions.") String input;
  @Option(names = "--format", description = "parquet (default), csv (with a header), json or orc.") String format;
  @Option(names = "--table", description = "A table in Spark's catalog instead of --input.") String table;
  @Option(names = "--task", required = true, description = "binary, multiclass or regression.") String task;
  @Option(names = "--label", required = true, description = "The true label or value.") String label;
  @Option(names = "--score", description = "Binary: the probability of the positive class (or a logit with --from-logits).")
  String score;
  @Option(names = "--prediction", description = "Multiclass: the predicted class index. Regression: the predicted value.")
  String prediction;
  @Option(names = "--probabilities", split = ",", description = "Multiclass: one array/vector column, or one column per class.")
  List<String> probabilities;
  @Option(names = "--weight", description = "A row weight column; weights every metric.") String weight;
  @Option(names = "--threshold", defaultValue = "0.5", description = "Binary: positive iff probability >= T (default ${DEFAULT-VALUE}).")
  double threshold;
  @Option(names = "--from-logits", description = "Binary: scores are raw margins; the probability is their sigmoid.")
  boolean fromLogits;
  @Option(names = "--beta", description = "Binary: also report fbeta with this beta.") Double beta;
  @Option(names = "--bins", defaultValue = "" + ScoreHistogram.DEFAULT_BINS,
      description = "Binary: score histogram bins for ROC/PR (default ${DEFAULT-VALUE}).") int bins;
  @Option(names = "--curve-points", defaultValue = "200", description = "Binary: most points per curve in the report.")
  int curvePoints;
  @Option(names = "--num-classes", defaultValue = "0", description = "Multiclass: the number of classes (default: learned).")
  int numClasses;
  @Option(names = "--top-k", defaultValue = "0", description = "Multiclass: also report top_K_accuracy.") int topK;
  @Option(names = "--huber-delta", defaultValue = "1.0", description = "Regression: Huber threshold (default ${DEFAULT-VALUE}).")
  double huberDelta;
  @Option(names = "--slice-by", split = ",", description = "Columns to slice by; every metric per slice value too.")
  List<String> sliceBy;
  @Option(names = "--on-invalid", defaultValue = "fail", description = "fail (default) or skip rows that cannot be evaluated.")
  String onInvalid;
  @Option(names = "--output", required = true, description = "Directory for metrics.json.") Path output;

  @Override
  public Integer call() {
    EvaluationSpec evaluation = evaluationSpec();
    SparkSession spark = sparkOptions.session();
    Dataset<Row> rows = InputReader.read(spark, input, format, table);
    EvaluationResult result = EvaluationJob.run(rows, evaluation);
    PrintWriter out = spec.commandLine().getOut();
    ConsoleTable.print(result, out);
    out.println();
    out.println("wrote " + MetricsReport.write(result, output));
    out.flush();
    return 0;
  }

  EvaluationSpec evaluationSpec() {
    Task t = Choice.of(Task.class, "--task", task);
    String predicted = prediction != null ? prediction : (t == Task.REGRESSION ? score : null);
    BinarySettings binary;
    try {
      binary = new BinarySettings(threshold, fromLogits, bins, beta == null ? Double.NaN : beta, curvePoints);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    return new EvaluationSpec(t, label, score, predicted, probabilities, weight, sliceBy,
        Choice.of(OnInvalid.class, "--on-invalid", onInvalid), binary, numClasses, topK, huberDelta);
  }
}
