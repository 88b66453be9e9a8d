package io.evalspark.sql;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.sql.functions;

/**
 * Which interval group a row counts in: Spark's 64-bit xxHash of the row's place (its partition's
 * number times 2^33 plus its position among the rows of its partition and slice), or of its
 * interval key. No random generator, so the same input and partitioning give the same groups and
 * the same intervals; rows of one key share their group, so that many rows of one user do not
 * narrow an interval.
 */
public final class IntervalGroups {
  /** Each row by its place. */
  public static final IntervalGroups BY_ROW = new IntervalGroups(null);
  /** The seed of Spark's {@code xxhash64}. */
  private static final long SEED = 42L;

  private final Column key;

  private IntervalGroups(Column key) {
    this.key = key;
  }

  /** The rows of one value of {@code key} (for example a user id) in one group. */
  public static IntervalGroups byKey(Column key) {
    return new IntervalGroups(key);
  }

  /** The hash of the key as a column, or null when rows go by their place. */
  Column keyHash() {
    return key == null ? null : functions.xxhash64(key);
  }

  /** The group number of row {@code index} of partition {@code partition}. */
  public static long ofRow(int partition, long index) {
    return XXH64.hashLong(((long) partition << 33) + index, SEED);
  }
}
