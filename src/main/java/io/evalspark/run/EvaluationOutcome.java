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
 * @param model the model these results are of; null where a model column found no rows
 * @param result today's result
 * @param windows the rolling windows, shortest first
 * @param gates every gate on every slice it applies to
 * @param trends each gated metric's overall value on the run dates before this one (the last
 *     {@link #TREND_DATES} less one), oldest first; empty without a history
 * @param drift per slice, the binary score drift from the states stored by earlier runs
 *     ({@code psi_vs_previous}, ...); empty where there are none
 */
public record EvaluationOutcome(EvaluationConfig config, String model, EvaluationResult result, List<WindowResult> windows,
    List<GateResult> gates, Map<String, List<TrendPoint>> trends, Map<String, Map<String, Double>> drift) {
  /** The run dates the report's chart of a gated metric shows, this run's included. */
  public static final int TREND_DATES = 30;

  /**
   * The evaluation's name and, where it has one, its model: "ctr (model v7)"; an evaluation whose
   * model column found no rows has no model ({@link #model} null) and says so.
   */
  public String heading() {
    return config.name() + (model != null ? " (model " + model + ")" : " (" + NO_MODELS + ")");
  }

  /** What an evaluation of a model column that found no rows (under {@code --allow-empty}) reports. */
  public static final String NO_MODELS = "no rows, so no models";

  /** Today's overall value of {@code metric}: a metric of the result, or a drift; NaN where neither. */
  public double overall(String metric) {
    Double v = result.overall().metrics().get(metric);
    if (v == null) {
      v = drift.getOrDefault(Slices.OVERALL, Map.of()).get(metric);
    }
    return v == null ? Double.NaN : v;
  }
}
