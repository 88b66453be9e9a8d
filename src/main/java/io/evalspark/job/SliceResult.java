package io.evalspark.job;

import io.evalspark.metrics.EvaluationState;
import java.util.Map;

/**
 * The merged state of one slice: its key (slice column to value, empty for the whole input) and
 * the state every metric of the slice comes from.
 */
public record SliceResult(Map<String, Object> key, EvaluationState<?> state) {}
