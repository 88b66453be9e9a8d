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
 * bins a class (the default from older states), version 7 arrays of sums and score ranges written
 * compactly ({@link CompensatedArray}, {@link ScoreRanges}: a negative size marks the compact form,
 * so either form reads whatever the version), version 8 the regression state's absolute errors in
 * buckets ({@link AbsoluteErrorSketch}; the KLL sketch of versions 5 to 7 reads as its retained
 * errors), version 9 a compact array's counts of rows that weigh 1 as varints ({@link
 * CompensatedArray}: a negative number of cells marks that form, so the forms of versions 7 and 8
 * still read); version 1 still reads.
 */
final class StateBytes {
  static final byte VERSION = 9;
  /** The oldest version this build reads. */
  static final byte OLDEST = 1;

  interface Body {
    void write(DataOutput out) throws IOException;
  }

  interface Reader<T> {
    T read(DataInput in, int version) throws IOException;
  }

  private StateBytes() {}

  /**
   * An array's size as the compact forms of version 7 write it ({@link CompensatedArray}, {@link
   * ScoreRanges}), and back: {@code -1 - n}, negative for every size, so that it marks the form; it
   * is its own inverse.
   */
  static int markedSize(int n) {
    return -1 - n;
  }

  /**
   * The size of an array whose first written number is {@code first}: marked by {@link #markedSize}
   * in the compact form, as it is in the form of versions 6 and older.
   */
  static int sizeOf(int first) {
    return first < 0 ? markedSize(first) : first;
  }

  /** Writes {@code v}, not negative, in 7-bit groups, lowest first, the high bit of each but the last set. */
  static void writeVarint(DataOutput out, long v) throws IOException {
    while ((v & ~0x7FL) != 0) {
      out.writeByte((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.writeByte((int) v);
  }

  /** Reads what {@link #writeVarint} wrote. */
  static long readVarint(DataInput in) throws IOException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.readUnsignedByte();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IOException("a variable-length number runs over 64 bits");
  }

  /**
   * Each thread's buffer for writing states, kept from one state to the next while it has at most
   * {@link #KEPT_MOST} bytes of room: a sliced pass writes thousands of states of tens of kilobytes,
   * and each would otherwise grow its own buffer from a few hundred bytes, copying it at each step.
   * Empty while a write uses it, so that a state written inside another gets a buffer of its own.
   */
  private static final ThreadLocal<StateBytesOut> BUFFER = new ThreadLocal<>();
  /** The most room a thread's buffer keeps between writes: a dense binary state's byte form fits. */
  private static final int KEPT_MOST = 2 << 20;

  static byte[] write(char kind, Body body) {
    StateBytesOut out = BUFFER.get();
    BUFFER.remove();
    out = out == null ? new StateBytesOut() : out.emptied();
    out.writeByte(VERSION);
    out.writeByte(kind);
    try {
      body.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] bytes = out.toByteArray();
    if (out.capacity() <= KEPT_MOST) {
      BUFFER.set(out);
    }
    return bytes;
  }

  static <T> T read(byte[] bytes, char kind, String what, Reader<T> reader) {
    if (bytes == null || bytes.length < 2) {
      throw new UnreadableStateException("not a serialised " + what + ": too short", null);
    }
    if (bytes[0] < OLDEST || bytes[0] > VERSION) {
      throw new UnreadableStateException("cannot read a " + what + " of format version " + bytes[0]
          + "; this build reads versions " + OLDEST + " to " + VERSION, null);
    }
    if (bytes[1] != (byte) kind) {
      throw new UnreadableStateException("not a serialised " + what + ": kind tag '" + (char) bytes[1] + "'", null);
    }
    try {
      return reader.read(new StateBytesIn(bytes, 2, bytes.length - 2), bytes[0]);
    } catch (IOException e) {
      throw new UnreadableStateException("a serialised " + what + " is damaged: " + e.getMessage(), e);
    }
  }
}
