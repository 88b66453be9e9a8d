package io.evalspark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * Medians computed in the tests by sorting: numpy's median of values repeated by their whole
 * weights, and the band of values whose weighted rank is within a tolerance of one half, where a
 * KLL sketch's median must fall.
 */
public final class Medians {
  /**
   * Twice the library's normalised rank error of a KLL sketch of size 200 (about 2.7%): the library
   * states the error once for 99% confidence, and twice it is missed far more rarely than a test runs.
   */
  public static final double RANK_TOLERANCE = 2 * KllDoublesSketch.getNormalizedRankError(200, false);

  private Medians() {}

  /** numpy's median of {@code values}, each repeated {@code weights[i]} times (a whole number). */
  public static double exact(double[] values, double[] weights) {
    return (rankedAtLeast(values, weights, 0.5, false) + rankedAtLeast(values, weights, 0.5, true)) / 2;
  }

  /** numpy's median of {@code values}. */
  public static double exact(double[] values) {
    return exact(values, ones(values.length));
  }

  /** Weights of 1 for {@code n} values: the weights of an unweighted evaluation. */
  public static double[] ones(int n) {
    double[] ones = new double[n];
    Arrays.fill(ones, 1.0);
    return ones;
  }

  /** Asserts that {@code actual} lies between the values of weighted rank 1/2 -+ {@link #RANK_TOLERANCE}. */
  public static void assertWithinRankError(double[] values, double[] weights, double actual, String what) {
    double lower = rankedAtLeast(values, weights, 0.5 - RANK_TOLERANCE, false);
    double upper = rankedAtLeast(values, weights, 0.5 + RANK_TOLERANCE, true);
    assertTrue(actual >= lower && actual <= upper, what + ": " + actual + " outside [" + lower + ", " + upper
        + "], the values ranked within " + RANK_TOLERANCE + " of the median " + exact(values, weights));
  }

  /**
   * The smallest value whose cumulative weight (of it and the smaller values) reaches {@code share}
   * of the total weight, or, when {@code beyond}, exceeds it.
   */
  private static double rankedAtLeast(double[] values, double[] weights, double share, boolean beyond) {
    Integer[] order = new Integer[values.length];
    double total = 0;
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      total += weights[i];
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
    double target = share * total;
    double cumulative = 0;
    for (int i : order) {
      cumulative += weights[i];
      if (beyond ? cumulative > target : cumulative >= target) {
        return values[i];
      }
    }
    return values[order[order.length - 1]];
  }
}
