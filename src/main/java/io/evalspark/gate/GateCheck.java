package io.evalspark.gate;

import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.IntervalState;
import io.evalspark.metrics.Intervals;
import io.evalspark.metrics.ScoreDrift;
import io.evalspark.run.Slices;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks an evaluation's gates on its overall result and, for gates that ask, on every slice. A
 * {@code significant} gate fails only when the interval of (value − bound) at the run's confidence
 * level lies wholly on the failing side: its standard error is √(se_today² + se_reference²), its
 * quantile the normal one (each standard error has 99 degrees of freedom).
 */
public final class GateCheck {
  private GateCheck() {}

  /**
   * The gates' results; {@code level} is the run's confidence level (null: none, and no gate may be
   * significant). {@code drift} holds each slice's score drift (psi_vs_previous, ...), where a
   * stored state gave it; a gate on a drift the run could not measure is skipped.
   */
  public static List<GateResult> check(String evaluation, List<Gate> gates, Map<String, EvaluationState<?>> bySlice,
      Map<String, Map<String, Double>> drift, ReferenceValues previous, ReferenceValues baseline, Double level) {
    // slice by slice, so that each slice's state is read and measured once whatever the gates;
    // reported gate by gate, each gate's slices in their order
    List<List<GateResult>> byGate = new ArrayList<>();
    gates.forEach(g -> byGate.add(new ArrayList<>()));
    boolean perSlice = gates.stream().anyMatch(Gate::perSlice);
    for (Map.Entry<String, EvaluationState<?>> slice : bySlice.entrySet()) {
      boolean overall = slice.getKey().equals(Slices.OVERALL);
      if (!overall && !perSlice) {
        continue;
      }
      EvaluationState<?> state = slice.getValue();
      Map<String, Double> metrics = state.metrics();
      Intervals today = null;
      for (int g = 0; g < gates.size(); g++) {
        Gate gate = gates.get(g);
        if (!gate.perSlice() && !overall) {
          continue;
        }
        if (gate.significant() && today == null) {
          today = IntervalState.intervals(state, level);
        }
        byGate.get(g).add(check(evaluation, gate, slice.getKey(), metrics, today, drift, previous, baseline, level));
      }
    }
    List<GateResult> results = new ArrayList<>();
    byGate.forEach(results::addAll);
    return results;
  }

  /** One gate's result on one slice whose metrics are {@code metrics} and intervals {@code today} (null: none). */
  private static GateResult check(String evaluation, Gate gate, String slice, Map<String, Double> metrics,
      Intervals today, Map<String, Map<String, Double>> drift, ReferenceValues previous, ReferenceValues baseline,
      Double level) {
    Double v = metrics.get(gate.metric());
    if (v == null && ScoreDrift.isDriftName(gate.metric())) {
      v = drift.getOrDefault(slice, Map.of()).get(gate.metric());
      if (v == null) {
        return new GateResult(gate, evaluation, slice, Double.NaN, Double.NaN, "no state stored by an"
            + " earlier run (keep-states) to measure " + gate.metric() + " against", Double.NaN,
            GateResult.Status.SKIPPED);
      }
    }
    double value = v == null ? Double.NaN : v;
    GateResult r = checkOne(gate, evaluation, slice, value, previous, baseline);
    if (gate.significant() && r.status() != GateResult.Status.SKIPPED) {
      double stderr = today == null ? Double.NaN : today.metrics().get(gate.metric()).stderr();
      r = significance(r, stderr, gate.reference() == Gate.Reference.NONE ? 0.0
          : (gate.reference() == Gate.Reference.PREVIOUS ? previous : baseline).stderr(slice, gate.metric()),
          level == null ? Double.NaN : level);
    }
    return r;
  }

  /** {@code r} judged on whether its crossing of the bound is beyond the noise of both values. */
  private static GateResult significance(GateResult r, double stderr, double referenceStderr, double level) {
    String note = "";
    if (Double.isNaN(referenceStderr)) {
      note = r.reference() + " has no standard error recorded; only this run's counts";
      referenceStderr = 0.0;
    }
    double difference = r.value() - r.bound();
    double half = Intervals.normalQuantile(level) * Math.sqrt(stderr * stderr + referenceStderr * referenceStderr);
    double lower = difference - half;
    double upper = difference + half;
    boolean crossed = r.gate().atLeast() ? upper < 0 : lower > 0;
    if (Double.isNaN(half)) {
      note = "this run has no standard error of " + r.gate().metric();
      crossed = r.status() == GateResult.Status.FAILED;
    }
    return new GateResult(r.gate(), r.evaluation(), r.slice(), r.value(), r.bound(), r.reference(), r.referenceValue(),
        crossed ? GateResult.Status.FAILED : GateResult.Status.PASSED,
        new GateResult.Significance(difference, lower, upper, level, note));
  }

  private static GateResult checkOne(Gate gate, String evaluation, String slice, double value,
      ReferenceValues previous, ReferenceValues baseline) {
    if (gate.reference() == Gate.Reference.NONE) {
      double bound = gate.bound(Double.NaN);
      return new GateResult(gate, evaluation, slice, value, bound, "", Double.NaN,
          gate.passes(value, bound) ? GateResult.Status.PASSED : GateResult.Status.FAILED);
    }
    ReferenceValues ref = gate.reference() == Gate.Reference.PREVIOUS ? previous : baseline;
    double refValue = ref.value(slice, gate.metric());
    if (Double.isNaN(refValue)) {
      String why = ref.present() ? ref.label() + " has no " + gate.metric() + " for this slice" : ref.label();
      return new GateResult(gate, evaluation, slice, value, Double.NaN, why, Double.NaN, GateResult.Status.SKIPPED);
    }
    double bound = gate.bound(refValue);
    return new GateResult(gate, evaluation, slice, value, bound, ref.label(), refValue,
        gate.passes(value, bound) ? GateResult.Status.PASSED : GateResult.Status.FAILED);
  }
}
