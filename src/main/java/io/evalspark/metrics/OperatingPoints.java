package io.evalspark.metrics;

import java.math.BigDecimal;
import java.util.List;

/**
 * Operating points over thresholds where a row is positive iff its score is at or above the
 * threshold, as Keras's PrecisionAtRecall, RecallAtPrecision, SensitivityAtSpecificity and
 * SpecificityAtSensitivity define them, and the largest F1. Each is the best value among the
 * thresholds whose counts the cells know ({@link HistogramView#thresholds}), with the threshold
 * it is reached at (the highest, on a tie). These are optimal at a positive's score, so the values
 * are exact once no cell holds two distinct positive scores with negatives among them (one pass on
 * 3-decimal scores, or refinement); otherwise each is reached exactly at its threshold and the best
 * over all thresholds may be higher. NaN where no threshold meets the target.
 */
public final class OperatingPoints {
  private OperatingPoints() {}

  /** A best value and the threshold it is reached at. */
  public record Best(double value, double threshold) {
    static final Best NONE = new Best(Double.NaN, Double.NaN);
  }

  /** The targets an evaluation reports operating points at; NaN for none. */
  public record Targets(double recall, double precision, double specificity, double sensitivity)
      implements java.io.Serializable {
    /** No targets. */
    public static final Targets NONE = new Targets(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** What a target must be. */
    public static final String RULE = "an operating point's target must be in (0, 1]";

    /** The kinds of target, in the order of the components. */
    public static final List<String> KINDS = List.of("recall", "precision", "specificity", "sensitivity");

    /** Only the target of kind {@code kind} (an index into {@link #KINDS}), at {@code value}. */
    public static Targets only(int kind, double value) {
      BinarySettings.given(value, RULE);
      double[] t = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
      t[kind] = value;
      return new Targets(t[0], t[1], t[2], t[3]);
    }

    /** The target of kind {@code kind} (an index into {@link #KINDS}); NaN for none. */
    public double of(int kind) {
      return new double[] {recall, precision, specificity, sensitivity}[kind];
    }

    /** Checks each target given: a number in (0, 1]. */
    public Targets {
      for (double t : new double[] {recall, precision, specificity, sensitivity}) {
        if (!Double.isNaN(t) && !(t > 0.0 && t <= 1.0)) {
          throw new IllegalArgumentException(RULE + ", got " + t);
        }
      }
    }
  }

  /** A target as it appears in a metric's name: 0.9, 0.99, 1. */
  public static String named(double target) {
    return BigDecimal.valueOf(target).stripTrailingZeros().toPlainString();
  }

  /** The largest precision among thresholds whose recall is at least {@code recall}. */
  public static Best precisionAtRecall(HistogramView h, double recall) {
    return best(h, (tp, fp) -> tp / h.totalPositives() >= recall, (tp, fp) -> tp / (tp + fp), h.totalPositives() > 0);
  }

  /** The largest recall among thresholds whose precision is at least {@code precision}. */
  public static Best recallAtPrecision(HistogramView h, double precision) {
    return best(h, (tp, fp) -> tp / (tp + fp) >= precision, (tp, fp) -> tp / h.totalPositives(), h.totalPositives() > 0);
  }

  /** The largest sensitivity (recall) among thresholds whose specificity is at least {@code specificity}. */
  public static Best sensitivityAtSpecificity(HistogramView h, double specificity) {
    return best(h, (tp, fp) -> 1.0 - fp / h.totalNegatives() >= specificity, (tp, fp) -> tp / h.totalPositives(),
        h.totalPositives() > 0 && h.totalNegatives() > 0);
  }

  /** The largest specificity among thresholds whose sensitivity (recall) is at least {@code sensitivity}. */
  public static Best specificityAtSensitivity(HistogramView h, double sensitivity) {
    return best(h, (tp, fp) -> tp / h.totalPositives() >= sensitivity, (tp, fp) -> 1.0 - fp / h.totalNegatives(),
        h.totalPositives() > 0 && h.totalNegatives() > 0);
  }

  /** The largest F1, 2 tp / (2 tp + fp + fn), over thresholds. */
  public static Best maxF1(HistogramView h) {
    double p = h.totalPositives();
    return best(h, (tp, fp) -> true, (tp, fp) -> 2 * tp / (tp + fp + p), p > 0);
  }

  @FunctionalInterface
  private interface Of {
    double at(double tp, double fp);
  }

  @FunctionalInterface
  private interface When {
    boolean holds(double tp, double fp);
  }

  private static Best best(HistogramView h, When meets, Of value, boolean defined) {
    if (!defined) {
      return Best.NONE;
    }
    double[] best = {Double.NaN, Double.NaN}; // value and threshold
    h.thresholds((threshold, tp, fp) -> {
      if (tp + fp > 0 && meets.holds(tp, fp)) {
        double v = value.at(tp, fp);
        if (Double.isNaN(best[0]) || v > best[0]) {
          best[0] = v;
          best[1] = threshold;
        }
      }
    });
    return new Best(best[0], best[1]);
  }
}
