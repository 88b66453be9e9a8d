package io.evalspark.job;

import io.evalspark.metrics.EvaluationState;
import java.util.List;

/**
 * The outcome of one evaluation: the overall state and one per slice, from one pass. {@code models}
 * holds, where a model column slices a ranking of (query, item) rows by items too, each model's
 * state of whole queries (keyed by the model column alone), which its slices' states merged would
 * not give; it is empty otherwise.
 */
public record EvaluationResult(EvaluationSpec spec, EvaluationState<?> overall, List<SliceResult> slices,
    List<SliceResult> models) {
  /** A result whose models, if any, are the merges of their slices. */
  public EvaluationResult(EvaluationSpec spec, EvaluationState<?> overall, List<SliceResult> slices) {
    this(spec, overall, slices, List.of());
  }
}
