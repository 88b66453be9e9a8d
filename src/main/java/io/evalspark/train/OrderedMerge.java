package io.evalspark.train;

import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * Merges one partial result per partition on the driver, always in partition order, so that the
 * floating-point sums (and so training) are reproducible. With many partitions the merge is a
 * two-level tree: groups of partitions are merged on executors, in key order, and the groups on the
 * driver.
 */
final class OrderedMerge {
  /** Up to this many partitions are merged directly on the driver. */
  static final int DIRECT_LIMIT = 64;

  private OrderedMerge() {}

  /** The merge of {@code parts} (one element per partition) in partition order. */
  static <T> T merge(JavaRDD<T> parts, Function2<T, T, T> merge, int directLimit) throws Exception {
    int n = parts.getNumPartitions();
    List<T> ordered;
    if (n <= directLimit) {
      ordered = parts.collect();
    } else {
      int groups = (int) Math.ceil(Math.sqrt(n));
      JavaPairRDD<Integer, T> keyed = JavaPairRDD.fromJavaRDD(parts.mapPartitionsWithIndex((i, it) ->
          java.util.Collections.singletonList(new Tuple2<>(i, it.next())).iterator(), true));
      ordered = keyed.repartitionAndSortWithinPartitions(new HashPartitioner(groups))
          .mapPartitions(it -> {
            T acc = null;
            while (it.hasNext()) {
              T next = it.next()._2();
              acc = acc == null ? next : merge.call(acc, next);
            }
            return acc == null ? java.util.Collections.<T>emptyIterator() : java.util.Collections.singletonList(acc).iterator();
          }).collect();
    }
    T acc = ordered.get(0);
    for (int i = 1; i < ordered.size(); i++) {
      acc = merge.call(acc, ordered.get(i));
    }
    return acc;
  }
}
