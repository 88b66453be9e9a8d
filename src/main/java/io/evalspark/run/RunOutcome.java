package io.evalspark.run;

import io.evalspark.gate.GateResult;
import io.evalspark.jobfile.RunConfig;
import java.util.List;

/** What a run found, evaluation by evaluation, and what it wrote. */
public record RunOutcome(RunConfig config, List<EvaluationOutcome> evaluations, List<String> written) {
  /** The gates that failed, in evaluation and gate order. */
  public List<GateResult> failedGates() {
    return evaluations.stream().flatMap(e -> e.gates().stream())
        .filter(g -> g.status() == GateResult.Status.FAILED).toList();
  }
}
