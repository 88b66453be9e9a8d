package io.evalspark.spark;

import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.MulticlassSettings;
import io.evalspark.metrics.MulticlassState;

/** Rows of (label, prediction, probabilities, weight) into a {@link MulticlassState}. */
public final class MulticlassAggregator extends StateAggregator<MulticlassRow> {
  private static final long serialVersionUID = 1L;
  private final MulticlassSettings settings;
  private final boolean weighted;

  /** An aggregator with these settings; without {@code weighted} the weight input is ignored. */
  public MulticlassAggregator(MulticlassSettings settings, boolean weighted) {
    this.settings = settings;
    this.weighted = weighted;
  }

  @Override
  EvaluationState<?> emptyState() {
    return new MulticlassState(settings);
  }

  @Override
  public StateBuffer reduce(StateBuffer buffer, MulticlassRow row) {
    buffer.<MulticlassState>state().update(row.getLabel(), row.getPrediction(), row.getProbabilities(),
        weighted ? row.getWeight() : UNIT_WEIGHT);
    return buffer;
  }
}
