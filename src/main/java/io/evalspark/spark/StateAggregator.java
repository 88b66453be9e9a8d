package io.evalspark.spark;

import io.evalspark.metrics.EvaluationState;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;

/**
 * The part every evaluation aggregator shares: an empty state per partition, merge, and the merged
 * state's byte form as the result. Subclasses only say how one input row updates the state.
 *
 * @param <I> the input row type
 */
abstract class StateAggregator<I> extends Aggregator<I, StateBuffer, byte[]> {
  private static final long serialVersionUID = 1L;
  /** The weight of every row of an unweighted evaluation, shared so that no row boxes its own. */
  static final Double UNIT_WEIGHT = 1.0;

  /** A fresh, empty state with the evaluation's settings. */
  abstract EvaluationState<?> emptyState();

  @Override
  public StateBuffer zero() {
    return new StateBuffer(emptyState());
  }

  @Override
  public StateBuffer merge(StateBuffer a, StateBuffer b) {
    return a.merge(b);
  }

  @Override
  public byte[] finish(StateBuffer buffer) {
    return buffer.getBytes();
  }

  @Override
  public Encoder<StateBuffer> bufferEncoder() {
    return Encoders.bean(StateBuffer.class);
  }

  @Override
  public Encoder<byte[]> outputEncoder() {
    return Encoders.BINARY();
  }

}
