package io.evalspark.job;

import io.evalspark.metrics.EvaluationState;
import java.util.List;

/**
 * The outcome of one evaluation: the overall state and one per slice, from one pass. {@code models}
 * holds, where a model column and slices of its own slice the evaluation, each model's state
 * (keyed by the model column alone): the merge of its slices', of a ranking's whole queries (which
 * its slices' states merged would not give), refined as a whole where the evaluation is refined.
 * It is empty otherwise: a model column alone makes each model's one slice its whole input.
 */
public record EvaluationResult(EvaluationSpec spec, EvaluationState<?> overall, List<SliceResult> slices,
    List<SliceResult> models) {
  /** A result without models of their own. */
  public EvaluationResult(EvaluationSpec spec, EvaluationState<?> overall, List<SliceResult> slices) {
    this(spec, overall, slices, List.of());
  }
}
