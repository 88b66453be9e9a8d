package io.evalspark.metrics;

/**
 * A state held for later: the state itself, or only its byte form, read again at each {@link
 * #state()}. A state of 10,000 dense bins takes 640 KB; its byte form holds only the filled bins
 * (about 52 KB for 5,000 rows that weigh 1), so a driver that holds many slices holds them as
 * bytes. A binary state refined by {@code --auc-tolerance} keeps its refined cells beside its byte
 * form, which does not hold them ({@link #refined}). The interval states read from its byte form
 * share the intervals any of them found ({@link KnownIntervals}).
 */
public final class KeptState {
  /** The state, when kept itself; null when kept as {@link #bytes}. */
  private final EvaluationState<?> state;
  private final byte[] bytes;
  /** The ranking cells of refinement passes over the binary state's rows, or null. */
  private final HistogramView refinedCells;
  private final BinaryState.Refinement refinement;
  /** The intervals found by the interval states read from {@link #bytes}, which they share; null until one is read. */
  private KnownIntervals intervals;

  private KeptState(EvaluationState<?> state, byte[] bytes) {
    this(state, bytes, null, null);
  }

  private KeptState(EvaluationState<?> state, byte[] bytes, HistogramView refinedCells,
      BinaryState.Refinement refinement) {
    this.state = state;
    this.bytes = bytes;
    this.refinedCells = refinedCells;
    this.refinement = refinement;
  }

  /** Keeps {@code state} itself, as it is and as it may still change. */
  public static KeptState itself(EvaluationState<?> state) {
    return new KeptState(state, null);
  }

  /** Keeps a state's byte form ({@link EvaluationState#toByteArray()}) only. */
  public static KeptState ofBytes(byte[] bytes) {
    return new KeptState(null, bytes);
  }

  /** Keeps the byte form of {@code state} as it is now. */
  public static KeptState asBytes(EvaluationState<?> state) {
    return ofBytes(state.toByteArray());
  }

  /**
   * The same binary state (or interval state of one) refined: its ranking metrics and curves come
   * from {@code cells} ({@link BinaryState#refine}). Kept as bytes, it holds the cells (a few dozen
   * bytes each, the filled ones only) and not the state's bins, which may take 640 KB.
   */
  public KeptState refined(HistogramView cells, BinaryState.Refinement summary) {
    return new KeptState(state, bytes, cells, summary);
  }

  /**
   * The state: the one kept itself, or one read from the byte form at each call (so that a caller
   * asking for several of its figures reads it once, and changing it changes nothing kept here);
   * refined when {@link #refined} made this.
   */
  public EvaluationState<?> state() {
    EvaluationState<?> out = state != null ? state : EvaluationStates.fromByteArray(bytes);
    if (refinedCells != null) {
      ((BinaryState) IntervalState.whole(out)).refine(refinedCells, refinement);
    }
    if (state == null && out instanceof IntervalState read) {
      read.share(knownIntervals()); // computed once for all reads: 100 groups merged and measured
    }
    return out;
  }

  private synchronized KnownIntervals knownIntervals() {
    if (intervals == null) {
      intervals = new KnownIntervals();
    }
    return intervals;
  }

  /**
   * Adds this state into {@code into}: from its byte form without reading it into a state of its
   * own when kept as bytes ({@link EvaluationStates#mergeBytes}).
   */
  public void mergeInto(EvaluationState<?> into) {
    if (state != null) {
      EvaluationStates.merge(into, state);
    } else {
      EvaluationStates.mergeBytes(into, bytes);
    }
  }

  /** A state of its own, equal to this one: changing it changes nothing kept here. */
  public EvaluationState<?> copy() {
    return EvaluationStates.fromByteArray(byteForm());
  }

  /**
   * The same state kept as bytes, without a refinement (which the byte form does not hold): this
   * one when it is just that.
   */
  public KeptState asBytes() {
    return bytes != null && refinedCells == null ? this : ofBytes(byteForm());
  }

  /** The byte form kept, or that of the state kept itself as it is now. */
  private byte[] byteForm() {
    return bytes != null ? bytes : state.toByteArray();
  }
}
