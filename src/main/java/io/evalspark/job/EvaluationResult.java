package io.evalspark.job;

import io.evalspark.metrics.EvaluationState;
import java.util.List;

/** The outcome of one evaluation: the overall state and one per slice, from one pass. */
public record EvaluationResult(EvaluationSpec spec, EvaluationState<?> overall, List<SliceResult> slices) {}
