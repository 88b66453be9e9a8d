package io.evalspark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Medians computed in the tests by sorting: numpy's median of values repeated by their whole
 * weights, and how far from it the median of bucketed errors may be.
 */
public final class Medians {
  /**
   * How far, relative to the median, the median of errors counted in buckets may be: each middle
   * error is given as the middle of a bucket whose width is at most 2^-6 of its lower edge (the
   * README's definition of median_absolute_error), so at most half that off, and so is their mean.
   */
  public static final double RELATIVE_TOLERANCE = 0x1p-7;

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

  /** Asserts that {@code actual} is within {@link #RELATIVE_TOLERANCE} of numpy's median of the values repeated by their weights. */
  public static void assertWithinRelativeError(double[] values, double[] weights, double actual, String what) {
    double median = exact(values, weights);
    assertTrue(Math.abs(actual - median) <= RELATIVE_TOLERANCE * median, what + ": " + actual
        + " is more than " + RELATIVE_TOLERANCE + " of the median " + median + " away from it");
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
