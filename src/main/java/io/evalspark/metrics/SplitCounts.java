package io.evalspark.metrics;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * What a refinement pass counts for one state's {@link CellSplit}: the weight of positives and
 * negatives in each part of the split cells, and each part's score ranges. Mergeable. A part is
 * one record of six doubles (48 bytes), so a row touches one or two cache lines however many
 * parts there are; the rounding of the weight sums is kept apart, and only once a sum has rounded
 * (whole-number weights never do). A task counts into records for every part; serialised and read,
 * only the parts the rows reached are held, by ascending part, and written compactly ({@link
 * ReachedParts}). Merged counts stay in that form while they reach few parts.
 */
public final class SplitCounts implements Serializable {
  private static final long serialVersionUID = 3L;
  /** Per part: positive weight, negative weight, lowest and highest positive, lowest and highest negative score. */
  static final int STRIDE = 6;
  /** A task counts into the records of the parts it reached until they are one in this many of all. */
  private static final int FEW = 32;
  /**
   * Two reached-parts forms merge part by part while together they hold fewer than one in this many
   * of all parts; beyond, into a record for every part, which later merges add to in place: merging
   * forms of a million parts each would otherwise allocate and copy a hundred megabytes a merge.
   */
  private static final int MANY = 4;
  /** Counting needs the plan; merging and reading do not, so it is not serialised. */
  private final transient CellSplit split;
  private transient int size;
  /**
   * While counting, the parts reached so far while they are fewer than one in {@link #FEW} of all,
   * or null: after that, every part's record ({@link #parts}).
   */
  private transient FewParts few;
  /** Every part's record while counting many rows, or null. */
  private transient double[] parts;
  /** The rounding left out of each part's two weight sums, or null while none has rounded. */
  private transient double[] compensation;
  /** The reached parts' indices (ascending), records and roundings (null if none rounded). */
  private transient int[] reached;
  private transient double[] reachedParts;
  private transient double[] reachedCompensation;
  /** Each row's part in the batch being counted. */
  private transient int[] batchParts;

  SplitCounts(CellSplit split) {
    this.split = split;
    this.size = split.parts();
    this.few = new FewParts(size, size / FEW + 1);
  }

  private SplitCounts(ReachedParts read) {
    this.split = null;
    take(read);
  }

  private void take(ReachedParts read) {
    size = read.size();
    reached = read.parts();
    reachedParts = read.records();
    reachedCompensation = read.roundings();
  }

  /**
   * The byte form of these counts, as a task sends them: only the parts rows reached, compactly
   * ({@link ReachedParts}). {@link #fromByteArray} reads it back, without the plan, to merge and read.
   */
  public byte[] toByteArray() {
    if (few != null) {
      reachedOnly();
    }
    try {
      return parts == null ? ReachedParts.toBytes(size, reached, reachedParts, reachedCompensation)
          : ReachedParts.toBytesOfEveryPart(size, parts, compensation);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Counts from their byte form ({@link #toByteArray}). */
  public static SplitCounts fromByteArray(byte[] bytes) {
    try {
      return new SplitCounts(ReachedParts.fromBytes(bytes));
    } catch (IOException e) {
      throw new IllegalArgumentException("damaged refinement counts: " + e.getMessage(), e);
    }
  }

  /** {@code n} records of empty parts: no weight, and ranges that hold nothing. */
  static double[] emptyRecords(int n) {
    double[] a = new double[n * STRIDE];
    for (int at = 0; at < a.length; at += STRIDE) {
      a[at + 2] = Double.POSITIVE_INFINITY;
      a[at + 3] = Double.NEGATIVE_INFINITY;
      a[at + 4] = Double.POSITIVE_INFINITY;
      a[at + 5] = Double.NEGATIVE_INFINITY;
    }
    return a;
  }

  /** Counts one evaluated row by its probability, class and weight; rows outside the split cells add nothing. */
  public void update(double p, boolean positive, double w) {
    int part = split.partOf(p);
    if (part >= 0) {
      count(part, positive, w, p);
    }
  }

  /** Counts a row of part {@code part}: into the few parts' records while they are few, else into every part's. */
  private void count(int part, boolean positive, double w, double p) {
    if (few == null) {
      counting();
      compensation = add(parts, compensation, part, positive, w, p, p);
      return;
    }
    int k = few.recordOf(part);
    few.roundings = add(few.records, few.roundings, k, positive, w, p, p);
    if (few.count() > size / FEW) {
      counting();
    }
  }

  /**
   * Counts rows {@code 0..n-1} of a batch, each an evaluated row's probability, class and weight:
   * first every row's part, then the counts, so that the counts' cache misses overlap.
   */
  public void update(double[] p, boolean[] positive, double[] w, int n) {
    if (batchParts == null || batchParts.length < n) {
      batchParts = new int[Math.max(n, 1024)];
    }
    int[] part = batchParts;
    for (int i = 0; i < n; i++) {
      part[i] = split.partOf(p[i]);
    }
    for (int i = 0; i < n; i++) {
      if (part[i] >= 0) {
        count(part[i], positive[i], w[i], p[i]);
      }
    }
  }

  /**
   * Adds weight {@code w} of a class, and its score range [{@code low}, {@code high}], to record
   * {@code k} of {@code records}; returns the roundings, allocated (two a record) once a sum rounds.
   */
  private static double[] add(double[] records, double[] roundings, int k, boolean positive, double w, double low,
      double high) {
    int at = k * STRIDE;
    int c = positive ? 0 : 1;
    double s = records[at + c];
    double t = s + w;
    double error = Math.abs(s) >= Math.abs(w) ? (s - t) + w : (w - t) + s;
    if (error != 0.0) {
      if (roundings == null) {
        roundings = new double[2 * (records.length / STRIDE)];
      }
      roundings[2 * k + c] += error;
    }
    records[at + c] = t;
    int r = at + (positive ? 2 : 4);
    if (low < records[r]) {
      records[r] = low;
    }
    if (high > records[r + 1]) {
      records[r + 1] = high;
    }
    return roundings;
  }

  /** Adds record {@code k} of {@code records} (and its roundings, if any) into record {@code into} of {@code out}. */
  private static double[] addRecord(double[] out, double[] outRoundings, int into, double[] records,
      double[] roundings, int k) {
    int at = k * STRIDE;
    for (int c = 0; c < 2; c++) {
      boolean positive = c == 0;
      double w = records[at + c];
      double low = records[at + 2 + 2 * c];
      double high = records[at + 3 + 2 * c];
      if (w != 0.0 || low <= high) {
        outRoundings = add(out, outRoundings, into, positive, w, low, high);
      }
      if (roundings != null && roundings[2 * k + c] != 0.0) {
        outRoundings = add(out, outRoundings, into, positive, roundings[2 * k + c], low, high);
      }
    }
    return outRoundings;
  }

  /** Adds the counts of another pass over other rows, for the same plan. */
  public SplitCounts merge(SplitCounts other) {
    if (other.size != size) {
      throw new IllegalArgumentException("cannot merge the counts of " + other.size + " parts into " + size);
    }
    if (few != null) {
      reachedOnly();
    }
    if (other.few != null) {
      other.reachedOnly();
    }
    if (parts == null && other.parts == null && (long) reached.length + other.reached.length < size / MANY) {
      mergeReached(other);
      return this;
    }
    counting();
    if (other.parts != null) {
      for (int part = 0; part < size; part++) {
        if (ReachedParts.isReached(other.parts, part)) {
          compensation = addRecord(parts, compensation, part, other.parts, other.compensation, part);
        }
      }
    } else {
      for (int k = 0; k < other.reached.length; k++) {
        compensation = addRecord(parts, compensation, other.reached[k], other.reachedParts, other.reachedCompensation, k);
      }
    }
    return this;
  }

  /** Merges two reached-parts forms part by part, in the order of their parts: no record for every part. */
  private void mergeReached(SplitCounts other) {
    int a = reached.length;
    int b = other.reached.length;
    int[] indices = new int[a + b];
    double[] records = emptyRecords(a + b);
    double[] roundings = null;
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a || j < b) {
      int part = j == b || (i < a && reached[i] <= other.reached[j]) ? reached[i] : other.reached[j];
      if (i < a && reached[i] == part) {
        roundings = addRecord(records, roundings, n, reachedParts, reachedCompensation, i++);
      }
      if (j < b && other.reached[j] == part) {
        roundings = addRecord(records, roundings, n, other.reachedParts, other.reachedCompensation, j++);
      }
      indices[n++] = part;
    }
    reached = Arrays.copyOf(indices, n);
    reachedParts = Arrays.copyOf(records, n * STRIDE);
    reachedCompensation = roundings == null ? null : Arrays.copyOf(roundings, 2 * n);
  }

  /**
   * Copies record {@code k} of {@code records}, and its two roundings unless {@code roundings} is
   * null, to record {@code i} of {@code to} and of {@code toRoundings}.
   */
  static void copyRecord(double[] records, double[] roundings, int k, double[] to, double[] toRoundings, int i) {
    System.arraycopy(records, k * STRIDE, to, i * STRIDE, STRIDE);
    if (roundings != null) {
      toRoundings[2 * i] = roundings[2 * k];
      toRoundings[2 * i + 1] = roundings[2 * k + 1];
    }
  }

  /** Makes sure there is a record for every part, to count or merge into. */
  private void counting() {
    if (parts != null) {
      return;
    }
    parts = emptyRecords(size);
    if (few != null) {
      compensation = few.copyInto(parts);
      few = null;
      return;
    }
    compensation = reachedCompensation == null ? null : new double[2 * size];
    for (int k = 0; k < reached.length; k++) {
      copyRecord(reachedParts, reachedCompensation, k, parts, compensation, reached[k]);
    }
    reached = null;
    reachedParts = null;
    reachedCompensation = null;
  }

  /** Makes sure only the reached parts are held, as they are read and serialised. */
  private void reachedOnly() {
    if (few != null) {
      take(few.inOrder(size));
      few = null;
      return;
    }
    if (parts == null) {
      return;
    }
    int n = 0;
    for (int part = 0; part < size; part++) {
      n += ReachedParts.isReached(parts, part) ? 1 : 0;
    }
    reached = new int[n];
    reachedParts = new double[n * STRIDE];
    reachedCompensation = compensation == null ? null : new double[2 * n];
    int k = 0;
    for (int part = 0; part < size; part++) {
      if (ReachedParts.isReached(parts, part)) {
        reached[k] = part;
        copyRecord(parts, compensation, part, reachedParts, reachedCompensation, k++);
      }
    }
    parts = null;
    compensation = null;
  }

  /** How many parts a row reached; {@link #part} numbers them in ascending order. */
  int reachedParts() {
    reachedOnly();
    return reached.length;
  }

  /** The part of the k-th reached part. */
  int part(int k) {
    return reached[k];
  }

  /** The positive weight of the k-th reached part. */
  double positives(int k) {
    return reachedParts[k * STRIDE] + (reachedCompensation == null ? 0.0 : reachedCompensation[2 * k]);
  }

  /** The negative weight of the k-th reached part. */
  double negatives(int k) {
    return reachedParts[k * STRIDE + 1] + (reachedCompensation == null ? 0.0 : reachedCompensation[2 * k + 1]);
  }

  /**
   * Copies the k-th reached part's lowest and highest positive score, then lowest and highest
   * negative score, into {@code into} from {@code at} on.
   */
  void copyRanges(int k, double[] into, int at) {
    System.arraycopy(reachedParts, k * STRIDE + 2, into, at, ScoreRanges.WIDTH);
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    out.writeObject(toByteArray());
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    take(ReachedParts.fromBytes((byte[]) in.readObject()));
  }
}
