package io.evalspark.train;

import io.evalspark.core.UsageException;
import io.evalspark.metrics.Intervals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stops training when a watched value stops improving, with Keras's rules: an epoch improves when
 * its value beats the best so far by more than {@code min_delta}; training stops after
 * {@code patience} epochs without one (and, with a {@code baseline}, while the best has not beaten
 * it); epochs before {@code start_from_epoch} are not watched. With {@code restore_best_weights}
 * the model ends with the best epoch's weights. With {@code min_delta=significant} an epoch improves
 * only when it beats the best by more than its own sampling error at the run's level: the normal
 * quantile times the value's standard error ({@code <monitor>_stderr} in the epoch's logs).
 */
public final class EarlyStopping {
  /** Which way is better: min, max, or auto (from the watched name). */
  public enum Mode { MIN, MAX, AUTO }

  private final String monitor;
  private final Mode mode;
  private final int patience;
  private final double minDelta;
  private final boolean significant;
  private double level = Intervals.DEFAULT_LEVEL;
  private final double baseline;
  private final int startFromEpoch;
  private final boolean restoreBestWeights;
  private boolean larger;
  private double best;
  private int bestEpoch = -1;
  private double[] bestWeights;
  private int wait;
  private int stoppedEpoch = -1;

  /** Early stopping with the given settings (epochs counted from 0, as Keras does). */
  public EarlyStopping(String monitor, Mode mode, int patience, double minDelta, double baseline,
      int startFromEpoch, boolean restoreBestWeights) {
    this(monitor, mode, patience, minDelta, false, baseline, startFromEpoch, restoreBestWeights);
  }

  private EarlyStopping(String monitor, Mode mode, int patience, double minDelta, boolean significant, double baseline,
      int startFromEpoch, boolean restoreBestWeights) {
    if (patience < 0 || startFromEpoch < 0) {
      throw new UsageException("--early-stopping: patience and start_from_epoch must be >= 0");
    }
    if (!Double.isFinite(minDelta)) { // no epoch would ever improve by NaN
      throw new UsageException("--early-stopping: min_delta must be a finite number or 'significant', got " + minDelta);
    }
    this.monitor = monitor;
    this.mode = mode;
    this.patience = patience;
    this.minDelta = Math.abs(minDelta);
    this.significant = significant;
    this.baseline = baseline;
    this.startFromEpoch = startFromEpoch;
    this.restoreBestWeights = restoreBestWeights;
  }

  /**
   * Reads {@code monitor=val_auc,mode=max,patience=3,min_delta=0.001,baseline=0.8,start_from_epoch=2,
   * restore_best_weights=true}; every key is optional (defaults: val_loss, auto, 0, 0, none, 0, false).
   */
  public static EarlyStopping parse(String text) {
    String monitor = "val_loss";
    Mode mode = Mode.AUTO;
    int patience = 0;
    double minDelta = 0.0;
    boolean significant = false;
    double baseline = Double.NaN;
    int start = 0;
    boolean restore = false;
    List<String> given = new ArrayList<>();
    for (String item : text.split(",")) {
      if (item.isBlank()) {
        continue;
      }
      String[] kv = item.split("=", 2);
      String key = kv[0].trim().toLowerCase(Locale.ROOT);
      String value = kv.length == 2 ? kv[1].trim() : "";
      given.add(key);
      UsageException.requireEachOnce("--early-stopping", given, "setting");
      try {
        switch (key) {
          case "monitor": monitor = value; break;
          case "mode": mode = Mode.valueOf(value.toUpperCase(Locale.ROOT)); break;
          case "patience": patience = Integer.parseInt(value); break;
          case "min_delta":
            significant = value.equals("significant");
            minDelta = significant ? 0.0 : Double.parseDouble(value);
            break;
          case "baseline":
            baseline = Double.parseDouble(value);
            if (!Double.isFinite(baseline)) { // NaN is how no baseline is said inside: given, it would drop the baseline
              throw new UsageException("--early-stopping: baseline must be a finite number, got " + value);
            }
            break;
          case "start_from_epoch": start = Integer.parseInt(value); break;
          case "restore_best_weights": restore = trueOrFalse(value); break;
          default:
            throw new UsageException("--early-stopping: unknown setting '" + key + "'; known: monitor, mode, patience,"
                + " min_delta, baseline, start_from_epoch, restore_best_weights");
        }
      } catch (IllegalArgumentException e) {
        throw new UsageException("--early-stopping: cannot read " + key + "='" + value + "'"
            + (key.equals("mode") ? "; expected min, max or auto"
                : key.equals("min_delta") ? "; expected a number or 'significant'"
                : key.equals("restore_best_weights") ? "; expected true or false" : ""));
      }
    }
    return new EarlyStopping(monitor, mode, patience, minDelta, significant, baseline, start, restore);
  }

  /** {@code true} or {@code 1}, {@code false} or {@code 0}, in any case. */
  private static boolean trueOrFalse(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    if (!v.equals("true") && !v.equals("false") && !v.equals("1") && !v.equals("0")) {
      throw new IllegalArgumentException(value);
    }
    return v.equals("true") || v.equals("1");
  }

  /** Whether an improvement must beat the value's sampling error ({@code min_delta=significant}). */
  boolean significant() {
    return significant;
  }

  /** The level of {@code min_delta=significant} (default {@link Intervals#DEFAULT_LEVEL}). */
  EarlyStopping level(double confidence) {
    level = Intervals.requireLevel(confidence);
    return this;
  }

  /** Resolves {@code auto} against the watched metrics; fails where the watched value will never appear. */
  void start(MetricList metrics, boolean hasValidation) {
    String base = monitor.startsWith("val_") ? monitor.substring(4) : monitor;
    if (!base.equals("loss") && !metrics.names().contains(base)) {
      throw new UsageException("--early-stopping monitors '" + monitor + "', which is not watched; watched: loss"
          + (metrics.names().isEmpty() ? "" : ", " + String.join(", ", metrics.names())) + " (add it to --metrics)");
    }
    if (monitor.startsWith("val_") && !hasValidation) {
      throw new UsageException("--early-stopping monitors '" + monitor + "' but there are no validation rows"
          + " (give --validation-split F or --validation PATH, or monitor '" + base + "')");
    }
    larger = mode == Mode.MAX || (mode == Mode.AUTO && metrics.largerIsBetter(monitor));
    best = larger ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
  }

  /** Records epoch {@code epoch} (from 0); true when training should stop after it. */
  boolean onEpochEnd(int epoch, Map<String, Double> logs, double[] weights) {
    Double current = logs.get(monitor);
    if (current == null || current.isNaN() || epoch < startFromEpoch) {
      return false;
    }
    if (restoreBestWeights && bestWeights == null) {
      bestWeights = weights.clone();
      bestEpoch = epoch;
    }
    wait++;
    double delta = minDelta;
    if (significant) {
      Double stderr = logs.get(monitor + Monitor.STDERR);
      delta = stderr == null || stderr.isNaN() ? 0.0
          : Intervals.normalQuantile(level) * stderr;
    }
    if (improves(current, best, delta)) {
      best = current;
      bestEpoch = epoch;
      if (restoreBestWeights) {
        bestWeights = weights.clone();
      }
      if (Double.isNaN(baseline) || improves(current, baseline, minDelta)) {
        wait = 0;
      }
      return false;
    }
    if (wait >= patience && epoch > 0) {
      stoppedEpoch = epoch;
      return true;
    }
    return false;
  }

  private boolean improves(double value, double reference, double delta) {
    return larger ? value - delta > reference : value + delta < reference;
  }

  /** The weights to keep at the end: the best epoch's where restoring, else null. */
  double[] weightsToRestore() {
    return restoreBestWeights ? bestWeights : null;
  }

  /** The epoch (from 0) whose value was best, or -1. */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** The epoch (from 0) after which training stopped, or -1 where it ran every epoch. */
  public int stoppedEpoch() {
    return stoppedEpoch;
  }

  /** The watched name. */
  public String monitor() {
    return monitor;
  }

  /** The settings as text, for the model file. */
  @Override
  public String toString() {
    return "monitor=" + monitor + ",mode=" + mode.name().toLowerCase(Locale.ROOT) + ",patience=" + patience
        + ",min_delta=" + (significant ? "significant" : minDelta) + (Double.isNaN(baseline) ? "" : ",baseline=" + baseline)
        + ",start_from_epoch=" + startFromEpoch + ",restore_best_weights=" + restoreBestWeights;
  }
}
