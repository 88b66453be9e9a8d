package io.evalspark.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * Merges one partial result per partition, always in partition order, so that the floating-point
 * sums (and so training) are reproducible: the result is merge(...merge(merge(p0, p1), p2)..., pn-1)
 * up to how the runs are grouped. With many partitions the merge is a two-level tree: contiguous
 * runs of partitions (0..k-1, k..2k-1, ...) are merged on executors, each in partition order, and
 * the runs in order on the driver.
 */
final class OrderedMerge {
  /** Up to this many partitions are merged directly on the driver. */
  static final int DIRECT_LIMIT = 64;

  private OrderedMerge() {}

  /** The merge of {@code parts} (one element per partition) in partition order. */
  static <T> T merge(JavaRDD<T> parts, Function2<T, T, T> merge, int directLimit) throws Exception {
    int n = parts.getNumPartitions();
    if (n <= directLimit) {
      return fold(parts.collect(), merge);
    }
    JavaPairRDD<Integer, T> keyed = JavaPairRDD.fromJavaRDD(parts.mapPartitionsWithIndex((i, it) ->
        Collections.singletonList(new Tuple2<>(i, it.next())).iterator(), true));
    return fold(keyed.repartitionAndSortWithinPartitions(new Runs(n, runLength(n)))
        .mapPartitions(it -> {
          List<T> run = new ArrayList<>();
          it.forEachRemaining(p -> run.add(p._2()));
          return run.isEmpty() ? Collections.<T>emptyIterator() : Collections.singletonList(fold(run, merge)).iterator();
        }).collect(), merge);
  }

  /**
   * The merge of {@code parts} (one per partition, in partition order) held on the driver, grouped
   * into the same runs as {@link #merge(JavaRDD, Function2, int)}, so that both give the same sums.
   */
  static <T> T merge(List<T> parts, Function2<T, T, T> merge, int directLimit) throws Exception {
    int n = parts.size();
    if (n <= directLimit) {
      return fold(parts, merge);
    }
    int length = runLength(n);
    List<T> runs = new ArrayList<>();
    for (int from = 0; from < n; from += length) {
      runs.add(fold(parts.subList(from, Math.min(n, from + length)), merge));
    }
    return fold(runs, merge);
  }

  private static int runLength(int partitions) {
    return (int) Math.ceil(Math.sqrt(partitions));
  }

  private static <T> T fold(List<T> ordered, Function2<T, T, T> merge) throws Exception {
    T acc = ordered.get(0);
    for (int i = 1; i < ordered.size(); i++) {
      acc = merge.call(acc, ordered.get(i));
    }
    return acc;
  }

  /** Sends partition index i to run i / length, so that each run is a contiguous range of partitions. */
  private static final class Runs extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int runs;
    private final int length;

    Runs(int partitions, int length) {
      this.length = length;
      this.runs = (partitions + length - 1) / length;
    }

    @Override
    public int numPartitions() {
      return runs;
    }

    @Override
    public int getPartition(Object key) {
      return (Integer) key / length;
    }
  }
}
