package io.evalspark.metrics;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The parts of a refinement pass that rows reached, as {@link SplitCounts} holds them (their
 * indices in ascending order, a record of six doubles each, and two roundings each or none), and
 * their byte form, which a task sends to be merged. Most parts hold a row or two, so a part is
 * written as its distance from the previous one, a byte saying which of its values follow, a
 * class's weight as a whole number when it is one, and a class's range as one score when its
 * lowest and highest are the same: about 12 bytes for a part of one row, against 48 in memory.
 */
record ReachedParts(int[] parts, double[] records, double[] roundings) {
  private static final int STRIDE = SplitCounts.STRIDE;
  private static final int PRESENT = 1;
  private static final int ONE_SCORE = 2;
  private static final int WHOLE_WEIGHT = 4;
  /** A class's flags are shifted by this for negatives. */
  private static final int NEGATIVE = 3;

  /**
   * The byte form of {@code parts}, whose records and roundings are in {@code records} and
   * {@code roundings} at each part's own place when {@code everyPart} (a record for every part),
   * otherwise at the part's place among {@code parts}.
   */
  static byte[] toBytes(int[] parts, double[] records, double[] roundings, boolean everyPart) {
    return new ReachedParts(parts, records, roundings).write(everyPart);
  }

  private byte[] write(boolean everyPart) {
    int size = 5;
    int previous = -1;
    for (int k = 0; k < parts.length; k++) {
      int at = everyPart ? parts[k] : k;
      size += varintLength(parts[k] - previous - 1) + 1;
      for (int c = 0; c < 2; c++) {
        size += classLength(at, c);
      }
      size += roundings == null ? 0 : 16;
      previous = parts[k];
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.putInt(parts.length);
    out.put((byte) (roundings == null ? 0 : 1));
    previous = -1;
    for (int k = 0; k < parts.length; k++) {
      int at = everyPart ? parts[k] : k;
      putVarint(out, parts[k] - previous - 1);
      out.put((byte) (flags(at, 0) | flags(at, 1) << NEGATIVE));
      for (int c = 0; c < 2; c++) {
        putClass(out, at, c);
      }
      if (roundings != null) {
        out.putDouble(roundings[2 * at]);
        out.putDouble(roundings[2 * at + 1]);
      }
      previous = parts[k];
    }
    return out.array();
  }

  /** The parts of a byte form of counts of {@code size} parts. */
  static ReachedParts fromBytes(byte[] bytes, int size) throws IOException {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      int n = in.getInt();
      if (n < 0 || n > size) {
        throw new IOException(n + " reached parts of counts of " + size);
      }
      boolean rounded = in.get() != 0;
      int[] parts = new int[n];
      double[] records = new double[n * STRIDE];
      double[] roundings = rounded ? new double[2 * n] : null;
      int previous = -1;
      for (int k = 0; k < n; k++) {
        long part = (long) previous + 1 + getVarint(in);
        if (part >= size) {
          throw new IOException("part " + part + " is outside 0.." + (size - 1));
        }
        parts[k] = (int) part;
        int flags = in.get();
        for (int c = 0; c < 2; c++) {
          getClass(in, flags >> (c == 0 ? 0 : NEGATIVE), records, k * STRIDE, c);
        }
        if (rounded) {
          roundings[2 * k] = in.getDouble();
          roundings[2 * k + 1] = in.getDouble();
        }
        previous = parts[k];
      }
      if (in.hasRemaining()) {
        throw new IOException(in.remaining() + " bytes follow the last reached part");
      }
      return new ReachedParts(parts, records, roundings);
    } catch (BufferUnderflowException e) {
      throw new IOException("the reached parts end early", e);
    }
  }

  /** Class {@code c}'s (0 positive, 1 negative) flags for the k-th part. */
  private int flags(int k, int c) {
    int at = k * STRIDE;
    double w = records[at + c];
    double low = records[at + 2 + 2 * c];
    double high = records[at + 3 + 2 * c];
    if (w == 0.0 && !(low <= high)) {
      return 0;
    }
    return PRESENT | (low == high ? ONE_SCORE : 0) | (isWhole(w) ? WHOLE_WEIGHT : 0);
  }

  private static boolean isWhole(double w) {
    return w >= 1.0 && w < Integer.MAX_VALUE && w == Math.rint(w);
  }

  private int classLength(int k, int c) {
    int f = flags(k, c);
    if ((f & PRESENT) == 0) {
      return 0;
    }
    int weight = (f & WHOLE_WEIGHT) != 0 ? varintLength((int) records[k * STRIDE + c]) : 8;
    return weight + ((f & ONE_SCORE) != 0 ? 8 : 16);
  }

  private void putClass(ByteBuffer out, int k, int c) {
    int f = flags(k, c);
    if ((f & PRESENT) == 0) {
      return;
    }
    int at = k * STRIDE;
    if ((f & WHOLE_WEIGHT) != 0) {
      putVarint(out, (int) records[at + c]);
    } else {
      out.putDouble(records[at + c]);
    }
    out.putDouble(records[at + 2 + 2 * c]);
    if ((f & ONE_SCORE) == 0) {
      out.putDouble(records[at + 3 + 2 * c]);
    }
  }

  private static void getClass(ByteBuffer in, int f, double[] records, int at, int c) throws IOException {
    if ((f & PRESENT) == 0) {
      records[at + c] = 0.0;
      records[at + 2 + 2 * c] = Double.POSITIVE_INFINITY;
      records[at + 3 + 2 * c] = Double.NEGATIVE_INFINITY;
      return;
    }
    records[at + c] = (f & WHOLE_WEIGHT) != 0 ? getVarint(in) : in.getDouble();
    double low = in.getDouble();
    records[at + 2 + 2 * c] = low;
    records[at + 3 + 2 * c] = (f & ONE_SCORE) != 0 ? low : in.getDouble();
  }

  private static int varintLength(int v) {
    int n = 1;
    while ((v >>>= 7) != 0) {
      n++;
    }
    return n;
  }

  private static void putVarint(ByteBuffer out, int v) {
    while ((v & ~0x7F) != 0) {
      out.put((byte) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.put((byte) v);
  }

  private static int getVarint(ByteBuffer in) throws IOException {
    int v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      byte b = in.get();
      v |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (v < 0) {
          throw new IOException("a negative number in the reached parts");
        }
        return v;
      }
    }
    throw new IOException("a number of more than five bytes in the reached parts");
  }
}
