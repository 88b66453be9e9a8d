package io.evalspark.metrics;

import io.evalspark.loss.BinaryCrossEntropy;
import io.evalspark.loss.SquaredError;
import java.util.Map;

/**
 * Everything a binary evaluation needs from its rows: confusion counts at the threshold, a score
 * histogram per class, calibration bins, and the log loss and Brier sums. A row is positive iff its
 * label is 1 and is predicted positive iff its probability is at or above the threshold.
 */
public final class BinaryState implements EvaluationState<BinaryState> {
  private static final BinaryCrossEntropy LOG_LOSS_OF_PROBABILITY = new BinaryCrossEntropy(false);
  private static final BinaryCrossEntropy LOG_LOSS_OF_LOGIT = new BinaryCrossEntropy(true);
  private static final SquaredError SQUARED_ERROR = new SquaredError();

  private final BinarySettings settings;
  private RowCounts rows = new RowCounts();
  private ConfusionCounts counts = new ConfusionCounts();
  private ScoreHistogram histogram;
  private CalibrationBins calibration = new CalibrationBins(CalibrationBins.DEFAULT_BINS);
  private CompensatedSum logLoss = new CompensatedSum();
  private CompensatedSum brier = new CompensatedSum();
  private CompensatedSum weightTotal = new CompensatedSum();
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
    this.histogram = new ScoreHistogram(settings.bins(), scoreRanges);
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
    double logLossTerm = weight * (settings.fromLogits() ? LOG_LOSS_OF_LOGIT : LOG_LOSS_OF_PROBABILITY).value(label, score);
    double brierTerm = weight * SQUARED_ERROR.value(label, p);
    add(label, p, weight, logLossTerm, brierTerm);
    if (groups != null) {
      groups.add(IntervalState.groupIndex(number), label, p, weight, logLossTerm, brierTerm);
    }
  }

  /** Counts one valid row whose probability is {@code p} and whose log loss and Brier terms are given. */
  void add(double label, double p, double weight, double logLossTerm, double brierTerm) {
    boolean positive = label == 1.0;
    rows.evaluated();
    counts.update(positive, p >= settings.threshold(), weight);
    histogram.update(p, positive, weight);
    calibration.update(p, label, weight);
    logLoss.add(logLossTerm);
    brier.add(brierTerm);
    weightTotal.add(weight);
  }

  /**
   * Adds rows gathered as plain sums ({@link BinaryGroupSums}): how many, their confusion counts at
   * the threshold, and their sums of log loss and Brier terms and of weights. Their histogram bins
   * and calibration bins go to {@link #histogram()} and {@link #calibration()}.
   */
  void addGathered(long evaluated, Confusion cells, double logLossSum, double brierSum, double weightSum) {
    rows.evaluated(evaluated);
    counts.update(true, true, cells.tp());
    counts.update(false, true, cells.fp());
    counts.update(false, false, cells.tn());
    counts.update(true, false, cells.fn());
    logLoss.add(logLossSum);
    brier.add(brierSum);
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
    logLoss.merge(other.logLoss);
    brier.merge(other.brier);
    weightTotal.merge(other.weightTotal);
  }

  @Override
  public BinarySettings settings() {
    return settings;
  }

  @Override
  public RowCounts rowCounts() {
    return rows;
  }

  @Override
  public Map<String, Double> metrics() {
    return BinaryCatalogue.CATALOGUE.values(settings, view(), rows.evaluatedRows() == 0);
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
    return new BinaryView(settings, counts.view(), ranking(), mean(logLoss), mean(brier),
        calibration.expectedCalibrationError());
  }

  private double mean(CompensatedSum total) {
    double w = weightTotal.value();
    return w == 0.0 ? Double.NaN : total.value() / w;
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
      logLoss.writeTo(out);
      brier.writeTo(out);
      weightTotal.writeTo(out);
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
      s.logLoss = CompensatedSum.readFrom(in);
      s.brier = CompensatedSum.readFrom(in);
      s.weightTotal = CompensatedSum.readFrom(in);
      return s;
    });
  }
}
