package io.evalspark.metrics;

import io.evalspark.core.UsageException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Two-sided confidence intervals of a state's metrics at one level, by the method named: the
 * metric's value plus or minus Student's t quantile (one degree of freedom less than the groups
 * that held rows) times its standard error. An interval is NaN where its metric, or the spread of
 * its left-out values, is undefined, and for a metric from a sketch ({@link Catalogues#fromSketch}).
 */
public record Intervals(double level, String method, Map<String, Interval> metrics) {
  /** The method's name in reports. */
  public static final String JACKKNIFE = "delete-a-group jackknife";
  /** The level where a user asks for intervals without giving one (SQL, {@code min_delta=significant}). */
  public static final double DEFAULT_LEVEL = 0.95;

  /** One metric's interval and standard error. */
  public record Interval(double value, double lower, double upper, double stderr) {}

  /** The two-sided normal quantile of {@code level}: 1.96 at 0.95. */
  public static double normalQuantile(double level) {
    return new NormalDistribution(null, 0, 1).inverseCumulativeProbability(0.5 + level / 2);
  }

  /** Checks the level: strictly between 0 and 1. */
  public static double requireLevel(double level) {
    if (!(level > 0.0 && level < 1.0)) {
      throw new IllegalArgumentException("the confidence level must be between 0 and 1 (for example 0.95), got " + level);
    }
    return level;
  }

  /** The level of a {@code --confidence} option (or job key): out of range, a usage error naming it. */
  public static double requireConfidenceOption(double level) {
    try {
      return requireLevel(level);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--confidence: " + e.getMessage());
    }
  }

  /**
   * The delete-a-group jackknife: {@code values} are the metrics of all rows, {@code leftOut} those
   * of the rows without one group, for each group that held rows. With m of them and their mean m̄,
   * the variance of a metric is (m - 1) / m times the sum of squares of (left-out value - m̄).
   */
  public static Intervals jackknife(Map<String, Double> values, List<Map<String, Double>> leftOut, double level) {
    Map<String, Interval> out = new LinkedHashMap<>();
    Map<Integer, Double> quantiles = new HashMap<>(); // by the groups that held a defined value; mostly one
    values.forEach((name, value) -> {
      double sum = 0;
      int m = 0;
      for (Map<String, Double> g : leftOut) {
        Double v = g.get(name);
        if (v != null && !v.isNaN()) {
          sum += v;
          m++;
        }
      }
      double stderr = Double.NaN;
      double half = Double.NaN;
      if (m >= 2 && !value.isNaN() && !Catalogues.fromSketch(name)) {
        double mean = sum / m;
        double squares = 0;
        for (Map<String, Double> g : leftOut) {
          Double v = g.get(name);
          if (v != null && !v.isNaN()) {
            squares += (v - mean) * (v - mean);
          }
        }
        stderr = Math.sqrt((m - 1.0) / m * squares);
        half = quantiles.computeIfAbsent(m,
            k -> new TDistribution(null, k - 1).inverseCumulativeProbability(0.5 + level / 2)) * stderr;
      }
      out.put(name, new Interval(value, value - half, value + half, stderr));
    });
    return new Intervals(level, JACKKNIFE, out);
  }
}
