package io.evalspark.cli;

import io.evalspark.core.Choice;
import io.evalspark.core.UsageException;
import io.evalspark.job.InputReader;
import io.evalspark.report.InputFolders;
import io.evalspark.report.TextFiles;
import io.evalspark.train.Activation;
import io.evalspark.train.ModelFiles;
import io.evalspark.train.ModelOutput;
import io.evalspark.train.TrainingJob;
import io.evalspark.train.TrainingResult;
import io.evalspark.train.TrainingSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train}: fit a dense network by distributed mini-batch gradient descent; write the model and history. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a model by data-parallel mini-batch gradient descent; write DIR/model.json and DIR/history.{json,csv}.")
public final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SparkOptions sparkOptions;

  @Option(names = "--input", description = "Path of the training rows.") String input;
  @Option(names = "--format", description = InputReader.FORMATS + ".") String format;
  @Option(names = "--separator", description = InputReader.SEPARATOR) String separator;
  @Option(names = "--table", description = "A table in Spark's catalog instead of --input.") String table;
  @Option(names = "--features", split = ",", description = "Numeric feature columns.") List<String> features;
  @Option(names = "--features-col", description = "One ML vector or numeric array column of features.") String featuresCol;
  @Option(names = "--label", required = true, description = "The label column.") String label;
  @Option(names = "--weight", description = "A row weight column.") String weight;
  @Option(names = "--model", description = "linear, logistic, softmax or poisson (default: what the loss needs).")
  String model;
  @Option(names = "--hidden", split = ",", description = "Units per hidden layer, e.g. 64,32 (default: none).")
  int[] hidden = new int[0];
  @Option(names = "--activation", description = "Hidden activation: relu (default), tanh, sigmoid.")
  String activation;
  @Option(names = "--l2", defaultValue = "0", description = "L2 penalty l2 * sum(w^2) on weights (default 0).") double l2;
  @Option(names = "--loss", required = true,
      description = "mse, mae, huber, log_cosh, binary_cross_entropy, categorical_cross_entropy, hinge, squared_hinge,"
          + " poisson; an expression over y and p; or a class implementing io.evalspark.loss.PointLoss.")
  String loss;
  @Option(names = "--from-logits", description = "Cross-entropy on raw margins: the loss applies sigmoid/softmax.")
  boolean fromLogits;
  @Option(names = "--huber-delta", defaultValue = "1.0", description = "Huber threshold (default 1).") double huberDelta;
  @Option(names = "--classes", description = "Softmax classes (default: largest label + 1).") Integer classes;
  @Option(names = "--optimizer", defaultValue = "adam", description = "sgd, momentum or adam (default).") String optimizer;
  @Option(names = "--learning-rate", description = "Default: sgd/momentum 0.01, adam 0.001.") Double learningRate;
  @Option(names = "--batch-size", defaultValue = "1024", description = "Rows per step across partitions (default 1024).")
  int batchSize;
  @Option(names = "--epochs", defaultValue = "10", description = "Passes over the rows (default 10).") int epochs;
  @Option(names = "--validation-split", defaultValue = "0", description = "Fraction of rows held out for validation.")
  double validationSplit;
  @Option(names = "--validation", description = "Path of separate validation rows (same --format).") String validation;
  @Option(names = "--metrics", description = "Watched metrics: auc, accuracy, f1, rmse... or expressions (name=expr).")
  String metrics;
  @Option(names = "--beta", description = "The beta of a watched fbeta.") Double beta;
  @Option(names = "--divergence-factor", defaultValue = "1e6", description = "Stop as diverged when an epoch's loss"
      + " exceeds the first epoch's this many times (default ${DEFAULT-VALUE}).") double divergenceFactor;
  @Option(names = "--early-stopping", description = "monitor=val_auc,mode=max,patience=3,min_delta=0.001,"
      + "baseline=B,start_from_epoch=N,restore_best_weights=true")
  String earlyStopping;
  @Option(names = "--confidence", description = "Log each watched value's standard error at this level"
      + " (val_auc_stderr); the level of min_delta=significant (default 0.95 there).") Double confidence;
  @Option(names = "--seed", defaultValue = "1", description = "Seed of weights, split and batch order (default 1).")
  long seed;
  @Option(names = "--on-invalid", defaultValue = "fail", description = "fail (default) or skip rows that cannot be used.")
  String onInvalid;
  @Option(names = "--progress-seconds", defaultValue = "10", description = "Seconds between progress lines in an epoch.")
  double progressSeconds;
  @Option(names = "--output", required = true, description = "Directory for model.json and the history (a path or a"
      + " file system URI).") String output;

  @Override
  public Integer call() throws Exception {
    TrainingSpec training = spec();
    SparkSession spark = sparkOptions.session(spec);
    TextFiles.requireFolderPossible(output, "--output"); // before the training whose model it would lose
    Dataset<Row> rows = InputReader.read(spark, input, format, separator, table);
    Dataset<Row> validationRows = validation == null ? null : InputReader.read(spark, validation, format, separator, null);
    new InputFolders(spark, rows, "--input", input, table).requireOutside(output, "--output");
    if (validationRows != null) {
      new InputFolders(spark, validationRows, "--validation", validation, null).requireOutside(output, "--output");
    }
    PrintWriter out = sparkOptions.out(spec);
    TrainingResult result = TrainingJob.run(rows, validationRows, training, out);
    out.println("wrote " + ModelFiles.write(result, output));
    out.flush();
    return 0;
  }

  TrainingSpec spec() {
    if (activation != null && hidden.length == 0) {
      throw new UsageException("--activation applies to hidden layers, and the model has none (give --hidden, for"
          + " example --hidden 16), or leave it out");
    }
    TrainingSpec training = new TrainingSpec().features(features).featuresColumn(featuresCol).label(label).weight(weight)
        .model(model == null ? null : Choice.of(ModelOutput.class, "--model", model)).hidden(hidden)
        .l2(l2).loss(loss).fromLogits(fromLogits).huberDelta(huberDelta).optimizer(optimizer)
        .batchSize(batchSize).epochs(epochs)
        .validationSplit(validationSplit).metrics(metrics).beta(beta).divergenceFactor(divergenceFactor).earlyStopping(earlyStopping)
        .confidence(confidence).seed(seed)
        .skipInvalid(Choice.of(io.evalspark.core.OnInvalid.class, "--on-invalid", onInvalid) == io.evalspark.core.OnInvalid.SKIP)
        .progressSeconds(progressSeconds);
    if (activation != null) {
      training.activation(Choice.of(Activation.class, "--activation", activation.toLowerCase(Locale.ROOT)));
    }
    if (classes != null) {
      training.classes(classes);
    }
    return learningRate == null ? training : training.learningRate(learningRate);
  }
}
