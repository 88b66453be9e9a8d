package io.evalspark.run;

import io.evalspark.core.BadDataException;
import io.evalspark.core.EvalsparkException;
import io.evalspark.core.UsageException;
import io.evalspark.gate.GateCheck;
import io.evalspark.gate.GateResult;
import io.evalspark.gate.ReferenceValues;
import io.evalspark.history.HistoryLookup;
import io.evalspark.history.HistoryRecord;
import io.evalspark.history.HistoryTable;
import io.evalspark.history.TrendPoint;
import io.evalspark.job.BadRows;
import io.evalspark.job.EvaluationJob;
import io.evalspark.job.EvaluationResult;
import io.evalspark.job.EvaluationSpec;
import io.evalspark.job.InputColumns;
import io.evalspark.job.InputFilter;
import io.evalspark.job.InputReader;
import io.evalspark.job.NestedFields;
import io.evalspark.jobfile.EvaluationConfig;
import io.evalspark.jobfile.RunConfig;
import io.evalspark.metrics.BinaryState;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.IntervalState;
import io.evalspark.metrics.Intervals;
import io.evalspark.metrics.RowCounts;
import io.evalspark.metrics.ScoreDrift;
import io.evalspark.report.HtmlReport;
import io.evalspark.report.InputFolders;
import io.evalspark.report.MetricsReport;
import io.evalspark.report.StagedFiles;
import io.evalspark.report.TextFiles;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A run: every evaluation in one pass each, then what the history says (the previous run, the
 * baseline, the stored states of the window's days), then the gates; only when all of that has
 * succeeded is anything written: each evaluation's metrics.json and the run's report.html, and
 * only then the history's partition for the run date.
 */
public final class NightlyRun {
  private NightlyRun() {}

  /** Runs {@code config}; gate failures are in the outcome, other failures are thrown before writing. */
  public static RunOutcome run(SparkSession spark, RunConfig config, RunProgress progress) {
    TextFiles.requireFolderPossible(config.output(), "--output");
    if (config.history() != null && !config.historyIsTable()) {
      TextFiles.requireFolderPossible(config.history(), "--history");
    }
    HistoryTable history = config.history() == null ? null
        : new HistoryTable(spark, config.history(), config.historyIsTable());
    List<String> historyFolders = history == null ? List.of()
        : history.folders().stream().map(TextFiles::key).toList();
    requireApart(config.output(), historyFolders, config);
    config.evaluations().forEach(e -> {
      TextFiles.requireFolderPossible(config.outputOf(e), "--output");
      requireApart(config.outputOf(e), historyFolders, config);
      if (e.trainingHistory() != null) {
        HtmlReport.trainingHistory(e); // a wrong one fails before the evaluations, not after them
      }
    });
    List<ModelResult> results = new ArrayList<>();
    int i = 0;
    for (EvaluationConfig e : config.evaluations()) {
      i++;
      progress.stage(String.format(Locale.ROOT, "evaluating %s (%d of %d)", e.name(), i, config.evaluations().size()));
      results.addAll(evaluate(spark, e, config, progress));
    }
    results.forEach(r -> requireApart(config.outputOf(r.config(), r.model()), historyFolders, config));
    HistoryLookup lookup = history == null ? null : new HistoryLookup(history, config.runDate());
    if (lookup != null) {
      progress.stage("reading the history at " + config.history());
    }
    List<EvaluationOutcome> outcomes = new ArrayList<>();
    for (ModelResult r : results) {
      outcomes.add(outcome(r, config, results, lookup));
    }
    // the report's plots are drawn before anything is written, so a drawing failure writes nothing
    String report = HtmlReport.page(new RunOutcome(config, outcomes, List.of()));
    // reports first: the history records a run only once what it found can be read
    List<String> written;
    progress.stage("writing reports to " + config.output());
    try (StagedFiles files = new StagedFiles()) { // a report that cannot be written leaves the old ones, all of them
      for (EvaluationOutcome o : outcomes) {
        files.add(TextFiles.child(config.outputOf(o.config(), o.model()), MetricsReport.FILE_NAME),
            MetricsReport.text(o.result(), o.drift()));
      }
      files.add(TextFiles.child(config.output(), RunConfig.REPORT_FILE), report);
      written = files.commit();
    }
    int stale = StaleReports.delete(config, written);
    if (stale > 0) {
      progress.done("deleted " + stale + " metrics.json an earlier run left for models this run does not have");
    }
    if (history != null) {
      progress.stage("writing the history for " + config.runDate());
      writeHistory(history, config, outcomes);
    }
    return new RunOutcome(config, outcomes, written);
  }

  /**
   * Fails, before anything is written, where the report folder {@code folder} is one of the history's
   * folders or in one: Delta's clean-up deletes files its log does not count, and the next run would
   * refuse a new history's folder that holds reports.
   */
  private static void requireApart(String folder, List<String> historyFolders, RunConfig config) {
    Path out = TextFiles.location(folder);
    if (historyFolders.stream().anyMatch(h -> TextFiles.isWithin(out, h))) {
      throw new UsageException("--output " + folder + " would put reports among the files of the history (--history "
          + config.history() + "), which Delta's clean-up deletes; give an output folder outside the history");
    }
  }

  /** One model's result of one evaluation. */
  private record ModelResult(EvaluationConfig config, String model, EvaluationResult result) {
    /** The evaluation's name, and the model's where a model column splits it. */
    String label() {
      return config.name() + (config.modelColumn() == null ? ""
          : model == null ? " (" + EvaluationOutcome.NO_MODELS + ")" : ", model " + model);
    }
  }

  /** Why an evaluation has no rows to evaluate: none were read, or all were skipped as invalid. */
  private static String whyNoRows(EvaluationConfig e, RowCounts rows) {
    if (rows.rows() == 0) {
      return e.where() == null ? "its input has no rows"
          : "where = \"" + e.where() + "\" leaves none of its input's rows";
    }
    List<String> reasons = new ArrayList<>();
    rows.invalidByReason().forEach((reason, n) -> reasons.add(BadRows.invalidRows(n, reason, e.spec())));
    return "--on-invalid skip skipped all " + rows.rows() + " of its input's rows, which cannot be evaluated ("
        + String.join("; ", reasons) + ")";
  }

  /** One pass over the evaluation's input; with a model column, one result per model from it. */
  private static List<ModelResult> evaluate(SparkSession spark, EvaluationConfig e, RunConfig config,
      RunProgress progress) {
    try {
      return evaluateRows(spark, e, config, progress);
    } catch (EvalsparkException failure) {
      throw failure;
    } catch (RuntimeException failure) { // a filter that Spark's ANSI mode fails on a row: CAST('v1' AS INT), x / 0
      throw e.where() == null ? failure
          : InputFilter.failedOnARow(failure, e.where(), "evaluation " + e.name()).orElseThrow(() -> failure);
    }
  }

  private static List<ModelResult> evaluateRows(SparkSession spark, EvaluationConfig e, RunConfig config,
      RunProgress progress) {
    List<ModelResult> out = new ArrayList<>();
    EvaluationSpec spec = e.modelColumn() == null ? e.spec() : e.spec().withModelColumn(e.modelColumn());
    Dataset<Row> input = input(spark, e);
    InputFolders folders = new InputFolders(spark, input, "--input", e.input(), e.table());
    folders.requireOutside(config.output(), "--output");
    folders.requireOutside(config.outputOf(e), "--output");
    EvaluationResult result;
    try {
      if (e.modelColumn() != null) {
        new InputColumns(input).key("model", e.modelColumn());
      }
      result = EvaluationJob.run(input, spec);
    } catch (BadDataException failure) {
      // an input of no rows whose columns cannot be read (an empty file or folder, a header-only CSV's strings)
      if (!e.allowEmpty() || !input.isEmpty()) {
        throw failure;
      }
      result = new EvaluationResult(spec, spec.emptyState(), List.of());
    }
    RowCounts rows = result.overall().rowCounts();
    if (rows.evaluatedRows() == 0 && !e.allowEmpty()) {
      throw new BadDataException("no rows to evaluate in evaluation " + e.name() + ": " + whyNoRows(e, rows)
          + "; give --allow-empty (allow-empty = true) to write a report of no rows instead");
    }
    if (rows.evaluatedRows() > 0 && result.overall().evaluatedWeight() == 0.0 && !e.allowEmpty()) {
      // as good as no rows: every metric undefined, which gates would fail on and nothing else would show
      throw new BadDataException("nothing to evaluate in evaluation " + e.name() + ": all " + rows.evaluatedRows()
          + " of its evaluated rows weigh 0 (the weight column '" + e.spec().weight() + "'); give --allow-empty"
          + " (allow-empty = true) to write a report of undefined metrics instead");
    }
    if (Double.isInfinite(result.overall().evaluatedWeight())) {
      throw new BadDataException("weights too large in evaluation " + e.name() + ": the weights of its "
          + rows.evaluatedRows() + " evaluated rows (the weight column '" + e.spec().weight() + "') add up to more"
          + " than a double holds (about 1.8e308), which leaves every metric undefined; divide the weight column by a"
          + " constant (the metrics do not change)");
    }
    if (e.modelColumn() == null) {
      out.add(new ModelResult(e, e.model(), result));
    } else {
      ModelSplit.split(result, e.spec(), e.modelColumn()).forEach((model, r) -> out.add(new ModelResult(e, model, r)));
      if (out.isEmpty()) { // no rows (--allow-empty): reported and gated as an evaluation of no rows, of no model
        out.add(new ModelResult(e, null, result));
      }
    }
    for (ModelResult r : out) {
      folders.requireOutside(config.outputOf(e, r.model()), "--output");
      RowCounts c = r.result().overall().rowCounts();
      progress.done(String.format(Locale.ROOT, "%s: %,d rows, %,d evaluated, %,d invalid", r.label(), c.rows(),
          c.evaluatedRows(), c.invalidRows()));
    }
    return out;
  }

  private static Dataset<Row> input(SparkSession spark, EvaluationConfig e) {
    Dataset<Row> rows = InputReader.read(spark, e.input(), e.format(), e.separator(), e.table());
    Dataset<Row> filtered = e.where() == null ? rows : InputFilter.apply(spark, rows, e.where(), "evaluation " + e.name());
    List<String> columns = new ArrayList<>(e.spec().columns());
    columns.add(e.modelColumn());
    return NestedFields.lift(filtered, columns);
  }

  private static EvaluationOutcome outcome(ModelResult r, RunConfig config, List<ModelResult> all,
      HistoryLookup history) {
    EvaluationConfig e = r.config();
    SliceStates today = Slices.of(r.result());
    List<WindowResult> windows = new ArrayList<>();
    // a model column that found no rows has no model to look up in the history
    HistoryLookup lookup = r.model() == null ? null : history;
    ReferenceValues previous = ReferenceValues.none(r.model() == null ? EvaluationOutcome.NO_MODELS
        : "no history (--history) to compare with");
    if (lookup != null) {
      previous = lookup.previous(e.name(), r.model());
      for (int days : config.windows()) {
        windows.add(lookup.window(e.name(), r.model(), days, today));
      }
    }
    Map<String, Map<String, Double>> drift = lookup == null ? Map.of()
        : drift(lookup, e.name(), r.model(), today, config.driftBaseline());
    List<GateResult> gates = GateCheck.check(r.label(), e.gates(), today, drift, previous, baseline(r, all, lookup),
        r.result().spec().confidence());
    Set<String> gated = new LinkedHashSet<>();
    e.gates().forEach(g -> gated.add(g.metric()));
    Map<String, List<TrendPoint>> trends = lookup == null ? Map.of()
        : lookup.trend(e.name(), r.model(), gated, EvaluationOutcome.TREND_DATES - 1);
    return new EvaluationOutcome(e, r.model(), r.result(), windows, gates, trends, drift);
  }

  /**
   * Per slice, the score drift of a binary evaluation from the states the previous run stored and,
   * with a baseline of {@code baselineDays}, from those of the days before the run date merged.
   */
  private static Map<String, Map<String, Double>> drift(HistoryLookup lookup, String evaluation, String model,
      Map<String, EvaluationState<?>> today, int baselineDays) {
    Map<String, Map<String, Double>> drift = new LinkedHashMap<>();
    if (!(IntervalState.whole(today.get(Slices.OVERALL)) instanceof BinaryState)) {
      return drift;
    }
    // reference name to the stored states by slice (empty where none were stored)
    Map<String, Map<String, EvaluationState<?>>> stored = new LinkedHashMap<>();
    stored.put(ScoreDrift.REFERENCES.get(0), lookup.previousStates(evaluation, model));
    if (baselineDays > 0) {
      stored.put(ScoreDrift.REFERENCES.get(1), lookup.baselineStates(evaluation, model, baselineDays));
    }
    // each of today's slices read once, then compared with each reference
    today.forEach((slice, state) -> stored.forEach((reference, bySlice) -> {
      EvaluationState<?> before = bySlice.get(slice);
      if (before != null) {
        drift.computeIfAbsent(slice, k -> new LinkedHashMap<>()).putAll(ScoreDrift.of(reference, before, state));
      }
    }));
    return drift;
  }

  /** The baseline model's values: from this run when it evaluated that model, else from the history. */
  private static ReferenceValues baseline(ModelResult r, List<ModelResult> all, HistoryLookup lookup) {
    String baseline = r.config().baselineModel();
    if (baseline == null) {
      return ReferenceValues.none("no baseline-model");
    }
    if (baseline.equals(r.model())) {
      return ReferenceValues.none("this is the baseline model");
    }
    // the same evaluation's baseline model first (a model column), then another evaluation's: only one
    List<ModelResult> found = all.stream().filter(o -> o != r && baseline.equals(o.model())).toList();
    ModelResult own = found.stream().filter(o -> o.config() == r.config()).findFirst().orElse(null);
    List<String> others = found.stream().map(o -> o.config().name()).distinct().toList();
    if (own == null && others.size() > 1) {
      throw HistoryLookup.twoBaselines(r.config().name(), baseline, others, "in this run");
    }
    ModelResult same = own != null ? own : found.isEmpty() ? null : found.get(0);
    if (same != null) {
      Map<String, Map<String, Double>> values = new LinkedHashMap<>();
      Map<String, Map<String, Double>> stderrs = new LinkedHashMap<>();
      Slices.of(same.result()).forEach((slice, state) -> {
        values.put(slice, state.metrics());
        Intervals intervals = IntervalState.intervals(state, same.result().spec().confidence());
        if (intervals != null) {
          Map<String, Double> s = new LinkedHashMap<>();
          intervals.metrics().forEach((name, i) -> s.put(name, i.stderr()));
          stderrs.put(slice, s);
        }
      });
      return new ReferenceValues("baseline model " + baseline, values, stderrs);
    }
    return lookup == null
        ? ReferenceValues.none("baseline model " + baseline + " is not in this run and there is no history")
        : lookup.baseline(r.config().name(), baseline);
  }

  private static void writeHistory(HistoryTable history, RunConfig config, List<EvaluationOutcome> outcomes) {
    java.sql.Date date = java.sql.Date.valueOf(config.runDate());
    Timestamp now = Timestamp.from(Instant.now());
    String runId = UUID.randomUUID().toString();
    List<Row> metrics = new ArrayList<>();
    List<Row> states = config.keepStates() ? new ArrayList<>() : null;
    for (EvaluationOutcome o : outcomes) {
      String name = o.config().name();
      String model = o.model();
      if (model == null) {
        continue; // a model column that found no rows: no model to record
      }
      Slices.of(o.result()).forEach((slice, state) -> {
        metrics.addAll(HistoryRecord.metricRows(date, runId, now, name, model, 1, 1, slice, state, o.result().spec(),
            o.drift().getOrDefault(slice, Map.of())));
        if (states != null) {
          states.add(HistoryRecord.stateRow(date, runId, name, model, slice, state));
        }
      });
      for (WindowResult w : o.windows()) {
        w.bySlice().forEach((slice, state) ->
            metrics.addAll(HistoryRecord.metricRows(date, runId, now, name, model, w.days(), w.daysFound(), slice, state,
                o.result().spec(), Map.of())));
      }
    }
    history.replace(config.runDate(), runId, config.evaluations().stream().map(EvaluationConfig::name).toList(),
        metrics, states);
  }
}
