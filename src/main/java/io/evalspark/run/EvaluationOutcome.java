package io.evalspark.run;

import io.evalspark.gate.GateResult;
import io.evalspark.job.EvaluationResult;
import io.evalspark.jobfile.EvaluationConfig;
import java.util.List;

/**
 * What a run found for one evaluation: today's result, its rolling windows and its gates.
 *
 * @param config the evaluation as configured
 * @param model the model these results are of
 * @param result today's result
 * @param windows the rolling windows, shortest first
 * @param gates every gate on every slice it applies to
 */
public record EvaluationOutcome(EvaluationConfig config, String model, EvaluationResult result, List<WindowResult> windows,
    List<GateResult> gates) {}
