package io.evalspark.metrics;

import io.evalspark.loss.BinaryCrossEntropy;
import io.evalspark.loss.Logistic;
import io.evalspark.loss.SquaredError;
import java.util.LinkedHashMap;
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

  /** Bins of the score distribution in the report. */
  static final int DISTRIBUTION_BINS = 50;

  /** An empty state with these settings. */
  public BinaryState(BinarySettings settings) {
    this.settings = settings;
    this.histogram = new ScoreHistogram(settings.bins());
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
    String reason = invalidReason(label, score, weight);
    if (reason != null) {
      rows.invalid(reason, "label=" + label + ", score=" + score + ", weight=" + weight);
      return;
    }
    double p = settings.fromLogits() ? Logistic.sigmoid(score) : score;
    boolean positive = label == 1.0;
    rows.evaluated();
    counts.update(positive, p >= settings.threshold(), weight);
    histogram.update(p, positive, weight);
    calibration.update(p, label, weight);
    logLoss.add(weight * (settings.fromLogits() ? LOG_LOSS_OF_LOGIT : LOG_LOSS_OF_PROBABILITY).value(label, score));
    brier.add(weight * SQUARED_ERROR.value(label, p));
    weightTotal.add(weight);
  }

  private static double orNaN(Double x) {
    return x == null ? Double.NaN : x;
  }

  private String invalidReason(double label, double score, double weight) {
    if (Double.isNaN(label)) {
      return "label is null or NaN";
    }
    if (label != 0.0 && label != 1.0) {
      return "label is not 0 or 1";
    }
    if (Double.isNaN(score)) {
      return "score is null or NaN";
    }
    if (settings.fromLogits() ? Double.isInfinite(score) : (score < 0.0 || score > 1.0)) {
      return settings.fromLogits() ? "score (a logit) is infinite" : "score is not a probability in [0, 1]";
    }
    return Weights.invalidReason(weight);
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
  public RowCounts rowCounts() {
    return rows;
  }

  @Override
  public Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("tp", counts.tp());
    m.put("fp", counts.fp());
    m.put("tn", counts.tn());
    m.put("fn", counts.fn());
    m.put("accuracy", ThresholdMetrics.accuracy(counts));
    m.put("precision", ThresholdMetrics.precision(counts));
    m.put("recall", ThresholdMetrics.recall(counts));
    m.put("specificity", ThresholdMetrics.specificity(counts));
    m.put("f1", ThresholdMetrics.fbeta(counts, 1.0));
    if (!Double.isNaN(settings.beta())) {
      m.put("fbeta", ThresholdMetrics.fbeta(counts, settings.beta()));
    }
    m.put("balanced_accuracy", ThresholdMetrics.balancedAccuracy(counts));
    m.put("mcc", ThresholdMetrics.mcc(counts));
    m.put("roc_auc", histogram.rocAuc());
    m.put("roc_auc_lower", histogram.rocAucLower());
    m.put("roc_auc_upper", histogram.rocAucUpper());
    m.put("pr_auc", histogram.prAuc());
    m.put("average_precision", histogram.averagePrecision());
    m.put("average_precision_lower", histogram.averagePrecisionLower());
    m.put("average_precision_upper", histogram.averagePrecisionUpper());
    m.put("log_loss", mean(logLoss));
    m.put("brier", mean(brier));
    m.put("ece", calibration.expectedCalibrationError());
    return m;
  }

  private double mean(CompensatedSum total) {
    double w = weightTotal.value();
    return w == 0.0 ? Double.NaN : total.value() / w;
  }

  @Override
  public Map<String, Object> details() {
    Map<String, Object> curves = new LinkedHashMap<>();
    curves.put("roc", histogram.rocCurve(settings.curvePoints()));
    curves.put("pr", histogram.prCurve(settings.curvePoints()));
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("curves", curves);
    d.put("calibration", calibration.curve());
    d.put("score_distribution", histogram.distribution(DISTRIBUTION_BINS));
    return d;
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
    return StateBytes.read(bytes, 'B', "binary state", in -> {
      BinaryState s = new BinaryState(BinarySettings.readFrom(in));
      s.rows = RowCounts.readFrom(in);
      s.counts = ConfusionCounts.readFrom(in);
      s.histogram = ScoreHistogram.readFrom(in);
      s.calibration = CalibrationBins.readFrom(in);
      s.logLoss = CompensatedSum.readFrom(in);
      s.brier = CompensatedSum.readFrom(in);
      s.weightTotal = CompensatedSum.readFrom(in);
      return s;
    });
  }
}
