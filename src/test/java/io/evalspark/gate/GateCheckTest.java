package io.evalspark.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.BinaryState;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.run.Slices;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Gates over an overall result and its slices: each gate's results in slice order, each slice's state read once. */
class GateCheckTest {
  /** A slice whose rows are {@code n} positives at score 0.9 and {@code n} negatives at {@code negatives}. */
  private static BinaryState slice(int n, double negatives) {
    BinaryState s = new BinaryState(BinarySettings.defaults());
    for (int i = 0; i < n; i++) {
      s.update(1.0, 0.9, 1.0);
      s.update(0.0, negatives, 1.0);
    }
    return s;
  }

  /** The states of {@code states}, counting how often each is read, as a map of slices that reads its states on demand does. */
  private static final class CountedReads extends AbstractMap<String, EvaluationState<?>> {
    private final Map<String, EvaluationState<?>> states;
    final Map<String, Integer> reads = new LinkedHashMap<>();

    CountedReads(Map<String, EvaluationState<?>> states) {
      this.states = states;
    }

    @Override
    public Set<Entry<String, EvaluationState<?>>> entrySet() {
      Set<Entry<String, EvaluationState<?>>> entries = new LinkedHashSet<>();
      for (String slice : states.keySet()) {
        entries.add(new SimpleImmutableEntry<>(slice, null) {
          @Override
          public EvaluationState<?> getValue() {
            reads.merge(slice, 1, Integer::sum);
            return states.get(slice);
          }
        });
      }
      return entries;
    }
  }

  @Test
  void eachGatesResultsComeInSliceOrderAndEachSliceIsReadOnce() {
    Map<String, EvaluationState<?>> states = new LinkedHashMap<>();
    states.put(Slices.OVERALL, slice(30, 0.2));
    states.put("country=de", slice(10, 0.2)); // every negative below every positive: accuracy 1
    states.put("country=fr", slice(10, 0.95)); // every negative above: accuracy 0.5 at threshold 0.5
    states.put("country=it", slice(10, 0.2));
    CountedReads bySlice = new CountedReads(states);
    List<Gate> gates = List.of(Gate.parse("accuracy >= 0.9 per slice"), Gate.parse("roc_auc >= 0.5"),
        Gate.parse("log_loss <= 1.0 per slice"));

    List<GateResult> results = GateCheck.check("ctr", gates, bySlice, Map.of(), ReferenceValues.none("none"),
        ReferenceValues.none("none"), null);

    List<String> seen = new ArrayList<>();
    for (GateResult r : results) {
      seen.add(r.gate().metric() + " " + r.slice() + " " + r.status());
    }
    assertEquals(List.of(
        "accuracy overall PASSED", "accuracy country=de PASSED", "accuracy country=fr FAILED",
        "accuracy country=it PASSED",
        "roc_auc overall PASSED",
        "log_loss overall PASSED", "log_loss country=de PASSED", "log_loss country=fr FAILED",
        "log_loss country=it PASSED"), seen);
    // accuracy of de: 20 rows right of 20; of fr: the 10 positives right, the 10 negatives (0.95 >= 0.5) wrong
    assertEquals(1.0, results.get(1).value(), 0.0);
    assertEquals(0.5, results.get(2).value(), 0.0);
    // log loss of fr: half the rows -log(0.9), half -log(1 - 0.95)
    assertEquals((-Math.log(0.9) - Math.log(0.05)) / 2, results.get(7).value(), 1e-12);
    assertEquals(Map.of(Slices.OVERALL, 1, "country=de", 1, "country=fr", 1, "country=it", 1), bySlice.reads);
  }

  @Test
  void withoutGatesPerSliceOnlyTheOverallStateIsRead() {
    Map<String, EvaluationState<?>> states = new LinkedHashMap<>();
    states.put(Slices.OVERALL, slice(30, 0.2));
    states.put("country=de", slice(10, 0.2));
    CountedReads bySlice = new CountedReads(states);
    List<GateResult> results = GateCheck.check("ctr", List.of(Gate.parse("roc_auc >= 0.5")), bySlice, Map.of(),
        ReferenceValues.none("none"), ReferenceValues.none("none"), null);
    assertEquals(1, results.size());
    assertEquals(1.0, results.get(0).value(), 0.0); // every positive scored above every negative
    assertEquals(Map.of(Slices.OVERALL, 1), bySlice.reads);
  }
}
