package io.evalspark.jobfile;

import io.evalspark.job.InputReader;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The flags of {@code evaluate} that describe one evaluation. Each is also a job-file key of the
 * same name without dashes, in an evaluation block or at the top of the file as a default: this
 * class is where those keys are defined ({@link JobKeys}). A flag overrides the file's key.
 */
public final class EvaluationOptions {
  @Option(names = "--input", description = "Path of the predictions.") String input;
  @Option(names = "--format", description = InputReader.FORMATS + ".") String format;
  @Option(names = "--separator", description = InputReader.SEPARATOR) String separator;
  @Option(names = "--table", description = "A table in Spark's catalog instead of --input.") String table;
  @Option(names = "--where", description = "A SQL filter on the input, for example \"model = 'v7'\".") String where;
  @Option(names = "--task", description = "binary, multiclass, regression, multilabel or ranking.") String task;
  @Option(names = "--label", description = "The true label or value (multilabel: the array of true labels).")
  String label;
  @Option(names = "--score", description = "Binary: the probability of the positive class (or a logit with --from-logits).")
  String score;
  @Option(names = "--prediction", description = "Multiclass: the predicted class index. Regression: the predicted value."
      + " Multilabel: the array of predicted labels.")
  String prediction;
  @Option(names = "--probabilities", split = ",", description = "Multiclass: one array/vector column, or one column per class.")
  List<String> probabilities;
  @Option(names = "--labels", split = ",", description = "Multilabel: one 0/1 column per label (instead of an array"
      + " of labels in --label), with --scores.")
  List<String> labels;
  @Option(names = "--scores", split = ",", description = "Multilabel: one score column per --labels column, in its"
      + " order; a label is predicted iff its score >= --threshold (default 0.5).")
  List<String> scores;
  @Option(names = "--weight", description = "A row weight column; weights every metric.") String weight;
  @Option(names = "--threshold", description = "Binary: positive iff probability >= T (default 0.5)."
      + " Multilabel: a label is predicted iff its score >= T (default 0.5).") Double threshold;
  @Option(names = "--from-logits", description = "Binary: scores are raw margins; the probability is their sigmoid.")
  Boolean fromLogits;
  @Option(names = "--beta", description = "Binary: also report fbeta with this beta.") Double beta;
  @Option(names = "--bins", description = "Binary: score histogram bins for ROC/PR (default 10000). Multiclass with"
      + " --probabilities: bins of each class's one-vs-rest histogram (default 10000 up to 10 classes).") Integer bins;
  @Option(names = "--auc-tolerance", description = "Binary: more passes until the roc_auc and average_precision"
      + " bounds are at most this far apart (0: exact) (default: one pass).") Double aucTolerance;
  @Option(names = "--confidence", description = "Every metric's standard error and two-sided confidence interval at"
      + " this level, for example 0.95, from the same pass (default: none).") Double confidence;
  @Option(names = "--interval-key", description = "With --confidence: rows of one value of this column (a user id)"
      + " share their resampling fate.") String intervalKey;
  @Option(names = "--at", description = "Binary: an operating point, recall=R, precision=P, specificity=S or"
      + " sensitivity=S (repeatable, one a kind): precision_at_recall_R and its threshold, ...") List<String> at;
  @Option(names = "--curve-points", description = "Binary: most points per curve in the report (default 200).")
  Integer curvePoints;
  @Option(names = "--focal-gamma", description = "Binary: the focal loss's focusing parameter (default 2.0, as"
      + " Keras).") Double focalGamma;
  @Option(names = "--focal-alpha", description = "Binary: the focal loss's class balancing: positives weigh alpha,"
      + " negatives 1 - alpha (default: none, as Keras).") Double focalAlpha;
  @Option(names = "--num-classes", description = "Multiclass: the number of classes (default: learned).")
  Integer numClasses;
  @Option(names = "--top-k", description = "Multiclass: also report top_K_accuracy.") Integer topK;
  @Option(names = "--k", split = ",", description = "Ranking: the cut-offs K of precision_at_K, recall_at_K,"
      + " ndcg_at_K and map_at_K (default 10).")
  List<Integer> k;
  @Option(names = "--query", description = "Ranking: a row per (query, item): the query column, with --score and"
      + " the item's graded relevance in --label.")
  String query;
  @Option(names = "--huber-delta", description = "Regression: Huber threshold (default 1.0).") Double huberDelta;
  @Option(names = "--slice-by", split = ",", description = "Columns to slice by; every metric per slice value too.")
  List<String> sliceBy;
  @Option(names = "--metrics", split = ",", description = "The metrics to report and record (default: all).")
  List<String> metrics;
  @Option(names = {"--metric", "--custom-metrics"}, description = "Binary and regression: a metric of your own,"
      + " name=formula over y, p (the probability, or the prediction) and w (the weight), for example"
      + " 'err=abs(y - p) * 1000':"
      + " its weighted mean, in every slice (repeatable).") List<String> customMetrics;
  @Option(names = {"--metric-class", "--metric-classes"}, description = "Binary and regression: a class implementing"
      + " io.evalspark.metrics.CustomMetricState (its jar in --jars), whose metrics are reported too (repeatable).")
  List<String> metricClasses;
  @Option(names = "--on-invalid", description = "fail (default) or skip rows that cannot be evaluated.") String onInvalid;
  @Option(names = "--allow-empty", description = "Write a report of no rows instead of failing when none are left.")
  Boolean allowEmpty;
  @Option(names = "--model", description = "The model name the history records (default: the evaluation's name).")
  String model;
  @Option(names = "--model-column", description = "A column naming the models: each is evaluated, in the same pass.")
  String modelColumn;
  @Option(names = {"--gate", "--gates"}, description = "A gate, e.g. \"roc_auc >= 0.85\" or \"log_loss <= previous + 2%%\";"
      + " repeatable; replaces the file's gates.") List<String> gates;
  @Option(names = "--baseline-model", description = "The model that gates on 'baseline' compare with.")
  String baselineModel;
  @Option(names = "--training-history", description = "history.json of the training run, for the report.")
  String trainingHistory;
}
