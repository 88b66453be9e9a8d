package io.evalspark.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far a binary evaluation's score distribution has moved from a reference's, computed from the
 * two states' score histograms alone: the population stability index (PSI) and the two-sample
 * Kolmogorov-Smirnov statistic (KS), over all rows and per class.
 *
 * <p>PSI is Σ (c − r) ln(c / r) over {@link #PSI_BUCKETS} buckets cut at the reference's deciles
 * (at bin edges, so a bin that holds more than a tenth of the reference is a bucket of its own), c
 * and r being the current and reference weight shares of a bucket, each at least {@link
 * #PSI_FLOOR} so that an empty bucket stays finite. KS is the largest difference of the two
 * cumulative distributions at the histogram's bin edges: the exact statistic of the rows can exceed
 * it by at most the larger share one bin holds. Both need the same bins in both states; otherwise,
 * or where either side has no weight, they are undefined.
 */
public final class ScoreDrift {
  /** PSI's buckets: the reference's deciles. */
  public static final int PSI_BUCKETS = 10;
  /** The least share a PSI bucket counts with, on either side. */
  public static final double PSI_FLOOR = 1e-4;
  /** What the distribution is compared with: the previous run's state, or the baseline window's. */
  public static final List<String> REFERENCES = List.of("previous", "baseline");
  private static final List<String> CLASSES = List.of("", "_positive", "_negative");

  private ScoreDrift() {}

  /** Every drift name against {@code reference} ("previous" or "baseline"): psi_vs_previous, ks_vs_previous, ... */
  public static List<String> names(String reference) {
    List<String> names = new ArrayList<>();
    for (String c : CLASSES) {
      names.add("psi_vs_" + reference + c);
      names.add("ks_vs_" + reference + c);
    }
    return names;
  }

  /** Whether {@code name} is a drift name against any reference. */
  public static boolean isDriftName(String name) {
    return REFERENCES.stream().anyMatch(r -> names(r).contains(name));
  }

  /**
   * The drift of {@code current} from {@code reference} (binary states, or interval states of binary
   * tasks), by name (see {@link #names}); empty where either is of another task.
   */
  public static Map<String, Double> of(String against, EvaluationState<?> reference, EvaluationState<?> current) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (!(IntervalState.whole(reference) instanceof BinaryState before)
        || !(IntervalState.whole(current) instanceof BinaryState after)) {
      return out;
    }
    HistogramView rv = before.histogram().view();
    HistogramView cv = after.histogram().view();
    boolean comparable = rv.bins() == cv.bins();
    List<String> names = names(against);
    for (int k = 0; k < CLASSES.size(); k++) {
      double[][] cells = comparable ? cells(rv, cv, k) : null;
      double r = cells == null ? 0 : sum(cells[0]);
      double c = cells == null ? 0 : sum(cells[1]);
      boolean defined = r > 0 && c > 0;
      out.put(names.get(2 * k), defined ? psi(cells[0], cells[1], r, c) : Double.NaN);
      out.put(names.get(2 * k + 1), defined ? ks(cells[0], cells[1], r, c) : Double.NaN);
    }
    return out;
  }

  /** The weights of both views (0: both classes, 1: positives, 2: negatives) over the union of their cells, ascending. */
  private static double[][] cells(HistogramView reference, HistogramView current, int classes) {
    List<double[]> pairs = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < reference.filled() || j < current.filled()) {
      double ei = i < reference.filled() ? reference.edge(i) : Double.POSITIVE_INFINITY;
      double ej = j < current.filled() ? current.edge(j) : Double.POSITIVE_INFINITY;
      double r = 0;
      double c = 0;
      if (ei <= ej) {
        r = weight(reference, i++, classes);
      }
      if (ej <= ei) {
        c = weight(current, j++, classes);
      }
      pairs.add(new double[] {r, c});
    }
    double[][] out = new double[2][pairs.size()];
    for (int k = 0; k < pairs.size(); k++) {
      out[0][k] = pairs.get(k)[0];
      out[1][k] = pairs.get(k)[1];
    }
    return out;
  }

  private static double weight(HistogramView v, int k, int classes) {
    return classes == 1 ? v.positives(k) : classes == 2 ? v.negatives(k) : v.positives(k) + v.negatives(k);
  }

  /**
   * PSI of {@code current} against {@code reference}, per cell weights in ascending score order
   * whose totals are {@code r} and {@code c}.
   */
  private static double psi(double[] reference, double[] current, double r, double c) {
    double psi = 0;
    double cumulative = 0;
    double bucketR = 0;
    double bucketC = 0;
    int decile = 1;
    for (int k = 0; k < reference.length; k++) {
      bucketR += reference[k];
      bucketC += current[k];
      cumulative += reference[k];
      boolean last = k == reference.length - 1;
      // the last bucket takes every cell past the ninth decile, the reference's or not
      if (last || decile < PSI_BUCKETS && cumulative / r >= (double) decile / PSI_BUCKETS) {
        double e = Math.max(bucketR / r, PSI_FLOOR);
        double a = Math.max(bucketC / c, PSI_FLOOR);
        psi += (a - e) * Math.log(a / e);
        bucketR = 0;
        bucketC = 0;
        while (decile < PSI_BUCKETS && cumulative / r >= (double) decile / PSI_BUCKETS) {
          decile++;
        }
      }
    }
    return psi;
  }

  /** KS of two per cell weights in ascending score order, totalling r and c: the largest gap of their cumulative shares. */
  private static double ks(double[] reference, double[] current, double r, double c) {
    double cr = 0;
    double cc = 0;
    double ks = 0;
    for (int k = 0; k < reference.length; k++) {
      cr += reference[k];
      cc += current[k];
      ks = Math.max(ks, Math.abs(cc / c - cr / r));
    }
    return ks;
  }

  private static double sum(double[] weights) {
    CompensatedSum s = new CompensatedSum();
    for (double w : weights) {
      s.add(w);
    }
    return s.value();
  }
}
