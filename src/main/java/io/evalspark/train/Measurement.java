package io.evalspark.train;

import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.EvaluationStates;
import io.evalspark.metrics.MeanLoss;
import java.io.Serializable;
import java.util.Map;

/**
 * The loss, the evaluation state and the custom metric means of one set of rows under the current
 * weights: mergeable, so that each partition measures its rows and the driver merges.
 */
final class Measurement implements Serializable {
  private static final long serialVersionUID = 1L;
  final MeanLoss loss = new MeanLoss();
  final MeanLoss[] custom;
  private byte[] state;

  Measurement(int customMetrics) {
    custom = new MeanLoss[customMetrics];
    for (int i = 0; i < customMetrics; i++) {
      custom[i] = new MeanLoss();
    }
  }

  /** Keeps {@code finished} (null: none) in its byte form, to travel to the driver. */
  void keep(EvaluationState<?> finished) {
    state = finished == null ? null : finished.toByteArray();
  }

  /** Adds {@code other} into this one. */
  Measurement merge(Measurement other) {
    loss.merge(other.loss);
    for (int i = 0; i < custom.length; i++) {
      custom[i].merge(other.custom[i]);
    }
    if (state != null) {
      EvaluationState<?> mine = EvaluationStates.fromByteArray(state);
      EvaluationStates.merge(mine, EvaluationStates.fromByteArray(other.state));
      state = mine.toByteArray();
    }
    return this;
  }

  /** Every metric of the state, or an empty map where none was kept. */
  Map<String, Double> stateMetrics() {
    return state == null ? Map.of() : EvaluationStates.fromByteArray(state).metrics();
  }
}
