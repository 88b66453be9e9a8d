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
 * The step loop. Each step is synchronous and data parallel: every partition sums the gradient and
 * loss of its share of the mini-batch, the sums are merged in partition order on the driver, and the
 * optimiser updates the weights. An epoch's steps run in one Spark job whose tasks exchange sums and
 * weights with the driver ({@link StepExchange}), or each step as a job of its own (the weights
 * broadcast, the sums collected); both give the same weights. After each epoch both sets are
 * measured, the epoch line printed, and early stopping consulted.
 */
final class Trainer {
  private final TrainingData data;
  private final Network net;
  private final Objective objective;
  private final Monitor monitor;
  private final TrainingSpec spec;
  private final PrintWriter out;
  private final Optimizer optimizer;
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
    try {
      return epochs(history);
    } finally {
      sc.setJobDescription(null);
    }
  }

  private double[] epochs(History history) throws Exception {
    double firstLoss = Double.NaN;
    double[] params = net.initialParameters(spec.seed);
    long rows = data.summary().trainRows();
    int steps = (int) Math.max(1, (rows + spec.batchSize - 1) / spec.batchSize);
    for (int epoch = 0; epoch < spec.epochs; epoch++) {
      long start = System.nanoTime();
      long lastProgress = start;
      int tasks = StepExchange.tasks(sc, data.train().getNumPartitions(), params.length);
      StepExchange exchange = tasks == 0 ? null : StepExchange.start(data.train(), tasks, epoch, steps, params,
          spec.seed, net, objective.outputLoss(), directMergeLimit);
      try {
        for (int step = 0; step < steps; step++) {
          StepSum sum = exchange == null ? step(params, epoch, step, steps) : exchange.sums();
          if (sum.weight != 0.0) {
            double batchLoss = update(params, sum, epoch, step, steps);
            long now = System.nanoTime();
            if (spec.progressSeconds > 0 && (now - lastProgress) / 1e9 >= spec.progressSeconds && step + 1 < steps) {
              out.println(EpochLine.progress(epoch + 1, spec.epochs, step + 1, steps, (now - start) / 1e9, batchLoss));
              out.flush();
              lastProgress = now;
            }
          }
          if (exchange != null) {
            exchange.next(params);
          }
        }
      } finally {
        if (exchange != null) {
          exchange.close();
        }
      }
      Map<String, Double> logs = measure(params, epoch);
      double loss = logs.get("loss");
      if (!Double.isFinite(loss)) {
        throw diverged("the training loss is " + loss + " after epoch " + (epoch + 1));
      }
      if (epoch == 0) {
        firstLoss = loss;
      } else if (grewBeyond(firstLoss, loss, spec.divergenceFactor)) {
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

  /** Applies a step's merged sums to {@code params}; returns the batch's loss. */
  private double update(double[] params, StepSum sum, int epoch, int step, int steps) {
    double[] gradient = sum.gradient;
    for (int i = 0; i < gradient.length; i++) {
      gradient[i] /= sum.weight;
    }
    net.addPenaltyGradient(params, spec.l2, gradient);
    double batchLoss = sum.loss / sum.weight + net.penalty(params, spec.l2);
    requireFinite(batchLoss, gradient, epoch, step, steps);
    optimizer.update(params, gradient);
    requireFiniteWeights(params, epoch, step, steps);
    return batchLoss;
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
        int[] order = block.order(seed, epoch, partition);
        return Collections.singletonList(StepSum.ofStep(block, order, step, steps, network, loss, weights.value()))
            .iterator();
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

  private void requireFinite(double loss, double[] gradient, int epoch, int step, int steps) {
    boolean finite = Double.isFinite(loss);
    for (int i = 0; finite && i < gradient.length; i++) {
      finite = Double.isFinite(gradient[i]);
    }
    if (!finite) {
      throw diverged("the loss became " + (Double.isFinite(loss) ? "finite but its gradient is not" : loss)
          + " at epoch " + (epoch + 1) + ", step " + (step + 1) + " of " + steps);
    }
  }

  private void requireFiniteWeights(double[] params, int epoch, int step, int steps) {
    for (double w : params) {
      if (!Double.isFinite(w)) {
        throw diverged("a weight became " + w + " at epoch " + (epoch + 1) + ", step " + (step + 1) + " of " + steps);
      }
    }
  }

  private TrainingDivergedException diverged(String what) {
    return new TrainingDivergedException(what + ": training stopped and nothing was written. Try a lower"
        + " --learning-rate (now " + optimizer.learningRate() + "), standardised features, or a bounded loss");
  }

  /**
   * Whether an epoch's {@code loss} has grown beyond {@code factor} times the first epoch's: it must
   * be above the first (a loss that can go below 0, as Keras's Poisson loss does, may improve from
   * near 0 to -15) and larger in magnitude than {@code factor} times it.
   */
  static boolean grewBeyond(double firstLoss, double loss, double factor) {
    return loss > firstLoss && Math.abs(loss) > factor * Math.max(Math.abs(firstLoss), Double.MIN_NORMAL);
  }
}
