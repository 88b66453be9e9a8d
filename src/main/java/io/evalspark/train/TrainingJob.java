package io.evalspark.train;

import io.evalspark.core.BadDataException;
import io.evalspark.core.Task;
import io.evalspark.core.UsageException;
import io.evalspark.job.NestedFields;
import io.evalspark.metrics.Intervals;
import io.evalspark.metrics.MulticlassState;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Trains a model on a table: the Java API behind {@code ./submit.sh train}. */
public final class TrainingJob {
  private TrainingJob() {}

  /**
   * Trains on {@code input} as {@code spec} says, printing an epoch line per epoch to {@code out};
   * {@code validation} is a separate validation table, or null. Nothing is written: see
   * {@link ModelFiles#write}.
   *
   * @throws UsageException where the settings do not fit together
   * @throws BadDataException where rows cannot be trained on (counted by reason, with an example)
   * @throws io.evalspark.core.TrainingDivergedException where the loss stops being a finite number
   */
  public static TrainingResult run(Dataset<Row> rows, Dataset<Row> validationRows, TrainingSpec spec, PrintWriter out)
      throws Exception {
    requireSettings(spec);
    List<String> named = new ArrayList<>(spec.features);
    named.addAll(Arrays.asList(spec.featuresColumn, spec.label, spec.weight));
    Dataset<Row> input = NestedFields.lift(rows, named);
    Dataset<Row> validation = validationRows == null ? null : NestedFields.lift(validationRows, named);
    Objective objective;
    try {
      objective = Objective.of(spec.loss, spec.model, spec.fromLogits, spec.huberDelta);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--loss: " + e.getMessage());
    }
    if (spec.classes > 0 && objective.task() != Task.MULTICLASS) {
      throw new UsageException("--classes applies to a softmax model (categorical cross-entropy), not to a "
          + objective.task().displayName() + " one; leave it out");
    }
    FeatureColumns features = FeatureColumns.of(input, spec.features, spec.featuresColumn);
    MetricList metrics = MetricList.parse(spec.metrics, objective.task(), spec.beta);
    EarlyStopping stopping = spec.earlyStopping == null ? null : EarlyStopping.parse(spec.earlyStopping);
    TrainingData data = TrainingData.prepare(input, validation, features, spec.label, spec.weight, objective,
        spec.classes, spec.validationSplit, spec.seed, spec.skipInvalid);
    long skipped = data.summary().skippedRows();
    if (skipped > 0) {
      out.printf(java.util.Locale.ROOT, "skipped %,d row%s that cannot be trained on: %s%n", skipped,
          skipped == 1 ? "" : "s", data.summary().refused());
      out.flush();
    }
    try {
      int classes = classes(objective, spec, data);
      if (stopping != null) {
        stopping.start(metrics, data.hasValidation());
      }
      Network net = network(data.features().size(), objective, classes, spec, data.summary());
      Double confidence = confidence(spec, stopping);
      if (stopping != null && confidence != null) {
        stopping.level(confidence);
      }
      Monitor monitor = new Monitor(net, objective, metrics, classes, spec.huberDelta, spec.beta, confidence);
      Trainer trainer = new Trainer(data, net, objective, monitor, spec, stopping, out);
      History history = new History();
      double[] weights = trainer.fit(history);
      Map<String, Object> training = settings(spec, trainer.learningRate(), stopping, history, data);
      TrainedModel model = new TrainedModel(net, weights, data.features(), spec.label, objective.task(),
          objective.output(), objective.loss(), training);
      return new TrainingResult(model, history, data.summary());
    } finally {
      data.release();
    }
  }

  private static void requireSettings(TrainingSpec spec) {
    if (spec.label == null) {
      throw new UsageException("--label is required");
    }
    if (spec.activation == Activation.SOFTMAX || spec.activation == Activation.LINEAR
        || spec.activation == Activation.EXPONENTIAL) {
      throw new UsageException("--activation must be relu, tanh or sigmoid; got " + spec.activation.label());
    }
    for (int units : spec.hidden) {
      if (units < 1) {
        throw new UsageException("--hidden: every layer needs at least 1 unit; got " + units);
      }
    }
    if (!(spec.l2 >= 0.0) || Double.isInfinite(spec.l2)) {
      throw new UsageException("--l2 must be a finite number >= 0; got " + spec.l2);
    }
    UsageException.requireEachOnce("--features", spec.features, "feature");
    if (spec.features.contains(spec.label) || spec.label.equals(spec.featuresColumn)) {
      throw new UsageException("the label column '" + spec.label + "' is also a feature, which would let the model"
          + " read the label it is to predict; leave it out of --features");
    }
  }

  private static int classes(Objective objective, TrainingSpec spec, TrainingData data) {
    if (objective.task() != Task.MULTICLASS) {
      return 0;
    }
    if (spec.classes > 0) {
      return spec.classes;
    }
    double max = data.summary().maxLabel();
    if (data.validationSummary() != null) {
      max = Math.max(max, data.validationSummary().maxLabel());
    }
    if (max >= MulticlassState.MOST_CLASSES) {
      throw new BadDataException("the label column '" + spec.label + "' holds class " + (long) max + "; without"
          + " --classes a softmax model takes labels below " + MulticlassState.MOST_CLASSES);
    }
    int k = (int) max + 1;
    if (k < 2) {
      throw new BadDataException("the label column '" + spec.label + "' holds a single class (0); a softmax model"
          + " needs at least 2 (or declare --classes)");
    }
    return k;
  }

  private static Network network(int inputs, Objective objective, int classes, TrainingSpec spec, DataSummary data) {
    int layers = spec.hidden.length + 1;
    int[] sizes = new int[layers + 1];
    Activation[] acts = new Activation[layers];
    sizes[0] = inputs;
    for (int l = 0; l < spec.hidden.length; l++) {
      sizes[l + 1] = spec.hidden[l];
      acts[l] = spec.activation;
    }
    sizes[layers] = objective.task() == Task.MULTICLASS ? classes : 1;
    acts[layers - 1] = objective.activation();
    try {
      return new Network(sizes, acts, data.means(), data.scales());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage() + ": give --hidden fewer units"
          + (objective.task() == Task.MULTICLASS ? ", or fewer --classes" : ""));
    }
  }

  /** The run's confidence level: --confidence, else the default where min_delta=significant needs one, else none. */
  private static Double confidence(TrainingSpec spec, EarlyStopping stopping) {
    if (spec.confidence != null) {
      return spec.confidence;
    }
    return stopping != null && stopping.significant() ? Intervals.DEFAULT_LEVEL : null;
  }

  private static Map<String, Object> settings(TrainingSpec spec, double learningRate, EarlyStopping stopping,
      History history, TrainingData data) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("optimizer", spec.optimizer.toLowerCase(java.util.Locale.ROOT));
    t.put("learning_rate", learningRate);
    t.put("batch_size", spec.batchSize);
    t.put("epochs", spec.epochs);
    t.put("epochs_run", history.epochs().size());
    t.put("l2", spec.l2);
    t.put("huber_delta", spec.huberDelta);
    t.put("from_logits", spec.fromLogits);
    t.put("seed", spec.seed);
    t.put("validation_split", spec.validationSplit);
    t.put("metrics", spec.metrics);
    t.put("early_stopping", stopping == null ? null : stopping.toString());
    t.put("confidence", confidence(spec, stopping));
    t.put("best_epoch", stopping == null || stopping.bestEpoch() < 0 ? null : stopping.bestEpoch() + 1);
    t.put("stopped_epoch", stopping == null || stopping.stoppedEpoch() < 0 ? null : stopping.stoppedEpoch() + 1);
    t.put("train_rows", data.summary().trainRows());
    t.put("skipped_rows", data.summary().skippedRows());
    t.put("skipped_by_reason", data.summary().refused());
    t.put("validation_rows", data.validationSummary() != null ? data.validationSummary().trainRows()
        : data.summary().validationRows());
    return t;
  }
}
