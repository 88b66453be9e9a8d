package io.evalspark.train;

import io.evalspark.core.UsageException;
import io.evalspark.loss.HuberLoss;
import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.Intervals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What to train and how, set fluently: {@code new TrainingSpec().features("x1", "x2").label("y")
 * .loss("binary_cross_entropy").epochs(20)}. Unset settings keep the defaults documented on each
 * setter.
 */
public final class TrainingSpec {
  /** Training stops as diverged when an epoch's loss exceeds the first epoch's by this factor. */
  public static final double DEFAULT_DIVERGENCE_FACTOR = 1e6;

  List<String> features = new ArrayList<>();
  String featuresColumn;
  String label;
  String weight;
  ModelOutput model;
  int[] hidden = new int[0];
  Activation activation = Activation.RELU;
  double l2;
  String loss;
  boolean fromLogits;
  double huberDelta = 1.0;
  int classes;
  String optimizer = "adam";
  double learningRate = Double.NaN;
  int batchSize = 1024;
  int epochs = 10;
  double validationSplit;
  String metrics = "";
  double beta = Double.NaN;
  Double confidence;
  double divergenceFactor = DEFAULT_DIVERGENCE_FACTOR;
  String earlyStopping;
  long seed = 1L;
  boolean skipInvalid;
  double progressSeconds = 10.0;

  /** Numeric feature columns. */
  public TrainingSpec features(String... columns) {
    features = new ArrayList<>(Arrays.asList(columns));
    return this;
  }

  /** Numeric feature columns. */
  public TrainingSpec features(List<String> columns) {
    features = columns == null ? new ArrayList<>() : new ArrayList<>(columns);
    return this;
  }

  /** One ML vector or numeric array column of features, instead of {@link #features}. */
  public TrainingSpec featuresColumn(String column) {
    featuresColumn = column;
    return this;
  }

  /** The label column. */
  public TrainingSpec label(String column) {
    label = column;
    return this;
  }

  /** A row weight column (default: every row weighs 1). */
  public TrainingSpec weight(String column) {
    weight = column;
    return this;
  }

  /** The model's output (default: the loss's natural one). */
  public TrainingSpec model(ModelOutput output) {
    model = output;
    return this;
  }

  /** Units of each hidden layer (default: none). */
  public TrainingSpec hidden(int... units) {
    hidden = units.clone();
    return this;
  }

  /** The hidden layers' activation: relu (default), tanh or sigmoid. */
  public TrainingSpec activation(Activation a) {
    activation = a;
    return this;
  }

  /** The L2 penalty on weights, {@code l2 * sum(w^2)} (default 0). */
  public TrainingSpec l2(double penalty) {
    l2 = penalty;
    return this;
  }

  /** A built-in loss, an expression over y and p, or a {@code PointLoss} class name. */
  public TrainingSpec loss(String name) {
    loss = name;
    return this;
  }

  /** Cross-entropy on raw margins: the model's output is linear and the loss applies sigmoid or softmax. */
  public TrainingSpec fromLogits(boolean logits) {
    fromLogits = logits;
    return this;
  }

  /** The Huber loss's threshold (default 1). */
  public TrainingSpec huberDelta(double delta) {
    try {
      huberDelta = HuberLoss.checkedDelta(delta);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--huber-delta: " + e.getMessage());
    }
    return this;
  }

  /** The number of classes of a softmax model, at least 2 (default: the largest label + 1). */
  public TrainingSpec classes(int k) {
    if (k < 2) {
      throw new UsageException("--classes must be at least 2, got " + k);
    }
    classes = k;
    return this;
  }

  /** sgd, momentum or adam (default). */
  public TrainingSpec optimizer(String name) {
    optimizer = name;
    return this;
  }

  /**
   * The learning rate (default: the optimiser's, as in Keras): a positive number. NaN is not a way to
   * ask for the default; leave the rate unset.
   */
  public TrainingSpec learningRate(double rate) {
    if (!(rate > 0.0) || Double.isInfinite(rate)) {
      throw new UsageException("--learning-rate must be a positive number; got " + rate);
    }
    learningRate = rate;
    return this;
  }

  /** Rows per mini-batch across all partitions, at least 1 (default 1024). */
  public TrainingSpec batchSize(int rows) {
    UsageException.requireAtLeastOne("--batch-size", rows);
    batchSize = rows;
    return this;
  }

  /** Passes over the training rows, at least 1 (default 10). */
  public TrainingSpec epochs(int n) {
    UsageException.requireAtLeastOne("--epochs", n);
    epochs = n;
    return this;
  }

  /** The fraction of rows held out for validation (default 0). */
  public TrainingSpec validationSplit(double fraction) {
    validationSplit = fraction;
    return this;
  }

  /** Metrics to watch, a comma list (default none). */
  public TrainingSpec metrics(String list) {
    metrics = list == null ? "" : list;
    return this;
  }

  /** How many times the first epoch's loss an epoch's loss may reach before training counts as diverged. */
  public TrainingSpec divergenceFactor(double factor) {
    if (!(factor > 1.0)) {
      throw new io.evalspark.core.UsageException("--divergence-factor must be a number above 1, got " + factor);
    }
    divergenceFactor = factor;
    return this;
  }

  /** The beta of a watched {@code fbeta} (default: none, and fbeta cannot be watched). */
  public TrainingSpec beta(Double value) {
    try {
      beta = value == null ? Double.NaN
          : BinarySettings.checkedBeta(BinarySettings.given(value, BinarySettings.BETA_RULE));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--beta: " + e.getMessage());
    }
    return this;
  }

  /**
   * The level of the standard errors logged for every watched value ({@code val_auc_stderr}) and of
   * {@code min_delta=significant} (default: none, or 0.95 where early stopping asks for it).
   */
  public TrainingSpec confidence(Double level) {
    confidence = level == null ? null : Intervals.requireConfidenceOption(level);
    return this;
  }

  /** Early stopping settings, {@code monitor=val_auc,patience=3,...} (default: off). */
  public TrainingSpec earlyStopping(String settings) {
    earlyStopping = settings;
    return this;
  }

  /** The seed of initial weights, validation split and batch order (default 1). */
  public TrainingSpec seed(long s) {
    seed = s;
    return this;
  }

  /** Train on the usable rows instead of failing on refused ones (default: fail). */
  public TrainingSpec skipInvalid(boolean skip) {
    skipInvalid = skip;
    return this;
  }

  /** Seconds between progress lines within an epoch (default 10; 0 prints none). */
  public TrainingSpec progressSeconds(double seconds) {
    if (!(seconds >= 0.0)) {
      throw new UsageException("--progress-seconds must be a number >= 0 (0 prints none), got " + seconds);
    }
    progressSeconds = seconds;
    return this;
  }
}
