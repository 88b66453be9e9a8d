package io.evalspark.sql;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.evalspark.metrics.SplitCounts;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * What a partition of a first pass that also counts a refinement plan sends, and what merges of
 * them give: a state's byte form and the plan's counts, through Java's serialiser and Kryo's (the
 * counts as their byte form), since a cluster may set {@code spark.serializer} to Kryo.
 */
final class StateAndCounts implements Serializable, KryoSerializable {
  private static final long serialVersionUID = 1L;
  private byte[] state;
  private transient SplitCounts counts;

  StateAndCounts(byte[] state, SplitCounts counts) {
    this.state = state;
    this.counts = counts;
  }

  /** The state's byte form. */
  byte[] state() {
    return state;
  }

  /** The counts, or null for the empty value merges start from. */
  SplitCounts counts() {
    return counts;
  }

  /** These with {@code other}'s rows merged in. */
  StateAndCounts merge(StateAndCounts other) {
    state = ColumnarPass.merge(state, other.state);
    counts = counts == null ? other.counts : other.counts == null ? counts : counts.merge(other.counts);
    return this;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    out.writeObject(counts == null ? null : counts.toByteArray());
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    byte[] bytes = (byte[]) in.readObject();
    counts = bytes == null ? null : SplitCounts.fromByteArray(bytes);
  }

  @Override
  public void write(Kryo kryo, Output output) {
    output.writeInt(state.length);
    output.writeBytes(state);
    byte[] bytes = counts == null ? null : counts.toByteArray();
    output.writeInt(bytes == null ? -1 : bytes.length);
    if (bytes != null) {
      output.writeBytes(bytes);
    }
  }

  @Override
  public void read(Kryo kryo, Input input) {
    state = input.readBytes(input.readInt());
    int length = input.readInt();
    counts = length < 0 ? null : SplitCounts.fromByteArray(input.readBytes(length));
  }
}
