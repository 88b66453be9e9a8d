package io.evalspark.train;

import io.evalspark.core.TrainingDivergedException;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Function1;
import scala.collection.Iterator;
import scala.collection.Iterator$;
import scala.reflect.ClassTag$;

/**
 * An epoch's steps, or a run of them, in one Spark job: a barrier stage whose tasks, one a
 * partition, all run at once.
 * At each step every task sums the gradient and loss of its partition's share of the mini-batch
 * (as a step's job would), the tasks exchange their sums ({@code BarrierTaskContext.allGather}),
 * and each merges them in partition order and applies the same update ({@link StepUpdate}) to its
 * own copy of the weights and optimiser. So every task holds the weights the step-per-job loop
 * computes, bit for bit, and the steps pay one job's start-up instead of one each. A stage that
 * loses a task (an executor lost) is run again whole by Spark, from its first step's weights.
 */
final class BarrierEpoch {
  /** The epoch's outcome: every task's is the same, and the first partition's is taken. */
  record Result(double[] params, Optimizer optimizer, double batchLoss, String diverged) implements Serializable {}

  private BarrierEpoch() {}

  /**
   * Whether {@code data}'s partitions can run as one barrier stage: no more of them than the tasks
   * the cluster runs at once (the cores Spark counts as its default parallelism; where {@code
   * spark.default.parallelism} is set, that count is not known, and the steps run a job each) and
   * than {@link OrderedMerge} merges directly, in partition order.
   */
  static boolean fits(JavaRDD<?> data, int directMergeLimit) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.context());
    int partitions = data.getNumPartitions();
    return !sc.getConf().contains("spark.default.parallelism") && partitions <= sc.defaultParallelism()
        && partitions <= directMergeLimit;
  }

  /**
   * Runs steps {@code from} to {@code to} (exclusive) of epoch {@code epoch}'s {@code steps} from
   * {@code params} and {@code optimizer}, which are left as they are; the weights and optimiser
   * after them are in the result with the last step's loss (NaN for a step without weight), or the
   * message of the divergence that stopped them.
   */
  static Result run(JavaRDD<PartitionData> data, double[] params, Optimizer optimizer, StepUpdate update, Network net,
      OutputLoss loss, long seed, int epoch, int from, int to, int steps) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.context());
    sc.setJobDescription("evalspark train: epoch " + (epoch + 1) + ", steps " + (from + 1) + " to " + to + " of "
        + steps + " in one barrier stage");
    Broadcast<double[]> start = sc.broadcast(params.clone());
    try {
      Function1<Iterator<PartitionData>, Iterator<Result>> epochTask = (Function1<Iterator<PartitionData>,
          Iterator<Result>> & Serializable) it -> {
        BarrierTaskContext task = BarrierTaskContext.get();
        int partition = task.partitionId();
        FeatureBlock block = it.next().train;
        int n = block.rows();
        int[] order = block.order(seed, epoch, partition);
        double[] p = start.value().clone();
        String diverged = null;
        double batchLoss = Double.NaN;
        for (int step = from; step < to && diverged == null; step++) {
          int first = (int) ((long) n * step / steps);
          int last = (int) ((long) n * (step + 1) / steps);
          StepSum sum = inPartitionOrder(task.allGather(partition + " "
              + StepSum.of(block, order, first, last, net, loss, p).encode()));
          try {
            batchLoss = update.apply(sum, p, optimizer, epoch, step, steps);
          } catch (TrainingDivergedException e) {
            diverged = e.getMessage();
          }
        }
        return Iterator$.MODULE$.single(new Result(p, optimizer, batchLoss, diverged)); // each task's is the same
      };
      List<Result> results = JavaRDD.fromRDD(data.rdd().barrier().mapPartitions(epochTask, false,
          ClassTag$.MODULE$.<Result>apply(Result.class)), ClassTag$.MODULE$.<Result>apply(Result.class)).collect();
      return results.get(0);
    } finally {
      start.destroy();
    }
  }

  /** The sums the tasks gathered ("PARTITION SUM" each), merged in partition order as {@link OrderedMerge} merges. */
  private static StepSum inPartitionOrder(String[] shares) {
    StepSum[] sums = new StepSum[shares.length];
    for (String share : shares) {
      int space = share.indexOf(' ');
      sums[Integer.parseInt(share.substring(0, space))] = StepSum.decode(share.substring(space + 1));
    }
    for (int i = 1; i < sums.length; i++) {
      sums[0].merge(sums[i]);
    }
    return sums[0];
  }
}
