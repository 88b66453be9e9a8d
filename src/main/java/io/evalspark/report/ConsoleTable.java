package io.evalspark.report;

import io.evalspark.gate.Gate;
import io.evalspark.gate.GateResult;
import io.evalspark.job.EvaluationResult;
import io.evalspark.job.EvaluationSpec;
import io.evalspark.job.SliceResult;
import io.evalspark.metrics.Catalogues;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.IntervalState;
import io.evalspark.metrics.Intervals;
import io.evalspark.metrics.RowCounts;
import io.evalspark.run.Slices;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The readable summary printed by {@code evaluate}: row counts, every reported metric, then one line
 * per slice (the first {@link #SLICES_SHOWN}) of the metrics {@code --metrics} names (the task's
 * headline ones without it).
 */
public final class ConsoleTable {
  /** The most slices printed, as Spark's {@code show} prints the first rows: tens of thousands would flood a log. */
  public static final int SLICES_SHOWN = 100;

  private ConsoleTable() {}

  /** Prints the result. */
  public static void print(EvaluationResult result, PrintWriter out) {
    EvaluationState<?> overall = result.overall();
    RowCounts rows = overall.rowCounts();
    out.printf(Locale.ROOT, "%s evaluation: %d rows, %d evaluated, %d invalid%n",
        result.spec().task().displayName(), rows.rows(), rows.evaluatedRows(), rows.invalidRows());
    rows.invalidByReason().forEach((reason, n) -> out.printf(Locale.ROOT, "  skipped %d rows: %s%n", n, reason));
    out.println();
    Intervals intervals = IntervalState.intervals(overall, result.spec().confidence());
    if (intervals == null) {
      out.printf(Locale.ROOT, "  %-24s %s%n", "metric", "value");
      result.spec().reported(overall.metrics()).forEach((name, value) -> out.printf(Locale.ROOT, "  %-24s %s%n", name,
          format(value)));
    } else {
      out.printf(Locale.ROOT, "  %-24s %-14s %s%n", "metric", "value",
          String.format(Locale.ROOT, "%.0f%% interval (stderr)", 100 * intervals.level()));
      result.spec().reported(overall.metrics()).forEach((name, value) -> {
        Intervals.Interval i = intervals.metrics().get(name);
        out.printf(Locale.ROOT, "  %-24s %-14s [%s, %s] (%s)%n", name, format(value), format(i.lower()),
            format(i.upper()), format(i.stderr()));
      });
    }
    if (!result.slices().isEmpty()) {
      List<String> columns = shown(result.spec());
      out.println();
      StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-30s %12s", "slice", "rows"));
      columns.forEach(c -> header.append(String.format(Locale.ROOT, " %12s", c)));
      out.println(header);
      for (SliceResult s : result.slices().subList(0, Math.min(SLICES_SHOWN, result.slices().size()))) {
        EvaluationState<?> state = s.state();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-30s %12d",
            Slices.text(s.key()), state.rowCounts().rows()));
        Map<String, Double> m = state.metrics();
        columns.forEach(c -> line.append(String.format(Locale.ROOT, " %12s", format(m.get(c)))));
        out.println(line);
      }
      int more = result.slices().size() - SLICES_SHOWN;
      if (more > 0) {
        out.printf(Locale.ROOT, "  ... and %,d more slices (every slice is in metrics.json and report.html)%n", more);
      }
    }
    out.flush();
  }

  /**
   * Prints each gate's checks a line each; of a gate checked on more slices than {@link
   * #SLICES_SHOWN}, the first that many failed checks a line each and the others counted by verdict.
   */
  public static void printGates(List<GateResult> checks, PrintWriter out) {
    Map<Gate, List<GateResult>> byGate = new LinkedHashMap<>();
    checks.forEach(c -> byGate.computeIfAbsent(c.gate(), g -> new ArrayList<>()).add(c));
    byGate.forEach((gate, results) -> {
      if (results.size() <= SLICES_SHOWN) {
        results.forEach(r -> out.println("  " + r.summary()));
        return;
      }
      List<GateResult> failed = results.stream().filter(r -> r.status() == GateResult.Status.FAILED).toList();
      failed.stream().limit(SLICES_SHOWN).forEach(r -> out.println("  " + r.summary()));
      for (GateResult.Status status : GateResult.Status.values()) {
        long n = status == GateResult.Status.FAILED ? failed.size() - SLICES_SHOWN
            : results.stream().filter(r -> r.status() == status).count();
        if (n > 0) {
          out.printf(Locale.ROOT, "  %s %s [evaluation %s]: %s%,d of its %,d checks (each in report.html)%n", status,
              gate.text(), results.get(0).evaluation(), status == GateResult.Status.FAILED ? "another " : "", n,
              results.size());
        }
      }
    });
  }

  /** The metrics a slice's or a window's line shows: those {@code --metrics} names, or the task's headline ones. */
  private static List<String> shown(EvaluationSpec spec) {
    return spec.metrics().isEmpty() ? Catalogues.of(spec.task()).headline() : spec.metrics();
  }

  /** Those metrics in one line, e.g. "roc_auc 0.912000, log_loss 0.231000, ...". */
  public static String brief(EvaluationSpec spec, Map<String, Double> metrics) {
    StringBuilder s = new StringBuilder();
    for (String name : shown(spec)) {
      s.append(s.length() == 0 ? "" : ", ").append(name).append(' ').append(format(metrics.get(name)));
    }
    return s.toString();
  }

  private static String format(Double v) {
    return ShownValue.of(v, false);
  }
}
