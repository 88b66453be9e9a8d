package io.evalspark.cli;

import io.evalspark.cli.Progress;
import io.evalspark.core.UsageException;
import io.evalspark.gate.GateResult;
import io.evalspark.jobfile.RunConfig;
import io.evalspark.report.ConsoleTable;
import io.evalspark.run.EvaluationOutcome;
import io.evalspark.run.NightlyRun;
import io.evalspark.run.RunOutcome;
import io.evalspark.run.Slices;
import io.evalspark.run.WindowResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate}: every metric of a prediction table, per slice too, in one pass; from flags, or
 * from a job file ({@code --config}) whose keys the flags override. Exit 4 when a gate fails.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Compute losses and metrics of predictions; print them and write DIR/metrics.json and"
        + " DIR/report.html.", "With --config, run the evaluations of a job file; flags override its keys."})
public final class EvaluateCommand implements Callable<Integer> {
  /** Exit code of a run whose gates failed. */
  public static final int GATE_FAILED = 4;
  /** Options that steer the command rather than describe an evaluation. */
  private static final Set<String> NOT_KEYS = Set.of("config", "evaluation", "progress-seconds", "master", "conf",
      "verbose", "quiet", "help", "version");

  @Spec CommandSpec spec;
  @Mixin SparkOptions sparkOptions;

  @Option(names = "--config", description = "A job file (HOCON) of one or more evaluations; see conf/.") Path config;
  @Option(names = "--evaluation", description = "Run only the job file's evaluation of this name.") String only;
  @Option(names = "--input", description = "Path of the predictions.") String input;
  @Option(names = "--format", description = "parquet (default), csv (with a header), json or orc.") String format;
  @Option(names = "--table", description = "A table in Spark's catalog instead of --input.") String table;
  @Option(names = "--where", description = "A SQL filter on the input, for example \"model = 'v7'\".") String where;
  @Option(names = "--task", description = "binary, multiclass or regression.") String task;
  @Option(names = "--label", description = "The true label or value.") String label;
  @Option(names = "--score", description = "Binary: the probability of the positive class (or a logit with --from-logits).")
  String score;
  @Option(names = "--prediction", description = "Multiclass: the predicted class index. Regression: the predicted value.")
  String prediction;
  @Option(names = "--probabilities", split = ",", description = "Multiclass: one array/vector column, or one column per class.")
  List<String> probabilities;
  @Option(names = "--weight", description = "A row weight column; weights every metric.") String weight;
  @Option(names = "--threshold", description = "Binary: positive iff probability >= T (default 0.5).") Double threshold;
  @Option(names = "--from-logits", description = "Binary: scores are raw margins; the probability is their sigmoid.")
  Boolean fromLogits;
  @Option(names = "--beta", description = "Binary: also report fbeta with this beta.") Double beta;
  @Option(names = "--bins", description = "Binary: score histogram bins for ROC/PR (default 10000).") Integer bins;
  @Option(names = "--curve-points", description = "Binary: most points per curve in the report (default 200).")
  Integer curvePoints;
  @Option(names = "--num-classes", description = "Multiclass: the number of classes (default: learned).")
  Integer numClasses;
  @Option(names = "--top-k", description = "Multiclass: also report top_K_accuracy.") Integer topK;
  @Option(names = "--huber-delta", description = "Regression: Huber threshold (default 1.0).") Double huberDelta;
  @Option(names = "--slice-by", split = ",", description = "Columns to slice by; every metric per slice value too.")
  List<String> sliceBy;
  @Option(names = "--metrics", split = ",", description = "The metrics to report and record (default: all).")
  List<String> metrics;
  @Option(names = "--on-invalid", description = "fail (default) or skip rows that cannot be evaluated.") String onInvalid;
  @Option(names = "--output", description = "Directory for metrics.json and report.html.") String output;
  @Option(names = "--model", description = "The model name the history records (default: the evaluation's name).")
  String model;
  @Option(names = "--model-column", description = "A column naming the models: each is evaluated, in the same pass.")
  String modelColumn;
  @Option(names = "--gate", description = "A gate, e.g. \"roc_auc >= 0.85\" or \"log_loss <= previous + 2%%\"; repeatable;"
      + " replaces the file's gates.") List<String> gates;
  @Option(names = "--baseline-model", description = "The model that gates on 'baseline' compare with.")
  String baselineModel;
  @Option(names = "--training-history", description = "history.json of the training run, for the report.")
  String trainingHistory;
  @Option(names = "--run-date", description = "The date the run is recorded under (default $RUN_DATE via the job file,"
      + " or today).") String runDate;
  @Option(names = "--history", description = "The history: a Parquet PATH (with a '/') or a metastore TABLE.")
  String history;
  @Option(names = "--keep-states", description = "Also store the states, for rolling windows.") Boolean keepStates;
  @Option(names = "--windows", split = ",", description = "Rolling windows in days, e.g. 7,30 (needs --history).")
  List<Integer> windows;
  @Option(names = "--progress-seconds", defaultValue = "10",
      description = "Seconds between progress lines (default ${DEFAULT-VALUE}).") double progressSeconds;

  @Override
  public Integer call() {
    if (!(progressSeconds >= 0.001)) {
      throw new UsageException("--progress-seconds must be at least 0.001, got " + progressSeconds);
    }
    RunConfig run = RunConfig.read(config, flags(), only, System.getenv(), LocalDate.now());
    SparkSession spark = sparkOptions.session();
    PrintWriter err = spec.commandLine().getErr();
    RunOutcome outcome;
    try (Progress progress = new Progress(spark, err, sparkOptions.quiet, (long) (progressSeconds * 1000))) {
      outcome = NightlyRun.run(spark, run, progress);
    }
    print(outcome, sparkOptions.out(spec));
    List<GateResult> failed = outcome.failedGates();
    if (!failed.isEmpty()) {
      err.println("error: " + failed.size() + " gate check" + (failed.size() == 1 ? "" : "s") + " failed:");
      failed.forEach(g -> err.println("  " + g.summary()));
      err.flush();
      return GATE_FAILED;
    }
    return 0;
  }

  /** The options given on the command line, by job-file key. */
  Map<String, Object> flags() {
    Map<String, Object> flags = new LinkedHashMap<>();
    for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
      String key = o.longestName().substring(2);
      if (NOT_KEYS.contains(key)) {
        continue;
      }
      Object value = o.getValue();
      flags.put(key.equals("gate") ? "gates" : key, value instanceof Path ? value.toString() : value);
    }
    return flags;
  }

  private static void print(RunOutcome outcome, PrintWriter out) {
    for (EvaluationOutcome e : outcome.evaluations()) {
      if (outcome.config().fromFile()) {
        out.println("== " + e.config().name() + " (model " + e.model() + ")");
      }
      ConsoleTable.print(e.result(), out);
      for (WindowResult w : e.windows()) {
        Map<String, Double> m = w.bySlice().get(Slices.OVERALL).metrics();
        out.printf(Locale.ROOT, "  last %d days (%d with states): %s%n", w.days(), w.daysFound(),
            ConsoleTable.brief(e.result().spec().task().displayName(), m));
      }
      e.gates().forEach(g -> out.println("  " + g.summary()));
      out.println();
    }
    outcome.written().forEach(p -> out.println("wrote " + p));
    out.flush();
  }
}
