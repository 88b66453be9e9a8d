package io.evalspark.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rpc.RpcCallContext;
import org.apache.spark.rpc.RpcEndpoint;
import org.apache.spark.rpc.RpcEndpointRef;
import org.apache.spark.rpc.RpcEnv;
import org.apache.spark.rpc.RpcTimeout;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.RpcUtils;
import scala.PartialFunction;
import scala.concurrent.duration.FiniteDuration;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.BoxedUnit;

/**
 * An epoch's steps as one Spark job. Its tasks, one for each group of cached partitions and no more
 * than the cluster runs at once, compute a step's sums partition by partition, send them to this
 * endpoint on the driver and wait. When every partition's sums of the step are in, the driver merges
 * them in partition order and updates the weights exactly as for a step run as a job of its own, and
 * the tasks get the next step's weights in reply. A task that is run again (its executor was lost)
 * asks which step the epoch is at and joins there: a partition's sums depend only on the step and
 * the weights, so the epoch ends with the weights it would have had without the loss.
 */
final class StepExchange implements RpcEndpoint {
  /** The Spark setting that, set to false, runs each step as a Spark job of its own instead. */
  static final String SETTING = "spark.evalspark.train.exchangeSteps";
  /** How long a task waits for the other partitions' sums of a step before it fails (and is run again). */
  static final long WAIT_MINUTES = 60;
  /** The most doubles of sums a step may hold on the driver (partitions x parameters) for steps to be exchanged. */
  static final long MOST_HELD = 1L << 25;

  private final RpcEnv env;
  private final String name;
  private final int epoch;
  private final int steps;
  private final int directLimit;
  private final StepSum[] sums;
  private final List<RpcCallContext> waiting = new ArrayList<>();
  private int step;
  private double[] weights;
  private int received;
  private JavaFutureAction<Void> job;

  private StepExchange(RpcEnv env, int partitions, int epoch, int steps, double[] weights, int directLimit) {
    this.env = env;
    this.name = "evalspark-steps-" + UUID.randomUUID();
    this.epoch = epoch;
    this.steps = steps;
    this.directLimit = directLimit;
    this.sums = new StepSum[partitions];
    this.weights = weights.clone();
  }

  /**
   * How many tasks an epoch's steps run in (at most one a partition, at most what the cluster runs at
   * once), or 0 when steps stay one job each: {@link #SETTING} is false, the cluster has no slot yet,
   * or a step's sums of every partition would be more than {@link #MOST_HELD} doubles on the driver.
   */
  static int tasks(JavaSparkContext sc, int partitions, int parameters) {
    if (!Boolean.parseBoolean(SparkSession.active().conf().get(SETTING, "true"))
        || (long) partitions * parameters > MOST_HELD) {
      return 0;
    }
    int slots = sc.sc().maxNumConcurrentTasks(sc.sc().resourceProfileManager().defaultResourceProfile());
    return Math.min(partitions, Math.max(0, slots));
  }

  /** Starts the epoch's job over {@code data} in {@code tasks} tasks, its first step at {@code weights}. */
  static StepExchange start(JavaRDD<PartitionData> data, int tasks, int epoch, int steps, double[] weights,
      long seed, Network net, OutputLoss loss, int directLimit) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.context());
    StepExchange exchange = new StepExchange(SparkEnv.get().rpcEnv(), data.getNumPartitions(), epoch, steps, weights,
        directLimit);
    exchange.env.setupEndpoint(exchange.name, exchange);
    String name = exchange.name;
    sc.setJobDescription("evalspark train: epoch " + (epoch + 1) + ", " + steps + " steps exchanged");
    // A task a partition where the cluster runs them all at once keeps each task beside its cached block.
    JavaRDD<PartitionData> groups = tasks == data.getNumPartitions() ? data : data.coalesce(tasks, false);
    exchange.job = groups.foreachPartitionAsync(it -> runSteps(name, epoch, steps, seed, net, loss, it));
    return exchange;
  }

  /** The current step's sums of every partition, merged in partition order; waits for them. */
  StepSum sums() throws Exception {
    synchronized (this) {
      while (received < sums.length && !job.isDone()) {
        wait(100);
      }
      if (received == sums.length) {
        return OrderedMerge.merge(Arrays.asList(sums), StepSum::merge, directLimit);
      }
    }
    try {
      job.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    throw new IllegalStateException("the tasks of epoch " + (epoch + 1) + " ended at step " + (step + 1) + " of "
        + steps + " without its sums");
  }

  /** Starts the next step at {@code next}, or ends the epoch's tasks after its last step. */
  synchronized void next(double[] next) {
    step++;
    weights = next.clone();
    Arrays.fill(sums, null);
    received = 0;
    for (RpcCallContext task : waiting) {
      task.reply(where().message());
    }
    waiting.clear();
  }

  /**
   * Ends the epoch's tasks (after its last step, or early when training fails), waits for its job and
   * stops the endpoint. A failure of the job is left to {@link #sums()}, which reports it.
   */
  void close() throws InterruptedException {
    synchronized (this) {
      step = steps;
      for (RpcCallContext task : waiting) {
        task.reply(where().message());
      }
      waiting.clear();
    }
    try {
      job.get();
    } catch (ExecutionException e) {
      // reported by sums() if the epoch still needed the tasks
    } finally {
      env.stop(self());
    }
  }

  private Step where() {
    return step >= steps ? Step.DONE : new Step(step, weights);
  }

  private synchronized void receive(RpcCallContext task, Sums message) {
    if (message.step != step || step >= steps) {
      task.reply(where().message());
      return;
    }
    for (int i = 0; i < message.partitions.length; i++) {
      int p = message.partitions[i];
      if (sums[p] == null) {
        sums[p] = message.sums[i];
        received++;
      }
    }
    waiting.add(task);
    if (received == sums.length) {
      notifyAll();
    }
  }

  /** A task's loop: asks where the epoch is, then sends its partitions' sums of each step until told to stop. */
  private static void runSteps(String name, int epoch, int steps, long seed, Network net, OutputLoss loss,
      Iterator<PartitionData> it) {
    List<PartitionData> parts = new ArrayList<>();
    it.forEachRemaining(parts::add);
    int[] partitions = new int[parts.size()];
    int[][] orders = new int[parts.size()][];
    for (int i = 0; i < partitions.length; i++) {
      partitions[i] = parts.get(i).partition;
      orders[i] = parts.get(i).train.order(seed, epoch, partitions[i]);
    }
    SparkEnv spark = SparkEnv.get();
    RpcEndpointRef driver = RpcUtils.makeDriverRef(name, spark.conf(), spark.rpcEnv());
    RpcTimeout timeout = new RpcTimeout(new FiniteDuration(WAIT_MINUTES, TimeUnit.MINUTES), "evalspark train step");
    ClassTag<double[]> type = ClassTag$.MODULE$.apply(double[].class);
    Step next = Step.of(driver.askSync(new Sums(-1, partitions, new StepSum[0]).message(), timeout, type));
    while (next.step >= 0) {
      StepSum[] sums = new StepSum[partitions.length];
      for (int i = 0; i < sums.length; i++) {
        sums[i] = StepSum.ofStep(parts.get(i).train, orders[i], next.step, steps, net, loss, next.weights);
      }
      next = Step.of(driver.askSync(new Sums(next.step, partitions, sums).message(), timeout, type));
    }
  }

  @Override
  public RpcEnv rpcEnv() {
    return env;
  }

  @Override
  public PartialFunction<Object, BoxedUnit> receiveAndReply(RpcCallContext context) {
    return new PartialFunction<>() {
      @Override
      public boolean isDefinedAt(Object message) {
        return message instanceof double[][];
      }

      @Override
      public BoxedUnit apply(Object message) {
        receive(context, Sums.of((double[][]) message));
        return BoxedUnit.UNIT;
      }
    };
  }

  /**
   * A task's sums of a step for its partitions (step -1 and no sums: which step is the epoch at?).
   * Sent as arrays of doubles, which any JVM can read: an executor reads Spark's messages before it
   * has loaded the application's classes.
   */
  private record Sums(int step, int[] partitions, StepSum[] sums) {
    double[][] message() {
      double[][] m = new double[1 + sums.length][];
      m[0] = new double[1 + partitions.length];
      m[0][0] = step;
      for (int i = 0; i < partitions.length; i++) {
        m[0][1 + i] = partitions[i];
      }
      for (int i = 0; i < sums.length; i++) {
        double[] g = sums[i].gradient;
        m[1 + i] = Arrays.copyOf(g, g.length + 2);
        m[1 + i][g.length] = sums[i].loss;
        m[1 + i][g.length + 1] = sums[i].weight;
      }
      return m;
    }

    static Sums of(double[][] m) {
      int[] partitions = new int[m[0].length - 1];
      StepSum[] sums = new StepSum[m.length - 1];
      for (int i = 0; i < partitions.length; i++) {
        partitions[i] = (int) m[0][1 + i];
      }
      for (int i = 0; i < sums.length; i++) {
        int n = m[1 + i].length - 2;
        sums[i] = new StepSum(n);
        System.arraycopy(m[1 + i], 0, sums[i].gradient, 0, n);
        sums[i].loss = m[1 + i][n];
        sums[i].weight = m[1 + i][n + 1];
      }
      return new Sums((int) m[0][0], partitions, sums);
    }
  }

  /** The step to compute and its weights; step -1: the epoch's steps are over. Sent as one array of doubles. */
  private record Step(int step, double[] weights) {
    static final Step DONE = new Step(-1, new double[0]);

    double[] message() {
      double[] m = new double[1 + weights.length];
      m[0] = step;
      System.arraycopy(weights, 0, m, 1, weights.length);
      return m;
    }

    static Step of(double[] m) {
      return new Step((int) m[0], Arrays.copyOfRange(m, 1, m.length));
    }
  }
}
