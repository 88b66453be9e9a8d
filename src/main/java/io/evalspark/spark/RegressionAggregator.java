package io.evalspark.spark;

import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.RegressionState;
import scala.Tuple3;

/** Rows of (label, prediction, weight) into a {@link RegressionState}. */
public final class RegressionAggregator extends StateAggregator<Tuple3<Double, Double, Double>> {
  private static final long serialVersionUID = 1L;
  private final double huberDelta;

  /** An aggregator whose Huber loss uses {@code huberDelta}. */
  public RegressionAggregator(double huberDelta) {
    this.huberDelta = huberDelta;
  }

  @Override
  EvaluationState<?> emptyState() {
    return new RegressionState(huberDelta);
  }

  @Override
  public StateBuffer reduce(StateBuffer buffer, Tuple3<Double, Double, Double> row) {
    buffer.<RegressionState>state().update(row._1(), row._2(), row._3());
    return buffer;
  }
}
