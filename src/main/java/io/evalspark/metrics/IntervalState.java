package io.evalspark.metrics;

import java.io.DataInput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A task's state with what its confidence intervals come from, in the same pass: beside the state
 * of all rows ({@link #whole()}), {@link #GROUPS} states of the same task, each row counted in the
 * one its group number picks (a hash of the row, or of its interval key, so the same rows give the
 * same groups every run). Deleting one group at a time gives the delete-a-group jackknife of every
 * metric ({@link Intervals}). The groups' binary histograms have at most {@link #GROUP_BINS} bins
 * and no score ranges (their jackknife spread is that of the full histogram's to the test's two
 * decimals), so the state's memory is at most that of the whole state plus {@code GROUPS} of those
 * (the README states the factor); every other statistic they hold is the whole state's. A binary
 * task's rows reach its groups through {@link BinaryGroupSums}, which gathers them in flat sums.
 */
public final class IntervalState implements EvaluationState<IntervalState> {
  /** The groups; the jackknife's standard error has this many less one degrees of freedom. */
  public static final int GROUPS = 100;
  /** The most histogram bins of a group's binary state. */
  static final int GROUP_BINS = 200;

  private final EvaluationState<?> whole;
  private final EvaluationState<?>[] groups;
  /** A binary task's rows of its groups as they are gathered; null for other tasks. */
  private final BinaryGroupSums binaryGroups;
  /** The rows this state was given in its task, for their group numbers; not kept in its byte form. */
  private long rowsGiven;
  /** The metrics without each group that held rows, once asked for; a merge forgets them. */
  private List<Map<String, Double>> leftOut;
  /**
   * The intervals found, by level: this state's own, or those of the {@link KeptState} it was read
   * from ({@link #share}); a merge forgets them. Null until first needed (and after Java's
   * serialisation, which leaves them out).
   */
  private transient KnownIntervals known;

  /** An empty state of {@code settings} with its groups. */
  public IntervalState(TaskSettings settings) {
    this(settings.emptyState(), emptyGroups(groupSettings(settings)));
  }

  private IntervalState(EvaluationState<?> whole, EvaluationState<?>[] groups) {
    this.whole = whole;
    this.groups = groups;
    this.binaryGroups = groups instanceof BinaryState[] b ? new BinaryGroupSums(b) : null;
  }

  /**
   * Empty group states. A binary group's histogram keeps no score ranges: they would narrow the
   * group's certified bounds, which no interval reads, and cost each row one more cache line.
   */
  private static EvaluationState<?>[] emptyGroups(TaskSettings settings) {
    if (settings instanceof BinarySettings b) {
      BinaryState[] groups = new BinaryState[GROUPS];
      for (int g = 0; g < GROUPS; g++) {
        groups[g] = new BinaryState(b, false);
      }
      return groups;
    }
    EvaluationState<?>[] groups = new EvaluationState<?>[GROUPS];
    for (int g = 0; g < GROUPS; g++) {
      groups[g] = settings.emptyState();
    }
    return groups;
  }

  /** The settings of a group's state: the task's, with a binary histogram of at most {@link #GROUP_BINS} bins. */
  static TaskSettings groupSettings(TaskSettings settings) {
    if (settings instanceof BinarySettings b && b.bins() > GROUP_BINS) {
      return b.withBins(GROUP_BINS);
    }
    return settings;
  }

  /**
   * An upper bound of the memory of a binary interval state that its rows made dense: the whole
   * state's bins and its groups' (at most {@link #GROUP_BINS} each), each at {@link
   * BinarySettings#BYTES_PER_BIN}, and the histogram of all groups that {@link BinaryGroupSums}
   * gathers their rows in (two sums a bin). 2.24 MB at the default bins.
   */
  public static long denseBytes(BinarySettings settings) {
    int groupBins = Math.min(settings.bins(), GROUP_BINS);
    return settings.denseStateBytes() + (long) GROUPS * groupBins * (BinarySettings.BYTES_PER_BIN + 2 * Double.BYTES);
  }

  /** The state of all rows: every metric's value. */
  public EvaluationState<?> whole() {
    return whole;
  }

  /**
   * Where a binary task's row is counted in its group ({@link BinaryState#update(double, double,
   * double, BinaryGroupSums, long)}); null for other tasks.
   */
  public BinaryGroupSums binaryGroups() {
    return binaryGroups;
  }

  /** The group state a row whose group number is {@code number} (any long, a hash) is counted in. */
  public EvaluationState<?> group(long number) {
    return groups[groupIndex(number)];
  }

  /** The index, from 0 to {@link #GROUPS} - 1, of the group of a row whose group number is {@code number}. */
  public static int groupIndex(long number) {
    return (int) Math.floorMod(number, (long) GROUPS);
  }

  /** The place of the next row this state is given, counting from 0: what a row's group number hashes. */
  public long nextRow() {
    return rowsGiven++;
  }

  /** The intervals of {@code state} at {@code level}, or null when it has none or no level is given. */
  public static Intervals intervals(EvaluationState<?> state, Double level) {
    return state instanceof IntervalState s && level != null ? s.intervals(level) : null;
  }

  /** {@code state}'s state of all rows when it is an interval state, else {@code state} itself. */
  public static EvaluationState<?> whole(EvaluationState<?> state) {
    return state instanceof IntervalState s ? s.whole : state;
  }

  @Override
  public void merge(IntervalState other) {
    leftOut = null;
    known = null; // no longer the rows whose intervals were found, here or in a kept state
    drain();
    other.drain();
    EvaluationStates.merge(whole, other.whole);
    for (int g = 0; g < GROUPS; g++) {
      EvaluationStates.merge(groups[g], other.groups[g]);
    }
  }

  @Override
  public TaskSettings settings() {
    return whole.settings();
  }

  @Override
  public double evaluatedWeight() {
    return whole.evaluatedWeight();
  }

  @Override
  public RowCounts rowCounts() {
    return whole.rowCounts();
  }

  @Override
  public Map<String, Double> metrics() {
    return whole.metrics();
  }

  @Override
  public Details details() {
    return whole.details();
  }

  /**
   * Every metric's interval at {@code level} (for example 0.95) by the delete-a-group jackknife:
   * each group left out in turn (the merge of the groups before it and of those after it), the
   * metric of what is left, and their spread.
   */
  public Intervals intervals(double level) {
    if (known == null) {
      known = new KnownIntervals();
    }
    Intervals found = known.at(level);
    if (found == null) {
      drain();
      if (leftOut == null) {
        leftOut = leftOut();
      }
      found = Intervals.jackknife(whole.metrics(), leftOut, level);
      known.add(found);
    }
    return found;
  }

  /**
   * Finds and keeps its intervals in {@code known}, those of the kept state it was just read from,
   * whose other reads share them: the same rows, the same intervals.
   */
  void share(KnownIntervals known) {
    this.known = known;
  }

  private List<Map<String, Double>> leftOut() {
    int n = groups.length;
    List<EvaluationState<?>> before = new ArrayList<>(); // before.get(g): groups 0..g-1
    EvaluationState<?> running = groups[0].settings().emptyState();
    for (int g = 0; g < n; g++) {
      before.add(copy(running));
      EvaluationStates.merge(running, groups[g]);
    }
    List<Map<String, Double>> leftOut = new ArrayList<>();
    EvaluationState<?> after = groups[0].settings().emptyState(); // groups g+1..n-1
    for (int g = n - 1; g >= 0; g--) {
      if (groups[g].rowCounts().evaluatedRows() > 0) {
        EvaluationState<?> rest = before.get(g);
        EvaluationStates.merge(rest, after);
        leftOut.add(rest.metrics());
      }
      EvaluationStates.merge(after, groups[g]);
    }
    return leftOut;
  }

  /** Adds the group rows gathered so far to the group states. */
  private void drain() {
    if (binaryGroups != null) {
      binaryGroups.drain();
    }
  }

  /** A copy of {@code state}: an empty state of its settings with it merged in. */
  private static EvaluationState<?> copy(EvaluationState<?> state) {
    EvaluationState<?> c = state.settings().emptyState();
    EvaluationStates.merge(c, state);
    return c;
  }

  @Override
  public byte[] toByteArray() {
    drain();
    return StateBytes.write('I', out -> {
      byte[] w = whole.toByteArray();
      out.writeInt(w.length);
      out.write(w);
      out.writeInt(groups.length);
      for (EvaluationState<?> g : groups) {
        byte[] b = g.toByteArray();
        out.writeInt(b.length);
        out.write(b);
      }
    });
  }

  /** Reads a state written by {@link #toByteArray()}. */
  public static IntervalState fromByteArray(byte[] bytes) {
    return StateBytes.read(bytes, 'I', "interval state", (in, version) -> {
      EvaluationState<?> whole = EvaluationStates.fromByteArray(readBytes(in));
      int n = in.readInt();
      if (n != GROUPS) {
        throw new IOException("it has " + n + " groups; this build's interval states have " + GROUPS);
      }
      EvaluationState<?>[] groups = whole instanceof BinaryState ? new BinaryState[n] : new EvaluationState<?>[n];
      for (int g = 0; g < n; g++) {
        groups[g] = EvaluationStates.fromByteArray(readBytes(in));
      }
      return new IntervalState(whole, groups);
    });
  }

  private static byte[] readBytes(DataInput in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return b;
  }
}
