package io.evalspark.spark;

import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.EvaluationStates;
import java.io.Serializable;

/**
 * An aggregation buffer: the live state, mutated in place per row, seen by Spark's bean encoder as
 * one binary property that is only produced when Spark ships a partial aggregate.
 */
public final class StateBuffer implements Serializable {
  private static final long serialVersionUID = 1L;
  private transient EvaluationState<?> state;

  /** For Spark's bean encoder. */
  public StateBuffer() {}

  StateBuffer(EvaluationState<?> state) {
    this.state = state;
  }

  /** The state's byte form, for Spark. */
  public byte[] getBytes() {
    return state.toByteArray();
  }

  /** Restores the state from its byte form, for Spark. */
  public void setBytes(byte[] bytes) {
    state = EvaluationStates.fromByteArray(bytes);
  }

  @SuppressWarnings("unchecked")
  <S extends EvaluationState<S>> S state() {
    return (S) state;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  StateBuffer merge(StateBuffer other) {
    ((EvaluationState) state).merge(other.state);
    return this;
  }
}
