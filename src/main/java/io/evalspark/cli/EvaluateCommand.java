package io.evalspark.cli;

import io.evalspark.core.UsageException;
import io.evalspark.gate.GateResult;
import io.evalspark.jobfile.EvaluationOptions;
import io.evalspark.jobfile.JobKeys;
import io.evalspark.jobfile.RunConfig;
import io.evalspark.jobfile.RunOptions;
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

  @Spec CommandSpec spec;
  @Mixin SparkOptions sparkOptions;

  @Option(names = "--config", description = "A job file (HOCON) of one or more evaluations; see conf/.") Path config;
  @Option(names = "--evaluation", description = "Run only the job file's evaluation of this name.") String only;
  @Mixin EvaluationOptions evaluation;
  @Mixin RunOptions run;
  @Option(names = "--progress-seconds", defaultValue = "10",
      description = "Seconds between progress lines (default ${DEFAULT-VALUE}).") double progressSeconds;

  @Override
  public Integer call() {
    if (!(progressSeconds >= 0.001)) {
      throw new UsageException("--progress-seconds must be at least 0.001, got " + progressSeconds);
    }
    RunConfig runConfig = RunConfig.read(config, flags(), only, System.getenv(), LocalDate.now());
    SparkSession spark = sparkOptions.session(spec);
    PrintWriter err = spec.commandLine().getErr();
    RunOutcome outcome;
    try (Progress progress = new Progress(spark, err, sparkOptions.quiet, (long) (progressSeconds * 1000))) {
      outcome = NightlyRun.run(spark, runConfig, progress);
    }
    print(outcome, sparkOptions.out(spec));
    List<GateResult> failed = outcome.failedGates();
    if (!failed.isEmpty()) {
      err.println("error: " + failed.size() + " gate check" + (failed.size() == 1 ? "" : "s") + " failed:");
      failed.stream().limit(ConsoleTable.SLICES_SHOWN).forEach(g -> err.println("  " + g.summary()));
      if (failed.size() > ConsoleTable.SLICES_SHOWN) {
        err.printf(Locale.ROOT, "  ... and %,d more failed checks (each in report.html)%n",
            failed.size() - ConsoleTable.SLICES_SHOWN);
      }
      err.flush();
      return GATE_FAILED;
    }
    return 0;
  }

  /** The options given on the command line that are job-file keys, by key. */
  Map<String, Object> flags() {
    Map<String, Object> flags = new LinkedHashMap<>();
    for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
      String key = JobKeys.of(o);
      if (JobKeys.EVALUATION.contains(key) || JobKeys.RUN.contains(key)) {
        flags.put(key, o.getValue());
      }
    }
    return flags;
  }

  private static void print(RunOutcome outcome, PrintWriter out) {
    for (EvaluationOutcome e : outcome.evaluations()) {
      if (outcome.config().fromFile() || e.config().modelColumn() != null) { // which model a table is of
        out.println("== " + e.heading());
      }
      ConsoleTable.print(e.result(), out);
      for (WindowResult w : e.windows()) {
        Map<String, Double> m = w.bySlice().get(Slices.OVERALL).metrics();
        out.printf(Locale.ROOT, "  last %d days (%d with states): %s%n", w.days(), w.daysFound(),
            ConsoleTable.brief(e.result().spec(), m));
      }
      ConsoleTable.printGates(e.gates(), out);
      out.println();
    }
    outcome.written().forEach(p -> out.println("wrote " + p));
    out.flush();
  }
}
