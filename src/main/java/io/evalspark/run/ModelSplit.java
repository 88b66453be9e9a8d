package io.evalspark.run;

import io.evalspark.job.EvaluationResult;
import io.evalspark.job.EvaluationSpec;
import io.evalspark.job.SliceResult;
import io.evalspark.metrics.EvaluationState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates several models of one table in one pass: the model column is sliced on first, then each
 * model's slices are taken apart again and merged into that model's overall state. A model without
 * slices of its own has its one slice as its result; one whose state the pass made whole (a
 * ranking's whole queries, a refined binary state) has that state.
 */
final class ModelSplit {
  private ModelSplit() {}

  /**
   * Each model's result under {@code spec} (without the model column), by model name ({@link
   * Slices#value}: a null model is {@code null}, a model named "null" is {@code "null"}) in name order.
   */
  static Map<String, EvaluationResult> split(EvaluationResult combined, EvaluationSpec spec, String modelColumn) {
    Map<String, EvaluationState<?>> overall = new TreeMap<>();
    Map<String, List<SliceResult>> slices = new TreeMap<>();
    // a ranking's slices of items hold parts of queries, and a refined model's slices its parts of
    // cells: such models' states (of whole queries, or refined as a whole) are their own
    boolean whole = !combined.models().isEmpty();
    for (SliceResult s : combined.models()) {
      overall.put(Slices.value(s.key().get(modelColumn)), s.state());
    }
    for (SliceResult s : combined.slices()) {
      String model = Slices.value(s.key().get(modelColumn));
      if (spec.sliceBy().isEmpty()) {
        overall.put(model, s.state()); // the model's one slice is its whole input, refined where it was
        continue;
      }
      if (!whole) {
        s.kept().mergeInto(overall.computeIfAbsent(model, m -> spec.emptyState()));
      }
      Map<String, Object> key = new LinkedHashMap<>(s.key());
      key.remove(modelColumn);
      slices.computeIfAbsent(model, m -> new ArrayList<>()).add(new SliceResult(key, s.kept()));
    }
    Map<String, EvaluationResult> out = new LinkedHashMap<>();
    overall.forEach((model, state) ->
        out.put(model, new EvaluationResult(spec, state, slices.getOrDefault(model, List.of()))));
    return out;
  }
}
