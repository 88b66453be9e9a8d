package io.evalspark.spark;

import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.BinaryState;
import io.evalspark.metrics.EvaluationState;
import scala.Tuple3;

/** Rows of (label, score, weight) into a {@link BinaryState}. */
public final class BinaryAggregator extends StateAggregator<Tuple3<Double, Double, Double>> {
  private static final long serialVersionUID = 1L;
  private final BinarySettings settings;
  private final boolean weighted;

  /** An aggregator with these settings; without {@code weighted} the weight input is ignored. */
  public BinaryAggregator(BinarySettings settings, boolean weighted) {
    this.settings = settings;
    this.weighted = weighted;
  }

  @Override
  EvaluationState<?> emptyState() {
    return new BinaryState(settings);
  }

  @Override
  public StateBuffer reduce(StateBuffer buffer, Tuple3<Double, Double, Double> row) {
    buffer.<BinaryState>state().update(row._1(), row._2(), weighted ? row._3() : UNIT_WEIGHT);
    return buffer;
  }
}
