package io.evalspark.sql;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.EvaluationStates;
import io.evalspark.metrics.TaskSettings;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One slice's state where its partitions' parts meet in a sliced pass ({@link SlicedColumnarPass}):
 * each part, a state's byte form or rows ({@link SliceRows}), is read or counted into it once, and
 * it is written once at the end. Rows stay rows until there are more than {@link SliceRows#most}
 * of them, so that a total of few rows is a few bytes a row until it is written: a reducer then
 * holds one state of such slices at a time, not a state each (a state that many rows make dense
 * takes {@link io.evalspark.metrics.BinarySettings#BYTES_PER_BIN} bytes a bin, 640 KB at the
 * default bins, and a thousand of them kept Java's collector busier than the counting). Once a
 * total has a state, rows are counted straight into it. Serialisable through its byte form by
 * Java's and Kryo's serialisers, should the shuffle spill it; a total read back has a state or is
 * {@link #TOO_MANY}, so it no longer needs its settings.
 */
final class SliceTotal implements Serializable, KryoSerializable {
  private static final long serialVersionUID = 1L;
  /** The part of a partition whose slices went over their memory; the total of any slice it meets says so too. */
  static final String TOO_MANY = "too many slices";
  private transient TaskSettings settings;
  /** Whether a binary slice's rows make an interval state. */
  private transient boolean intervals;
  private transient boolean tooMany;
  private transient EvaluationState<?> state;
  private transient List<SliceRows> rows;
  private transient int rowCount;

  /** The total of a slice of {@code settings}' task, of interval states where {@code intervals}, from its first part. */
  SliceTotal(TaskSettings settings, boolean intervals, Object part) {
    this.settings = settings;
    this.intervals = intervals;
    add(part);
  }

  /** Adds a part: a state's byte form, rows of a binary slice, or {@link #TOO_MANY}. */
  SliceTotal add(Object part) {
    if (tooMany) {
      return this;
    }
    if (part instanceof SliceRows some && state != null) {
      some.countInto(state);
    } else if (part instanceof SliceRows some) {
      if (rows == null) {
        rows = new ArrayList<>();
      }
      rows.add(some);
      rowCount += some.count();
      if (rowCount > SliceRows.most((BinarySettings) settings)) {
        countRows();
      }
    } else if (part instanceof byte[] bytes && state != null) {
      EvaluationStates.mergeBytes(state, bytes);
    } else if (part instanceof byte[] bytes) {
      state = EvaluationStates.fromByteArray(bytes);
    } else {
      tooMany = true;
    }
    return this;
  }

  private void add(EvaluationState<?> other) {
    state = EvaluationStates.mergeInto(state, other);
  }

  /** Counts the rows kept so far into the state. */
  private void countRows() {
    if (state == null) {
      state = SliceRows.emptyState((BinarySettings) settings, intervals, rowCount);
    }
    for (SliceRows some : rows) {
      some.countInto(state);
    }
    rows = null;
    rowCount = 0;
  }

  /** Adds another total of the same slice. */
  SliceTotal merge(SliceTotal other) {
    tooMany |= other.tooMany;
    if (other.rows != null) {
      other.rows.forEach(this::add);
    }
    if (other.state != null && !tooMany) {
      add(other.state);
    }
    return this;
  }

  /** The state's byte form, or null when a partition's slices went over their memory. */
  byte[] toByteArray() {
    if (tooMany) {
      return null;
    }
    if (state == null) { // rows alone, which stay kept: a later part or write counts them again
      List<SliceRows> kept = rows;
      return SliceRows.bytesOf((BinarySettings) settings, intervals, rowCount, s -> kept.forEach(r -> r.countInto(s)));
    }
    if (rows != null) {
      countRows();
    }
    return state.toByteArray();
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.writeObject(toByteArray());
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    read((byte[]) in.readObject());
  }

  @Override
  public void write(Kryo kryo, Output output) {
    byte[] bytes = toByteArray();
    output.writeInt(bytes == null ? -1 : bytes.length);
    if (bytes != null) {
      output.writeBytes(bytes);
    }
  }

  @Override
  public void read(Kryo kryo, Input input) {
    int length = input.readInt();
    read(length < 0 ? null : input.readBytes(length));
  }

  private void read(byte[] bytes) {
    tooMany = bytes == null;
    state = bytes == null ? null : EvaluationStates.fromByteArray(bytes);
  }
}
