package io.evalspark.job;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.evalspark.metrics.SplitCounts;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A refinement pass's counts by state (the whole input's under the empty key, a slice's under its
 * key values), as a partition sends them and merges meet: through Java's serialiser and through
 * Kryo's, since a cluster may set {@code spark.serializer} to Kryo, each state's counts as their
 * byte form and each key as a list of its values (nulls included).
 */
final class RefinementCounts implements Serializable, KryoSerializable {
  private static final long serialVersionUID = 1L;
  private transient Map<List<Object>, SplitCounts> byState = new HashMap<>();

  /** Adds {@code counts} of the state of {@code key}, merging them into any already there. */
  RefinementCounts add(List<Object> key, SplitCounts counts) {
    byState.merge(new ArrayList<>(key), counts, SplitCounts::merge);
    return this;
  }

  /** The counts of the state of {@code key}, or null when no row reached it. */
  SplitCounts get(List<Object> key) {
    return byState.get(key);
  }

  /** These counts with {@code other}'s merged in, state by state. */
  RefinementCounts merge(RefinementCounts other) {
    other.byState.forEach(this::add);
    return this;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    out.writeInt(byState.size());
    for (Map.Entry<List<Object>, SplitCounts> e : byState.entrySet()) {
      out.writeObject(e.getKey());
      out.writeObject(e.getValue().toByteArray());
    }
  }

  @SuppressWarnings("unchecked")
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    byState = new HashMap<>();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      List<Object> key = (List<Object>) in.readObject();
      byState.put(key, SplitCounts.fromByteArray((byte[]) in.readObject()));
    }
  }

  @Override
  public void write(Kryo kryo, Output output) {
    output.writeInt(byState.size());
    for (Map.Entry<List<Object>, SplitCounts> e : byState.entrySet()) {
      output.writeInt(e.getKey().size());
      for (Object value : e.getKey()) {
        kryo.writeClassAndObject(output, value);
      }
      byte[] bytes = e.getValue().toByteArray();
      output.writeInt(bytes.length);
      output.writeBytes(bytes);
    }
  }

  @Override
  public void read(Kryo kryo, Input input) {
    byState = new HashMap<>();
    int n = input.readInt();
    for (int i = 0; i < n; i++) {
      int width = input.readInt();
      List<Object> key = new ArrayList<>(width);
      for (int j = 0; j < width; j++) {
        key.add(kryo.readClassAndObject(input));
      }
      byState.put(key, SplitCounts.fromByteArray(input.readBytes(input.readInt())));
    }
  }
}
