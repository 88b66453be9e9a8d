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
 * model's slices are taken apart again. A model's result is the state the pass made for it (of its
 * slices merged, of whole queries, or refined as a whole), or its one slice where it has no slices
 * of its own.
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
    for (SliceResult s : combined.models()) {
      overall.put(Slices.value(s.key().get(modelColumn)), s.state());
    }
    for (SliceResult s : combined.slices()) {
      String model = Slices.value(s.key().get(modelColumn));
      if (spec.sliceBy().isEmpty()) {
        overall.put(model, s.state()); // the model's one slice is its whole input, refined where it was
        continue;
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
