package io.evalspark.train;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One partition's rows packed into primitive arrays: features row-major, labels, weights. This is
 * the compact form training caches, so that a step never reads the source again.
 */
public final class FeatureBlock implements Serializable {
  private static final long serialVersionUID = 1L;
  private final int features;
  private int rows;
  private double[] x;
  private double[] y;
  private double[] w;
  private transient int orderEpoch = -1;
  private transient int[] order;

  /** An empty block of rows with {@code features} features. */
  public FeatureBlock(int features) {
    this.features = features;
    this.x = new double[16 * Math.max(1, features)];
    this.y = new double[16];
    this.w = new double[16];
  }

  /** Appends one row. */
  public void add(double[] row, double label, double weight) {
    if (rows == y.length) {
      y = Arrays.copyOf(y, rows * 2);
      w = Arrays.copyOf(w, rows * 2);
      x = Arrays.copyOf(x, rows * 2 * Math.max(1, features));
    }
    System.arraycopy(row, 0, x, rows * features, features);
    y[rows] = label;
    w[rows] = weight;
    rows++;
  }

  /** Drops the spare capacity once all rows are in. */
  void trim() {
    x = Arrays.copyOf(x, rows * features);
    y = Arrays.copyOf(y, rows);
    w = Arrays.copyOf(w, rows);
  }

  /** The number of rows. */
  public int rows() {
    return rows;
  }

  /** All features, row i at {@code [i * features, (i + 1) * features)}. */
  public double[] features() {
    return x;
  }

  /** Where row {@code i}'s features start. */
  public int offset(int i) {
    return i * features;
  }

  /** Row {@code i}'s label. */
  public double label(int i) {
    return y[i];
  }

  /** Row {@code i}'s weight. */
  public double weight(int i) {
    return w[i];
  }

  /**
   * The order of the rows in {@code epoch}: a permutation drawn from {@code seed}, the epoch and
   * the partition, kept for the epoch's steps.
   */
  public synchronized int[] order(long seed, int epoch, int partition) {
    if (orderEpoch != epoch || order == null) {
      order = new int[rows];
      for (int i = 0; i < rows; i++) {
        order[i] = i;
      }
      SplittableRandom random = new SplittableRandom(seed * 1_000_003L + epoch * 7919L + partition);
      for (int i = rows - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      orderEpoch = epoch;
    }
    return order;
  }
}
