package io.evalspark.sql;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.EvaluationStates;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * Partitions' states as their merge carries them: a state object wherever they meet, its byte form
 * only when it travels (through Java's serialiser and through Kryo's, since a cluster may set
 * {@code spark.serializer} to Kryo). So a partition's state is written once, when its task sends
 * it, and read once where it is merged; a merge into nothing yet takes the other's state as it is.
 */
final class PartitionStates implements Serializable, KryoSerializable {
  private static final long serialVersionUID = 1L;
  /** The merged state, or null before any partition's. */
  private transient EvaluationState<?> state;

  /** Nothing merged yet: the zero of a merge. */
  PartitionStates() {}

  /** One partition's state. */
  PartitionStates(EvaluationState<?> state) {
    this.state = state;
  }

  /** These states with {@code other}'s merged in. */
  PartitionStates merge(PartitionStates other) {
    if (other.state != null) {
      state = EvaluationStates.mergeInto(state, other.state);
    }
    return this;
  }

  /** The merged state, or null when no partition's was merged. */
  EvaluationState<?> state() {
    return state;
  }

  private byte[] bytes() {
    return state == null ? new byte[0] : state.toByteArray();
  }

  private static EvaluationState<?> of(byte[] bytes) {
    return bytes.length == 0 ? null : EvaluationStates.fromByteArray(bytes);
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    out.writeObject(bytes());
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    state = of((byte[]) in.readObject());
  }

  @Override
  public void write(Kryo kryo, Output output) {
    byte[] bytes = bytes();
    output.writeInt(bytes.length);
    output.writeBytes(bytes);
  }

  @Override
  public void read(Kryo kryo, Input input) {
    state = of(input.readBytes(input.readInt()));
  }
}
