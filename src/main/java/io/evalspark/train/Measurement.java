package io.evalspark.train;

import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.EvaluationStates;
import io.evalspark.metrics.IntervalState;
import io.evalspark.metrics.Intervals;
import io.evalspark.metrics.MeanLoss;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loss, the evaluation state and the custom metric means of one set of rows under the current
 * weights: mergeable, so that each partition measures its rows and the driver merges.
 */
final class Measurement implements Serializable {
  private static final long serialVersionUID = 1L;
  final MeanLoss loss = new MeanLoss();
  final MeanLoss[] custom;
  /** With intervals: the loss of each interval group's rows (null without). */
  final MeanLoss[] lossGroups;
  private byte[] state;

  Measurement(int customMetrics, boolean intervals) {
    custom = new MeanLoss[customMetrics];
    for (int i = 0; i < customMetrics; i++) {
      custom[i] = new MeanLoss();
    }
    lossGroups = intervals ? new MeanLoss[IntervalState.GROUPS] : null;
    for (int g = 0; intervals && g < lossGroups.length; g++) {
      lossGroups[g] = new MeanLoss();
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
    for (int g = 0; lossGroups != null && g < lossGroups.length; g++) {
      lossGroups[g].merge(other.lossGroups[g]);
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

  /**
   * The standard errors of the state's metrics and, as {@code loss}, of the mean loss, at {@code
   * level}, by the same jackknife as evaluate's; empty without intervals.
   */
  Map<String, Double> stderrs(double level) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (lossGroups == null) {
      return out;
    }
    List<Map<String, Double>> leftOut = new ArrayList<>();
    double total = loss.total();
    double weight = loss.weight();
    for (MeanLoss g : lossGroups) {
      if (g.weight() > 0) {
        leftOut.add(Map.of("loss", (total - g.total()) / (weight - g.weight())));
      }
    }
    out.put("loss", Intervals.jackknife(Map.of("loss", loss.mean()), leftOut, level).metrics().get("loss").stderr());
    Intervals states = state == null ? null
        : IntervalState.intervals(EvaluationStates.fromByteArray(state), level);
    if (states != null) {
      states.metrics().forEach((name, i) -> out.put(name, i.stderr()));
    }
    return out;
  }
}
