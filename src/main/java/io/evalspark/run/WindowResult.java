package io.evalspark.run;

import io.evalspark.metrics.EvaluationState;
import java.util.Map;

/**
 * An evaluation over a rolling window ending on the run date, merged from stored daily states.
 *
 * @param days the window's length
 * @param daysFound how many of its days had stored states (today's included)
 * @param bySlice the merged state per slice text, overall first
 */
public record WindowResult(int days, int daysFound, Map<String, EvaluationState<?>> bySlice) {}
