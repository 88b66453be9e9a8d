package io.evalspark.spark;

import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.RegressionState;
import scala.Tuple3;

/** Rows of (label, prediction, weight) into a {@link RegressionState}. */
public final class RegressionAggregator extends StateAggregator<Tuple3<Double, Double, Double>> {
  private static final long serialVersionUID = 1L;
  private final double huberDelta;
  private final boolean weighted;

  /** An aggregator whose Huber loss uses {@code huberDelta}; without {@code weighted} the weight input is ignored. */
  public RegressionAggregator(double huberDelta, boolean weighted) {
    this.huberDelta = huberDelta;
    this.weighted = weighted;
  }

  @Override
  EvaluationState<?> emptyState() {
    return new RegressionState(huberDelta);
  }

  @Override
  public StateBuffer reduce(StateBuffer buffer, Tuple3<Double, Double, Double> row) {
    buffer.<RegressionState>state().update(row._1(), row._2(), weighted ? row._3() : UNIT_WEIGHT);
    return buffer;
  }
}
