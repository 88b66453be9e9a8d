package io.evalspark.metrics;

import io.evalspark.core.Task;
import io.evalspark.loss.FocalLoss;
import io.evalspark.loss.Logistic;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * Settings of a binary evaluation: the decision threshold on the probability scale, whether scores
 * are logits, the histogram resolution, the F-beta (NaN for none), the curve size and the targets
 * of operating points ({@code --at}), the focal loss's gamma and alpha (NaN: no class balancing), and
 * the user's own metrics.
 */
public record BinarySettings(double threshold, boolean fromLogits, int bins, double beta, int curvePoints,
    OperatingPoints.Targets at, double focalGamma, double focalAlpha, CustomMetrics custom) implements TaskSettings {
  /** Each bin costs 64 bytes per state (see {@link #BYTES_PER_BIN}), so a state stays under 64 MB. */
  public static final int MAX_BINS = 1_000_000;
  /**
   * What a filled bin costs a state at most: two classes, a sum and its compensation each, and the
   * lowest and highest score of each class.
   */
  public static final int BYTES_PER_BIN = 64;

  /** What a state of these settings whose bins are all filled takes at most: {@link #BYTES_PER_BIN} a bin. */
  public long denseStateBytes() {
    return (long) BYTES_PER_BIN * bins;
  }

  /** What a beta must be. */
  public static final String BETA_RULE = "beta must be a positive finite number";
  /** What a binary score column should be. */
  public static final String SCORE = "a numeric column (the probability of the positive class) or an array or ML"
      + " vector of 2 class probabilities";

  /**
   * {@code value}, given for a setting whose NaN means "none" (no fbeta, no class balancing, no
   * target): a NaN given asks for what it would drop, so it is refused as {@code rule} says.
   */
  public static double given(double value, String rule) {
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException(rule + ", got NaN");
    }
    return value;
  }

  /** {@code beta}, checked as F-beta's beta: a positive finite number, or NaN for none. */
  public static double checkedBeta(double beta) {
    if (!Double.isNaN(beta) && !(beta > 0.0 && !Double.isInfinite(beta))) {
      throw new IllegalArgumentException(BETA_RULE + ", got " + beta);
    }
    return beta;
  }

  /** Threshold 0.5, probabilities, 10,000 bins, no F-beta, curves of up to 200 points. */
  public static BinarySettings defaults() {
    return new BinarySettings(0.5, false, ScoreHistogram.DEFAULT_BINS, Double.NaN, 200);
  }

  /** Settings without operating points, and Keras's default focal loss. */
  public BinarySettings(double threshold, boolean fromLogits, int bins, double beta, int curvePoints) {
    this(threshold, fromLogits, bins, beta, curvePoints, OperatingPoints.Targets.NONE, FocalLoss.DEFAULT_GAMMA,
        Double.NaN, CustomMetrics.NONE);
  }

  /** The same settings with these operating point targets. */
  public BinarySettings at(OperatingPoints.Targets targets) {
    return new BinarySettings(threshold, fromLogits, bins, beta, curvePoints, targets, focalGamma, focalAlpha, custom);
  }

  /** The same settings with this focal loss: focusing {@code gamma}, class balancing by {@code alpha} (NaN: none). */
  public BinarySettings focal(double gamma, double alpha) {
    return new BinarySettings(threshold, fromLogits, bins, beta, curvePoints, at, gamma, alpha, custom);
  }

  /** The same settings with these custom metrics. */
  public BinarySettings with(CustomMetrics metrics) {
    return new BinarySettings(threshold, fromLogits, bins, beta, curvePoints, at, focalGamma, focalAlpha, metrics);
  }

  /** The same settings with a histogram of {@code count} bins. */
  public BinarySettings withBins(int count) {
    return new BinarySettings(threshold, fromLogits, count, beta, curvePoints, at, focalGamma, focalAlpha, custom);
  }

  /** The focal loss of these settings. */
  public FocalLoss focalLoss() {
    return new FocalLoss(focalGamma, focalAlpha, fromLogits);
  }

  /** Checks the settings, naming the one that is wrong. */
  public BinarySettings {
    at = at == null ? OperatingPoints.Targets.NONE : at;
    custom = custom == null ? CustomMetrics.NONE : custom;
    if (!(threshold >= 0.0 && threshold <= 1.0)) {
      throw new IllegalArgumentException("threshold must be a probability in [0, 1], got " + threshold);
    }
    if (bins < 1 || bins > MAX_BINS) {
      throw new IllegalArgumentException("bins must be between 1 and " + MAX_BINS + ", got " + bins);
    }
    checkedBeta(beta);
    if (curvePoints < 2) {
      throw new IllegalArgumentException("curve points must be at least 2, got " + curvePoints);
    }
    new FocalLoss(focalGamma, focalAlpha, fromLogits); // checks gamma and alpha
    if (!custom.isEmpty()) {
      custom.requireNoneOf(BinaryCatalogue.CATALOGUE);
    }
  }

  /**
   * Why a row cannot be evaluated, or null when it can: label NaN (or null) or not 0/1; score NaN
   * (or null), outside [0, 1] (probabilities) or infinite (logits); weight NaN (or null), negative
   * or infinite.
   */
  public String invalidReason(double label, double score, double weight) {
    if (Double.isNaN(label)) {
      return "label is null or NaN";
    }
    if (label != 0.0 && label != 1.0) {
      return "label is not 0 or 1";
    }
    if (Double.isNaN(score)) {
      return "score is null or NaN";
    }
    if (fromLogits ? Double.isInfinite(score) : (score < 0.0 || score > 1.0)) {
      return fromLogits ? "score (a logit) is infinite" : "score is not a probability in [0, 1]";
    }
    return Weights.invalidReason(weight);
  }

  /** The probability of a row's score: the score itself, or the sigmoid of a logit. */
  public double probability(double score) {
    return fromLogits ? Logistic.sigmoid(score) : score;
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeDouble(threshold);
    out.writeBoolean(fromLogits);
    out.writeInt(bins);
    out.writeDouble(beta);
    out.writeInt(curvePoints);
    out.writeDouble(at.recall());
    out.writeDouble(at.precision());
    out.writeDouble(at.specificity());
    out.writeDouble(at.sensitivity());
    out.writeDouble(focalGamma);
    out.writeDouble(focalAlpha);
    custom.writeTo(out);
  }

  /**
   * Reads settings; format version 1 had no operating points, and versions before 3 no focal loss
   * (they read with Keras's default one) and no custom metrics.
   */
  static BinarySettings readFrom(DataInput in, int version) throws IOException {
    BinarySettings s = new BinarySettings(in.readDouble(), in.readBoolean(), in.readInt(), in.readDouble(), in.readInt());
    if (version >= 2) {
      s = s.at(new OperatingPoints.Targets(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()));
    }
    return version >= 3 ? s.focal(in.readDouble(), in.readDouble()).with(CustomMetrics.readFrom(in)) : s;
  }

  @Override
  public Task task() {
    return Task.BINARY;
  }

  @Override
  public BinaryState emptyState() {
    return new BinaryState(this);
  }

  @Override
  public List<String> metricNames() {
    List<String> names = new java.util.ArrayList<>(BinaryCatalogue.CATALOGUE.names(this));
    names.addAll(custom.reported());
    return names;
  }
}
