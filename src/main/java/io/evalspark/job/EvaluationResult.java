package io.evalspark.job;

import io.evalspark.metrics.EvaluationState;
import java.util.List;

/**
 * The outcome of one evaluation: the overall state and one per slice, from one pass. {@code models}
 * holds, where a model column and slices of its own slice a ranking of (query, item) rows, or a
 * binary evaluation refined by {@code --auc-tolerance}, each model's state (keyed by the model column
 * alone): of whole queries, or refined as a whole, which its slices' states merged would not give.
 * It is empty otherwise.
 */
public record EvaluationResult(EvaluationSpec spec, EvaluationState<?> overall, List<SliceResult> slices,
    List<SliceResult> models) {
  /** A result whose models, if any, are the merges of their slices. */
  public EvaluationResult(EvaluationSpec spec, EvaluationState<?> overall, List<SliceResult> slices) {
    this(spec, overall, slices, List.of());
  }
}
