package io.evalspark.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The byte form of a state: a format version, a kind tag, then the state's own fields. The version
 * lets stored states (for example nightly history) be read after an upgrade: version 2 added the
 * binary histogram's score ranges, version 3 the binary and regression losses added since (hinge,
 * focal, squared log error, deviances), which read as undefined from older states, version 4 the
 * multiclass state's one-vs-rest histograms (undefined from older states), version 5 the regression
 * state's sketch of absolute errors (undefined from older states), version 6 the multiclass settings'
 * bins a class (the default from older states); version 1 still reads.
 */
final class StateBytes {
  static final byte VERSION = 6;
  /** The oldest version this build reads. */
  static final byte OLDEST = 1;

  interface Body {
    void write(DataOutput out) throws IOException;
  }

  interface Reader<T> {
    T read(DataInput in, int version) throws IOException;
  }

  private StateBytes() {}

  static byte[] write(char kind, Body body) {
    StateBytesOut out = new StateBytesOut();
    out.writeByte(VERSION);
    out.writeByte(kind);
    try {
      body.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static <T> T read(byte[] bytes, char kind, String what, Reader<T> reader) {
    if (bytes == null || bytes.length < 2) {
      throw new IllegalArgumentException("not a serialised " + what + ": too short");
    }
    if (bytes[0] < OLDEST || bytes[0] > VERSION) {
      throw new IllegalArgumentException("cannot read a " + what + " of format version " + bytes[0]
          + "; this build reads versions " + OLDEST + " to " + VERSION);
    }
    if (bytes[1] != (byte) kind) {
      throw new IllegalArgumentException("not a serialised " + what + ": kind tag '" + (char) bytes[1] + "'");
    }
    try {
      return reader.read(new StateBytesIn(bytes, 2, bytes.length - 2), bytes[0]);
    } catch (IOException e) {
      throw new IllegalArgumentException("a serialised " + what + " is damaged: " + e.getMessage(), e);
    }
  }
}
