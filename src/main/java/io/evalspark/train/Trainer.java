package io.evalspark.train;

import io.evalspark.core.TrainingDivergedException;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The step loop. Each step is synchronous and data parallel: every partition sums the gradient
 * and loss of its share of the mini-batch, the sums are merged in partition order, and the
 * optimiser updates the weights. Where the partitions all fit the cluster at once, an epoch's
 * steps run in one barrier stage whose tasks exchange their sums ({@link BarrierEpoch}); otherwise
 * each step is a job (the weights broadcast, the sums merged on the driver). Both give the same
 * weights. After each epoch both sets are measured, the epoch line printed, and early stopping
 * consulted.
 */
final class Trainer {
  private final TrainingData data;
  private final Network net;
  private final Objective objective;
  private final Monitor monitor;
  private final TrainingSpec spec;
  private final PrintWriter out;
  private final StepUpdate update;
  /** The optimiser's state, which an epoch's barrier stage hands back moved. */
  private Optimizer optimizer;
  /** Whether epochs run as barrier stages: where the spec allows it, until Spark refuses one. */
  private boolean barrier;
  /** How many steps a barrier stage runs: all of an epoch's without progress lines. */
  private int stepsPerStage;
  private final EarlyStopping stopping;
  private final JavaSparkContext sc;
  int directMergeLimit = OrderedMerge.DIRECT_LIMIT;

  Trainer(TrainingData data, Network net, Objective objective, Monitor monitor, TrainingSpec spec,
      EarlyStopping stopping, PrintWriter out) {
    this.data = data;
    this.net = net;
    this.objective = objective;
    this.monitor = monitor;
    this.spec = spec;
    this.stopping = stopping;
    this.out = out;
    this.optimizer = Optimizer.named(spec.optimizer, spec.learningRate, net.parameterCount());
    this.update = new StepUpdate(net, spec.l2);
    this.barrier = spec.barrierEpochs;
    this.stepsPerStage = spec.progressSeconds > 0 ? 1 : Integer.MAX_VALUE;
    this.sc = JavaSparkContext.fromSparkContext(data.train().context());
  }

  /** The learning rate the optimiser uses. */
  double learningRate() {
    return optimizer.learningRate();
  }

  /**
   * Trains from the seeded initial weights; returns the final (or restored best) weights. Training
   * that diverges (a loss or weight that is not finite, or a loss more than the divergence factor
   * times the first epoch's) stops with a {@link TrainingDivergedException}.
   */
  double[] fit(History history) throws Exception {
    double firstLoss = Double.NaN;
    double[] params = net.initialParameters(spec.seed);
    long rows = data.summary().trainRows();
    int steps = (int) Math.max(1, (rows + spec.batchSize - 1) / spec.batchSize);
    for (int epoch = 0; epoch < spec.epochs; epoch++) {
      long start = System.nanoTime();
      runEpoch(params, epoch, steps, start);
      Map<String, Double> logs = measure(params, epoch);
      double loss = logs.get("loss");
      if (!Double.isFinite(loss)) {
        throw diverged("the training loss is " + loss + " after epoch " + (epoch + 1));
      }
      if (epoch == 0) {
        firstLoss = loss;
      } else if (Math.abs(loss) > spec.divergenceFactor * Math.max(Math.abs(firstLoss), Double.MIN_NORMAL)) {
        throw diverged(String.format(Locale.ROOT, "the training loss grew from %.6g after epoch 1 to %.6g after epoch"
            + " %d, more than --divergence-factor %.3g times", firstLoss, loss, epoch + 1, spec.divergenceFactor));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Map<String, Double> entry = new LinkedHashMap<>();
      entry.put("epoch", (double) (epoch + 1));
      entry.put("seconds", seconds);
      entry.putAll(logs);
      history.add(entry);
      out.println(EpochLine.of(epoch + 1, spec.epochs, seconds, logs));
      out.flush();
      if (stopping != null && stopping.onEpochEnd(epoch, logs, params)) {
        out.printf(Locale.ROOT, "Epoch %d: early stopping (%s has not improved since epoch %d)%n", epoch + 1,
            stopping.monitor(), stopping.bestEpoch() + 1);
        break;
      }
    }
    if (stopping != null && stopping.weightsToRestore() != null) {
      out.printf(Locale.ROOT, "Restoring the weights of epoch %d, the best by %s%n", stopping.bestEpoch() + 1,
          stopping.monitor());
      params = stopping.weightsToRestore();
    }
    out.flush();
    return params;
  }

  /**
   * Runs epoch {@code epoch}'s steps: in barrier stages ({@link BarrierEpoch}) where the partitions
   * fit, otherwise a job a step, printing a progress line when one is due. With progress lines, a
   * barrier stage runs about as many steps as fill the interval between two lines (measured on the
   * stages before), so that the lines come as often as with a job a step.
   */
  private void runEpoch(double[] params, int epoch, int steps, long start) throws Exception {
    long lastProgress = start;
    int from = 0;
    while (from < steps) {
      long began = System.nanoTime();
      boolean inBarrier = barrier && BarrierEpoch.fits(data.train(), directMergeLimit);
      int to = inBarrier ? (int) Math.min(steps, (long) from + stepsPerStage) : from + 1;
      double batchLoss;
      if (inBarrier) {
        BarrierEpoch.Result result = barrierSteps(params, epoch, from, to, steps);
        if (result == null) {
          continue; // refused: the steps run a job each from here on
        }
        batchLoss = result.batchLoss();
      } else {
        batchLoss = update.apply(step(params, epoch, from, steps), params, optimizer, epoch, from, steps);
      }
      long now = System.nanoTime();
      if (inBarrier && spec.progressSeconds > 0) {
        double secondsPerStep = (now - began) / 1e9 / (to - from);
        stepsPerStage = (int) Math.max(1, Math.min(steps, spec.progressSeconds / secondsPerStep));
      }
      if (!Double.isNaN(batchLoss) && spec.progressSeconds > 0 && (now - lastProgress) / 1e9 >= spec.progressSeconds
          && to < steps) {
        out.println(EpochLine.progress(epoch + 1, spec.epochs, to, steps, (now - start) / 1e9, batchLoss));
        out.flush();
        lastProgress = now;
      }
      from = to;
    }
  }

  /**
   * Runs steps {@code from} to {@code to} (exclusive) of epoch {@code epoch} in one barrier stage,
   * moving {@code params} and the optimiser to where they leave them; null, with nothing moved,
   * when Spark refuses a barrier stage for this input (dynamic allocation, or an input whose
   * partitions are not the training partitions' own), and the steps are to run a job each.
   */
  private BarrierEpoch.Result barrierSteps(double[] params, int epoch, int from, int to, int steps) throws Exception {
    BarrierEpoch.Result result;
    try {
      result = BarrierEpoch.run(data.train(), params, optimizer, update, net, objective.outputLoss(), spec.seed, epoch,
          from, to, steps);
    } catch (Exception e) { // Spark's SparkException is checked in Java's eyes
      if (String.valueOf(e.getMessage()).contains("Barrier execution mode")) {
        barrier = false;
        return null;
      }
      throw e;
    }
    if (result.diverged() != null) {
      throw new TrainingDivergedException(result.diverged());
    }
    System.arraycopy(result.params(), 0, params, 0, params.length);
    optimizer = result.optimizer();
    return result;
  }

  private StepSum step(double[] params, int epoch, int step, int steps) throws Exception {
    sc.setJobDescription("evalspark train: epoch " + (epoch + 1) + ", step " + (step + 1) + " of " + steps);
    Broadcast<double[]> weights = sc.broadcast(params.clone());
    Network network = net;
    OutputLoss loss = objective.outputLoss();
    long seed = spec.seed;
    try {
      JavaRDD<StepSum> parts = data.train().mapPartitionsWithIndex((partition, it) -> {
        FeatureBlock block = it.next().train;
        int n = block.rows();
        int from = (int) ((long) n * step / steps);
        int to = (int) ((long) n * (step + 1) / steps);
        int[] order = block.order(seed, epoch, partition);
        return Collections.singletonList(StepSum.of(block, order, from, to, network, loss, weights.value())).iterator();
      }, true);
      return OrderedMerge.merge(parts, StepSum::merge, directMergeLimit);
    } finally {
      weights.destroy();
    }
  }

  private Map<String, Double> measure(double[] params, int epoch) throws Exception {
    sc.setJobDescription("evalspark train: measuring epoch " + (epoch + 1));
    Broadcast<double[]> weights = sc.broadcast(params.clone());
    Monitor m = monitor;
    boolean split = data.hasValidation() && !data.validationIsSeparate();
    try {
      JavaRDD<Measurement[]> parts = data.train().map(p -> split
          ? new Measurement[] {m.measure(p.train, weights.value()), m.measure(p.validation, weights.value())}
          : new Measurement[] {m.measure(p.train, weights.value())});
      Measurement[] sets = OrderedMerge.merge(parts, Trainer::mergeSets, directMergeLimit);
      double penalty = net.penalty(params, spec.l2);
      Map<String, Double> logs = new LinkedHashMap<>(monitor.logs(sets[0], penalty, ""));
      if (split) {
        logs.putAll(monitor.logs(sets[1], penalty, "val_"));
      } else if (data.validationIsSeparate()) {
        Measurement v = OrderedMerge.merge(data.validationPartitions().map(p -> m.measure(p.train, weights.value())),
            Measurement::merge, directMergeLimit);
        logs.putAll(monitor.logs(v, penalty, "val_"));
      }
      return logs;
    } finally {
      weights.destroy();
    }
  }

  private static Measurement[] mergeSets(Measurement[] a, Measurement[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i].merge(b[i]);
    }
    return a;
  }

  private TrainingDivergedException diverged(String what) {
    return StepUpdate.diverged(what, optimizer);
  }
}
