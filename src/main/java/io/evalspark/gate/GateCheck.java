package io.evalspark.gate;

import io.evalspark.metrics.EvaluationState;
import io.evalspark.run.Slices;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks an evaluation's gates on its overall result and, for gates that ask, on every slice. */
public final class GateCheck {
  private GateCheck() {}

  public static List<GateResult> check(String evaluation, List<Gate> gates, Map<String, EvaluationState<?>> bySlice,
      ReferenceValues previous, ReferenceValues baseline) {
    List<GateResult> results = new ArrayList<>();
    for (Gate gate : gates) {
      for (Map.Entry<String, EvaluationState<?>> slice : bySlice.entrySet()) {
        if (!gate.perSlice() && !slice.getKey().equals(Slices.OVERALL)) {
          continue;
        }
        Double v = slice.getValue().metrics().get(gate.metric());
        double value = v == null ? Double.NaN : v;
        results.add(checkOne(gate, evaluation, slice.getKey(), value, previous, baseline));
      }
    }
    return results;
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
