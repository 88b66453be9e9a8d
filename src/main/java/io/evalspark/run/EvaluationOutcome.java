package io.evalspark.run;

import io.evalspark.gate.GateResult;
import io.evalspark.job.EvaluationResult;
import io.evalspark.jobfile.EvaluationConfig;
import io.evalspark.history.TrendPoint;
import java.util.List;
import java.util.Map;

/**
 * What a run found for one evaluation: today's result, its rolling windows and its gates.
 *
 * @param config the evaluation as configured
 * @param model the model these results are of
 * @param result today's result
 * @param windows the rolling windows, shortest first
 * @param gates every gate on every slice it applies to
 * @param trends each gated metric's overall value on the run dates before this one (the last
 *     {@link #TREND_DATES} less one), oldest first; empty without a history
 */
public record EvaluationOutcome(EvaluationConfig config, String model, EvaluationResult result, List<WindowResult> windows,
    List<GateResult> gates, Map<String, List<TrendPoint>> trends) {
  /** The run dates the report's chart of a gated metric shows, this run's included. */
  public static final int TREND_DATES = 30;
}
