package io.evalspark.metrics;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything a binary evaluation needs from its rows: confusion counts at the threshold, a score
 * histogram per class, calibration bins, and the sums of the mean losses ({@link BinaryLosses}). A
 * row is positive iff its label is 1 and is predicted positive iff its probability is at or above
 * the threshold.
 */
public final class BinaryState implements EvaluationState<BinaryState> {
  private final BinarySettings settings;
  private final BinaryLosses losses;
  /** A row's loss terms, reused from row to row. */
  private final double[] terms;
  private RowCounts rows;
  private ConfusionCounts counts;
  private ScoreHistogram histogram;
  private CalibrationBins calibration;
  private CompensatedSum[] lossSums;
  private CustomStates customStates;
  private CompensatedSum weightTotal;
  private HistogramView refined;
  private Refinement refinement;

  /** Bins of the score distribution in the report. */
  static final int DISTRIBUTION_BINS = 50;

  /** An empty state with these settings. */
  public BinaryState(BinarySettings settings) {
    this(settings, true);
  }

  /**
   * An empty state whose histogram keeps its bins' score ranges, or, without {@code scoreRanges}
   * (an interval group's), only their weights.
   */
  BinaryState(BinarySettings settings, boolean scoreRanges) {
    this.settings = settings;
    this.losses = new BinaryLosses(settings);
    this.terms = new double[losses.size()];
    this.histogram = new ScoreHistogram(settings.bins(), scoreRanges);
    emptyCounts();
  }

  /** Empties everything but the histogram: row counts, confusion counts, calibration bins, sums and custom states. */
  private void emptyCounts() {
    rows = new RowCounts();
    counts = new ConfusionCounts();
    calibration = new CalibrationBins(CalibrationBins.DEFAULT_BINS);
    lossSums = newSums(losses.size());
    customStates = new CustomStates(settings.custom().classes());
    weightTotal = new CompensatedSum();
  }

  /**
   * An empty state about to count {@code rows} rows at once (a slice's kept rows): its histogram is
   * dense from the start when that many rows could make it dense. The same state as {@link
   * #BinaryState(BinarySettings)} once they are counted, and the same byte form.
   */
  public static BinaryState forRows(BinarySettings settings, long rows) {
    BinaryState state = new BinaryState(settings);
    state.histogram.denseFor(rows);
    return state;
  }

  /**
   * Each thread's state for {@link #bytesOfRows}, kept from one slice to the next (null while in
   * use): its dense arrays (640 KB at the default bins) are then allocated once a thread instead of
   * once a slice.
   */
  private static final ThreadLocal<BinaryState> REUSED = new ThreadLocal<>();
  /** The most bins of a state a thread keeps for reuse: 6.4 MB of dense arrays. */
  private static final int REUSED_BINS_MOST = 100_000;

  /**
   * The byte form of the state of {@code rows} rows that {@code count} counts into the state it is
   * given. When that many rows could make the histogram dense, they are counted into a state this
   * thread reuses from call to call, emptied after; otherwise into a new one. The same bytes either
   * way.
   */
  public static byte[] bytesOfRows(BinarySettings settings, long rows, Consumer<BinaryState> count) {
    boolean reuse = CompensatedArray.denseFor(rows, settings.bins()) && settings.bins() <= REUSED_BINS_MOST;
    BinaryState state = null;
    if (reuse) {
      state = REUSED.get();
      REUSED.remove(); // dropped, not reused, should counting fail
    }
    if (state == null || !state.settings.equals(settings)) {
      state = forRows(settings, rows);
    }
    count.accept(state);
    byte[] bytes = state.toByteArray();
    if (reuse) {
      state.clear();
      REUSED.set(state);
    }
    return bytes;
  }

  /**
   * Empties it to what a new state of its settings holds, keeping its histogram's arrays (dense ones
   * stay dense): a state reused to count one slice after another allocates them once.
   */
  public void clear() {
    emptyCounts();
    histogram.clear();
    refined = null;
    refinement = null;
  }

  private static CompensatedSum[] newSums(int count) {
    CompensatedSum[] sums = new CompensatedSum[count];
    for (int i = 0; i < count; i++) {
      sums[i] = new CompensatedSum();
    }
    return sums;
  }

  /** Counts one row as {@link #update(double, double, double)} does, a null reading as NaN. */
  public void update(Double label, Double score, Double weight) {
    update(orNaN(label), orNaN(score), orNaN(weight));
  }

  /**
   * Counts one row, or records why it cannot be evaluated: label NaN (or null) or not 0/1; score NaN
   * (or null), outside [0, 1] (probabilities) or infinite (logits); weight NaN (or null), negative
   * or infinite. Primitive, so that Spark's rows reach the state without boxing.
   */
  public void update(double label, double score, double weight) {
    update(label, score, weight, null, 0L);
  }

  /**
   * Counts one row as {@link #update(double, double, double)} does, here and, unless {@code groups}
   * is null, in the interval group whose group number is {@code number} (the groups of an
   * interval state whose state of all rows this is): the row's terms are computed once.
   */
  public void update(double label, double score, double weight, BinaryGroupSums groups, long number) {
    String reason = settings.invalidReason(label, score, weight);
    if (reason != null) {
      rows.invalid(reason, "label=" + label + ", score=" + score + ", weight=" + weight);
      return;
    }
    double p = settings.probability(score);
    losses.terms(label, score, p, weight, terms);
    add(label, p, weight, terms);
    if (groups != null) {
      groups.add(IntervalState.groupIndex(number), label, p, weight, terms);
    }
  }

  /** Counts one valid row whose probability is {@code p} and whose weighted loss terms are given. */
  void add(double label, double p, double weight, double[] lossTerms) {
    boolean positive = label == 1.0;
    rows.evaluated();
    counts.update(positive, p >= settings.threshold(), weight);
    histogram.update(p, positive, weight);
    calibration.update(p, label, weight);
    for (int i = 0; i < lossTerms.length; i++) {
      lossSums[i].add(lossTerms[i]);
    }
    weightTotal.add(weight);
    customStates.update(label, p, weight);
  }

  /** How many loss sums it keeps: the built-in losses' and the custom formulas'. */
  int lossCount() {
    return lossSums.length;
  }

  /** The custom metric states, which rows gathered as plain sums reach directly. */
  CustomStates customStates() {
    return customStates;
  }

  /**
   * Adds rows gathered as plain sums ({@link BinaryGroupSums}): how many, their confusion counts at
   * the threshold, and their sums of each loss's terms ({@code records[from + i]} for loss i) and of
   * weights. Their histogram bins and calibration bins go to {@link #histogram()} and {@link
   * #calibration()}.
   */
  void addGathered(long evaluated, Confusion cells, double[] records, int from, double weightSum) {
    rows.evaluated(evaluated);
    counts.update(true, true, cells.tp());
    counts.update(false, true, cells.fp());
    counts.update(false, false, cells.tn());
    counts.update(true, false, cells.fn());
    for (int i = 0; i < lossSums.length; i++) {
      lossSums[i].add(records[from + i]);
    }
    weightTotal.add(weightSum);
  }

  ScoreHistogram histogram() {
    return histogram;
  }

  CalibrationBins calibration() {
    return calibration;
  }

  private static double orNaN(Double x) {
    return x == null ? Double.NaN : x;
  }

  @Override
  public void merge(BinaryState other) {
    settings.requireSame(other.settings);
    rows.merge(other.rows);
    counts.merge(other.counts);
    histogram.merge(other.histogram);
    calibration.merge(other.calibration);
    for (int i = 0; i < lossSums.length; i++) {
      lossSums[i].merge(other.lossSums[i]);
    }
    customStates.merge(other.customStates);
    weightTotal.merge(other.weightTotal);
  }

  @Override
  public BinarySettings settings() {
    return settings;
  }

  @Override
  public double evaluatedWeight() {
    return counts.total();
  }

  @Override
  public RowCounts rowCounts() {
    return rows;
  }

  @Override
  public Map<String, Double> metrics() {
    boolean undefined = Catalogue.undefined(rows.evaluatedRows(), weightTotal.value());
    Map<String, Double> metrics = BinaryCatalogue.CATALOGUE.values(settings, view(), undefined);
    List<String> custom = settings.custom().names();
    for (int i = 0; i < custom.size(); i++) {
      metrics.put(custom.get(i), undefined ? Double.NaN : mean(lossSums[BinaryLosses.COUNT + i]));
    }
    customStates.putValues(metrics, undefined);
    return metrics;
  }

  /**
   * The scores' cells the ranking metrics and curves read: the histogram's bins, or the finer
   * cells of refinement passes.
   */
  public HistogramView ranking() {
    return refined != null ? refined : histogram.view();
  }

  /**
   * Takes the cells of refinement passes over this state's rows in place of its bins for the
   * ranking metrics and curves (not for its byte form, which stays the one-pass state).
   */
  public void refine(HistogramView cells, Refinement summary) {
    this.refined = cells;
    this.refinement = summary;
  }

  /** What refinement passes did to this state, or null when none ran. */
  public Refinement refinement() {
    return refinement;
  }

  /** What refinement passes did: how many passes there were in all, and the widths they left. */
  public record Refinement(int passes, double rocAucWidth, double averagePrecisionWidth) {}

  /** A read-only view of the merged counts and sums. */
  public BinaryView view() {
    return new BinaryView(settings, counts.view(), ranking(), mean(lossSums[BinaryLosses.LOG_LOSS]),
        mean(lossSums[BinaryLosses.BRIER]), calibration.expectedCalibrationError(), mean(lossSums[BinaryLosses.HINGE]),
        mean(lossSums[BinaryLosses.SQUARED_HINGE]), mean(lossSums[BinaryLosses.FOCAL]));
  }

  private double mean(CompensatedSum total) {
    return MeanLoss.of(total, weightTotal);
  }

  @Override
  public BinaryDetails details() {
    HistogramView h = ranking();
    return new BinaryDetails(RankingCurves.roc(h, settings.curvePoints()),
        RankingCurves.precisionRecall(h, settings.curvePoints()), calibration.curve(),
        RankingCurves.distribution(h, DISTRIBUTION_BINS));
  }

  @Override
  public byte[] toByteArray() {
    return StateBytes.write('B', out -> {
      settings.writeTo(out);
      rows.writeTo(out);
      counts.writeTo(out);
      histogram.writeTo(out);
      calibration.writeTo(out);
      for (int i = 0; i < BinaryLosses.OF_VERSION_2; i++) {
        lossSums[i].writeTo(out);
      }
      weightTotal.writeTo(out);
      for (int i = BinaryLosses.OF_VERSION_2; i < lossSums.length; i++) {
        lossSums[i].writeTo(out);
      }
      customStates.writeTo(out);
    });
  }

  /**
   * Adds the state whose byte form is {@code bytes}, as {@code merge(fromByteArray(bytes))} does and
   * to the same sums, without making that state: its histogram's bins are added as they are read,
   * so a thousand slices' byte forms merge into one state without a dense state's arrays apiece.
   * Should the bytes be damaged, this state is left part-merged: drop it.
   */
  public void mergeBytes(byte[] bytes) {
    StateBytes.read(bytes, 'B', "binary state", (in, version) -> {
      settings.requireSame(BinarySettings.readFrom(in, version));
      rows.merge(RowCounts.readFrom(in));
      counts.merge(ConfusionCounts.readFrom(in));
      histogram.mergeFrom(in, version);
      calibration.merge(CalibrationBins.readFrom(in));
      for (int i = 0; i < BinaryLosses.OF_VERSION_2; i++) {
        lossSums[i].merge(CompensatedSum.readFrom(in));
      }
      weightTotal.merge(CompensatedSum.readFrom(in));
      for (int i = BinaryLosses.OF_VERSION_2; i < lossSums.length; i++) {
        lossSums[i].merge(version >= 3 ? CompensatedSum.readFrom(in) : CompensatedSum.unknown());
      }
      CustomStates custom = new CustomStates(settings.custom().classes());
      custom.readFrom(in);
      customStates.merge(custom);
      return this;
    });
  }

  /** Reads a state written by {@link #toByteArray()}. */
  public static BinaryState fromByteArray(byte[] bytes) {
    return StateBytes.read(bytes, 'B', "binary state", (in, version) -> {
      BinaryState s = new BinaryState(BinarySettings.readFrom(in, version));
      s.rows = RowCounts.readFrom(in);
      s.counts = ConfusionCounts.readFrom(in);
      s.histogram = ScoreHistogram.readFrom(in, version);
      s.calibration = CalibrationBins.readFrom(in);
      for (int i = 0; i < BinaryLosses.OF_VERSION_2; i++) {
        s.lossSums[i] = CompensatedSum.readFrom(in);
      }
      s.weightTotal = CompensatedSum.readFrom(in);
      for (int i = BinaryLosses.OF_VERSION_2; i < s.lossSums.length; i++) {
        s.lossSums[i] = version >= 3 ? CompensatedSum.readFrom(in) : CompensatedSum.unknown();
      }
      s.customStates.readFrom(in);
      return s;
    });
  }
}
