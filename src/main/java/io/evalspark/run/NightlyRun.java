package io.evalspark.run;

import io.evalspark.nightly.EvaluationConfig;
import io.evalspark.nightly.EvaluationOutcome;
import io.evalspark.nightly.GateCheck;
import io.evalspark.nightly.GateResult;
import io.evalspark.nightly.Progress;
import io.evalspark.nightly.ReferenceValues;
import io.evalspark.nightly.RunConfig;
import io.evalspark.nightly.RunOutcome;
import io.evalspark.nightly.Slices;
import io.evalspark.nightly.WindowResult;
import io.evalspark.job.EvaluationJob;
import io.evalspark.job.EvaluationResult;
import io.evalspark.job.InputReader;
import io.evalspark.job.UsageException;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.report.HistoryRecord;
import io.evalspark.report.HistoryTable;
import io.evalspark.report.HtmlReport;
import io.evalspark.report.MetricsReport;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A run: every evaluation in one pass each, then what the history says (the previous run, the
 * baseline, the stored states of the window's days), then the gates; only when all of that has
 * succeeded is anything written: the history's partition for the run date, each evaluation's
 * metrics.json and the run's report.html.
 */
public final class NightlyRun {
  private NightlyRun() {}

  /** Runs {@code config}; gate failures are in the outcome, other failures are thrown before writing. */
  public static RunOutcome run(SparkSession spark, RunConfig config, Progress progress) {
    List<EvaluationResult> results = new ArrayList<>();
    int i = 0;
    for (EvaluationConfig e : config.evaluations()) {
      i++;
      progress.stage(String.format(Locale.ROOT, "evaluating %s (%d of %d)", e.name(), i, config.evaluations().size()));
      EvaluationResult r = EvaluationJob.run(input(spark, e), e.spec());
      progress.done(String.format(Locale.ROOT, "%s: %,d rows, %,d evaluated, %,d invalid", e.name(),
          r.overall().rowCounts().rows(), r.overall().rowCounts().evaluatedRows(), r.overall().rowCounts().invalidRows()));
      results.add(r);
    }
    HistoryTable history = config.history() == null ? null
        : new HistoryTable(spark, config.history(), config.historyIsTable());
    HistoryLookup lookup = history == null ? null : new HistoryLookup(history, config.runDate());
    if (lookup != null) {
      progress.stage("reading the history at " + config.history());
    }
    List<EvaluationOutcome> outcomes = new ArrayList<>();
    for (int k = 0; k < results.size(); k++) {
      outcomes.add(outcome(config.evaluations().get(k), results.get(k), config, results, lookup));
    }
    List<Path> written = new ArrayList<>();
    if (history != null) {
      progress.stage("writing the history for " + config.runDate());
      writeHistory(history, config, outcomes);
    }
    progress.stage("writing reports to " + config.output());
    for (EvaluationOutcome o : outcomes) {
      written.add(MetricsReport.write(o.result(), config.outputOf(o.config())));
    }
    RunOutcome outcome = new RunOutcome(config, outcomes, written);
    written.add(HtmlReport.write(outcome, config.output().resolve("report.html")));
    return outcome;
  }

  private static Dataset<Row> input(SparkSession spark, EvaluationConfig e) {
    Dataset<Row> rows = InputReader.read(spark, e.input(), e.format(), e.table());
    if (e.where() == null) {
      return rows;
    }
    try {
      return rows.where(e.where());
    } catch (Exception ex) {
      throw new UsageException("where = \"" + e.where() + "\" of evaluation " + e.name()
          + " is not a filter on its input: " + ex.getMessage().split("\n")[0]);
    }
  }

  private static EvaluationOutcome outcome(EvaluationConfig e, EvaluationResult result, RunConfig config,
      List<EvaluationResult> all, HistoryLookup lookup) {
    Map<String, EvaluationState<?>> today = Slices.of(result);
    List<WindowResult> windows = new ArrayList<>();
    ReferenceValues previous = ReferenceValues.none("no history (--history) to compare with");
    if (lookup != null) {
      previous = lookup.previous(e.name(), e.model());
      for (int days : config.windows()) {
        windows.add(lookup.window(e.name(), e.model(), days, today));
      }
    }
    List<GateResult> gates = GateCheck.check(e.name(), e.gates(), today, previous, baseline(e, config, all, lookup));
    return new EvaluationOutcome(e, result, windows, gates);
  }

  /** The baseline model's values: from this run when one of its evaluations is that model, else the history. */
  private static ReferenceValues baseline(EvaluationConfig e, RunConfig config, List<EvaluationResult> all,
      HistoryLookup lookup) {
    if (e.baselineModel() == null) {
      return ReferenceValues.none("no baseline-model");
    }
    for (int k = 0; k < all.size(); k++) {
      EvaluationConfig other = config.evaluations().get(k);
      if (other != e && other.model().equals(e.baselineModel())) {
        Map<String, Map<String, Double>> values = new java.util.LinkedHashMap<>();
        Slices.of(all.get(k)).forEach((slice, state) -> values.put(slice, state.metrics()));
        return new ReferenceValues("baseline model " + e.baselineModel(), values);
      }
    }
    return lookup == null
        ? ReferenceValues.none("baseline model " + e.baselineModel() + " is not in this run and there is no history")
        : lookup.baseline(e.name(), e.baselineModel());
  }

  private static void writeHistory(HistoryTable history, RunConfig config, List<EvaluationOutcome> outcomes) {
    java.sql.Date date = java.sql.Date.valueOf(config.runDate());
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> metrics = new ArrayList<>();
    List<Row> states = config.keepStates() ? new ArrayList<>() : null;
    for (EvaluationOutcome o : outcomes) {
      String name = o.config().name();
      String model = o.config().model();
      Slices.of(o.result()).forEach((slice, state) -> {
        metrics.addAll(HistoryRecord.metricRows(date, now, name, model, 1, 1, slice, state));
        if (states != null) {
          states.add(HistoryRecord.stateRow(date, name, model, slice, state));
        }
      });
      for (WindowResult w : o.windows()) {
        w.bySlice().forEach((slice, state) ->
            metrics.addAll(HistoryRecord.metricRows(date, now, name, model, w.days(), w.daysFound(), slice, state)));
      }
    }
    history.replace(config.runDate(), metrics, states);
  }
}
