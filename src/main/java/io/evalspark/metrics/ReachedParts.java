package io.evalspark.metrics;

import java.io.EOFException;
import java.io.IOException;

/**
 * The parts of a refinement pass that rows reached, as {@link SplitCounts} holds them (their
 * indices in ascending order, a record of six doubles each, and two roundings each or none), and
 * their byte form, which a task sends to be merged (beginning with the number of parts of the
 * counts, {@code size}). Most parts hold a row or two, so a part is written as its distance from
 * the previous one, a byte saying which of its values follow, a class's weight as a whole number
 * when it is one, and a class's range as one score when its lowest and highest are the same: about
 * 12 bytes for a part of one row, against 48 in memory.
 * The bytes are written and read in one sweep over the parts ({@link StateBytesOut}, {@link
 * StateBytesIn}), as a task's millions of parts make this a good part of a pass's time.
 */
record ReachedParts(int size, int[] parts, double[] records, double[] roundings) {
  private static final int STRIDE = SplitCounts.STRIDE;
  private static final int PRESENT = 1;
  private static final int ONE_SCORE = 2;
  private static final int WHOLE_WEIGHT = 4;
  /** A class's flags are shifted by this for negatives. */
  private static final int NEGATIVE = 3;

  /**
   * The byte form of {@code parts} of counts of {@code size} parts, whose records and roundings
   * (or null) are in {@code records} and {@code roundings} at the part's place among {@code parts}.
   */
  static byte[] toBytes(int size, int[] parts, double[] records, double[] roundings) throws IOException {
    StateBytesOut out = new StateBytesOut(9 + 14 * parts.length);
    out.writeInt(size);
    out.writeInt(parts.length);
    out.writeByte(roundings == null ? 0 : 1);
    int previous = -1;
    for (int k = 0; k < parts.length; k++) {
      write(out, parts[k] - previous - 1, records, roundings, k);
      previous = parts[k];
    }
    return out.toByteArray();
  }

  /**
   * The byte form of the reached parts among {@code records}, a record for every one of {@code
   * size} parts (and two roundings for every part in {@code roundings}, or null).
   */
  static byte[] toBytesOfEveryPart(int size, double[] records, double[] roundings) throws IOException {
    StateBytesOut out = new StateBytesOut(1 << 16);
    out.writeInt(size);
    out.writeInt(0); // the number of reached parts, once counted
    out.writeByte(roundings == null ? 0 : 1);
    int n = 0;
    int previous = -1;
    for (int part = 0; part < size; part++) {
      if (isReached(records, part)) {
        write(out, part - previous - 1, records, roundings, part);
        previous = part;
        n++;
      }
    }
    out.setInt(4, n);
    return out.toByteArray();
  }

  /** Whether a row reached record {@code k} of {@code records}. */
  static boolean isReached(double[] records, int k) {
    int at = k * STRIDE;
    return records[at + 2] <= records[at + 3] || records[at + 4] <= records[at + 5];
  }

  /** Writes record {@code k} (and its roundings, if any), {@code gap} parts after the one before. */
  private static void write(StateBytesOut out, int gap, double[] records, double[] roundings, int k)
      throws IOException {
    int at = k * STRIDE;
    int positives = flags(records, at, 0);
    int negatives = flags(records, at, 1);
    StateBytes.writeVarint(out, gap);
    out.writeByte(positives | negatives << NEGATIVE);
    writeClass(out, records, at, 0, positives);
    writeClass(out, records, at, 1, negatives);
    if (roundings != null) {
      out.writeDouble(roundings[2 * k]);
      out.writeDouble(roundings[2 * k + 1]);
    }
  }

  /** The parts of a byte form. */
  static ReachedParts fromBytes(byte[] bytes) throws IOException {
    try {
      StateBytesIn in = new StateBytesIn(bytes, 0, bytes.length);
      int size = in.readInt();
      int n = in.readInt();
      if (size < 0 || n < 0 || n > size) {
        throw new IOException(n + " reached parts of counts of " + size);
      }
      boolean rounded = in.readByte() != 0;
      int[] parts = new int[n];
      double[] records = new double[n * STRIDE];
      double[] roundings = rounded ? new double[2 * n] : null;
      long previous = -1;
      for (int k = 0; k < n; k++) {
        long part = previous + 1 + StateBytes.readVarint(in);
        if (part >= size || part <= previous) {
          throw new IOException("part " + part + " is outside " + (previous + 1) + ".." + (size - 1));
        }
        parts[k] = (int) part;
        int flags = in.readUnsignedByte();
        readClass(in, flags, records, k * STRIDE, 0);
        readClass(in, flags >> NEGATIVE, records, k * STRIDE, 1);
        if (rounded) {
          roundings[2 * k] = in.readDouble();
          roundings[2 * k + 1] = in.readDouble();
        }
        previous = part;
      }
      if (in.remaining() > 0) {
        throw new IOException(in.remaining() + " bytes follow the last reached part");
      }
      return new ReachedParts(size, parts, records, roundings);
    } catch (EOFException e) {
      throw new IOException("the reached parts end early", e);
    }
  }

  /** Class {@code c}'s (0 positive, 1 negative) flags for the record at {@code at}. */
  private static int flags(double[] records, int at, int c) {
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

  private static void writeClass(StateBytesOut out, double[] records, int at, int c, int flags) throws IOException {
    if ((flags & PRESENT) == 0) {
      return;
    }
    if ((flags & WHOLE_WEIGHT) != 0) {
      StateBytes.writeVarint(out, (long) records[at + c]);
    } else {
      out.writeDouble(records[at + c]);
    }
    out.writeDouble(records[at + 2 + 2 * c]);
    if ((flags & ONE_SCORE) == 0) {
      out.writeDouble(records[at + 3 + 2 * c]);
    }
  }

  private static void readClass(StateBytesIn in, int flags, double[] records, int at, int c) throws IOException {
    if ((flags & PRESENT) == 0) {
      records[at + c] = 0.0;
      records[at + 2 + 2 * c] = Double.POSITIVE_INFINITY;
      records[at + 3 + 2 * c] = Double.NEGATIVE_INFINITY;
      return;
    }
    records[at + c] = (flags & WHOLE_WEIGHT) != 0 ? StateBytes.readVarint(in) : in.readDouble();
    double low = in.readDouble();
    records[at + 2 + 2 * c] = low;
    records[at + 3 + 2 * c] = (flags & ONE_SCORE) != 0 ? low : in.readDouble();
  }
}
