package io.evalspark.metrics;

import static io.evalspark.metrics.Metric.larger;
import static io.evalspark.metrics.Metric.smaller;

import io.evalspark.core.Task;
import io.evalspark.metrics.Metric.Family;
import io.evalspark.metrics.OperatingPoints.Targets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;

/**
 * Every binary metric: name, direction, family and formula. A row is positive iff its label is 1,
 * and predicted positive iff its probability is at or above the threshold. Definitions follow
 * scikit-learn's (https://scikit-learn.org/stable/modules/model_evaluation.html); the formulas are
 * in {@link ThresholdMetrics} and {@link RankingMetrics}.
 */
public final class BinaryCatalogue {
  /** Which kind of target each operating point metric reads, by its name with the R part; filled as they are made. */
  private static final Map<String, Integer> KIND_OF = new HashMap<>();
  /** Weighted true positives. */
  public static final Metric<BinarySettings, BinaryView> TP = larger("tp", Family.COUNT, v -> v.counts().tp());
  /** Weighted false positives. */
  public static final Metric<BinarySettings, BinaryView> FP = smaller("fp", Family.COUNT, v -> v.counts().fp());
  /** Weighted true negatives. */
  public static final Metric<BinarySettings, BinaryView> TN = larger("tn", Family.COUNT, v -> v.counts().tn());
  /** Weighted false negatives. */
  public static final Metric<BinarySettings, BinaryView> FN = smaller("fn", Family.COUNT, v -> v.counts().fn());
  /** Accuracy at the threshold. */
  public static final Metric<BinarySettings, BinaryView> ACCURACY = Metric.<BinarySettings, BinaryView>larger(
      "accuracy", Family.THRESHOLD, v -> ThresholdMetrics.accuracy(v.counts()))
      .alsoKnownAs("acc", "binary_accuracy", "BinaryAccuracy");
  /** Precision at the threshold. */
  public static final Metric<BinarySettings, BinaryView> PRECISION = Metric.<BinarySettings, BinaryView>larger(
      "precision", Family.THRESHOLD, v -> ThresholdMetrics.precision(v.counts())).alsoKnownAs("Precision");
  /** Recall (sensitivity) at the threshold. */
  public static final Metric<BinarySettings, BinaryView> RECALL = Metric.<BinarySettings, BinaryView>larger(
      "recall", Family.THRESHOLD, v -> ThresholdMetrics.recall(v.counts())).alsoKnownAs("Recall");
  /** Specificity at the threshold. */
  public static final Metric<BinarySettings, BinaryView> SPECIFICITY = larger(
      "specificity", Family.THRESHOLD, v -> ThresholdMetrics.specificity(v.counts()));
  /** F1 at the threshold. */
  public static final Metric<BinarySettings, BinaryView> F1 = larger(
      "f1", Family.THRESHOLD, v -> ThresholdMetrics.fbeta(v.counts(), 1.0));
  /** F-beta at the threshold, reported when a beta is set. */
  public static final Metric<BinarySettings, BinaryView> FBETA = Metric.<BinarySettings, BinaryView>larger(
      "fbeta", Family.THRESHOLD, v -> ThresholdMetrics.fbeta(v.counts(), v.settings().beta()))
      .reportedWhen(s -> !Double.isNaN(s.beta()));
  /** Balanced accuracy at the threshold. */
  public static final Metric<BinarySettings, BinaryView> BALANCED_ACCURACY = larger(
      "balanced_accuracy", Family.THRESHOLD, v -> ThresholdMetrics.balancedAccuracy(v.counts()));
  /** Matthews correlation coefficient at the threshold. */
  public static final Metric<BinarySettings, BinaryView> MCC = larger(
      "mcc", Family.THRESHOLD, v -> ThresholdMetrics.mcc(v.counts()));
  /** Area under the ROC curve. */
  public static final Metric<BinarySettings, BinaryView> ROC_AUC = Metric.<BinarySettings, BinaryView>larger(
      "roc_auc", Family.RANKING, v -> RankingMetrics.rocAuc(v.histogram())).alsoKnownAs("auc", "AUC")
      .withSqlFunction();
  /** A certified lower bound of the exact ROC AUC. */
  public static final Metric<BinarySettings, BinaryView> ROC_AUC_LOWER = larger(
      "roc_auc_lower", Family.RANKING, v -> RankingMetrics.rocAucLower(v.histogram()));
  /** A certified upper bound of the exact ROC AUC. */
  public static final Metric<BinarySettings, BinaryView> ROC_AUC_UPPER = larger(
      "roc_auc_upper", Family.RANKING, v -> RankingMetrics.rocAucUpper(v.histogram()));
  /** Trapezoidal area under the precision-recall curve. */
  public static final Metric<BinarySettings, BinaryView> PR_AUC = Metric.<BinarySettings, BinaryView>larger(
      "pr_auc", Family.RANKING, v -> RankingMetrics.prAuc(v.histogram())).withSqlFunction();
  /** Average precision. */
  public static final Metric<BinarySettings, BinaryView> AVERAGE_PRECISION = Metric.<BinarySettings, BinaryView>larger(
      "average_precision", Family.RANKING, v -> RankingMetrics.averagePrecision(v.histogram())).withSqlFunction();
  /** A certified lower bound of the exact average precision. */
  public static final Metric<BinarySettings, BinaryView> AVERAGE_PRECISION_LOWER = larger(
      "average_precision_lower", Family.RANKING, v -> RankingMetrics.averagePrecisionLower(v.histogram()));
  /** A certified upper bound of the exact average precision. */
  public static final Metric<BinarySettings, BinaryView> AVERAGE_PRECISION_UPPER = larger(
      "average_precision_upper", Family.RANKING, v -> RankingMetrics.averagePrecisionUpper(v.histogram()));
  /** The largest F1 over thresholds. */
  public static final Metric<BinarySettings, BinaryView> MAX_F1 = Metric.<BinarySettings, BinaryView>larger(
      "max_f1", Family.RANKING, v -> OperatingPoints.maxF1(v.histogram()).value()).withSqlFunction();
  /** The threshold of {@code max_f1} (its direction means nothing). */
  public static final Metric<BinarySettings, BinaryView> THRESHOLD_AT_MAX_F1 = larger(
      "threshold_at_max_f1", Family.RANKING, v -> OperatingPoints.maxF1(v.histogram()).threshold());
  /** The largest precision among thresholds of recall at least the --at recall target. */
  public static final Metric<BinarySettings, BinaryView> PRECISION_AT_RECALL = point("precision_at_recall_R",
      0, OperatingPoints::precisionAtRecall, false);
  /** Its threshold. */
  public static final Metric<BinarySettings, BinaryView> THRESHOLD_AT_PRECISION_AT_RECALL = point(
      "threshold_at_precision_at_recall_R", 0, OperatingPoints::precisionAtRecall, true);
  /** The largest recall among thresholds of precision at least the --at precision target. */
  public static final Metric<BinarySettings, BinaryView> RECALL_AT_PRECISION = point("recall_at_precision_R",
      1, OperatingPoints::recallAtPrecision, false);
  /** Its threshold. */
  public static final Metric<BinarySettings, BinaryView> THRESHOLD_AT_RECALL_AT_PRECISION = point(
      "threshold_at_recall_at_precision_R", 1, OperatingPoints::recallAtPrecision, true);
  /** The largest sensitivity among thresholds of specificity at least the --at specificity target. */
  public static final Metric<BinarySettings, BinaryView> SENSITIVITY_AT_SPECIFICITY = point(
      "sensitivity_at_specificity_R", 2, OperatingPoints::sensitivityAtSpecificity, false);
  /** Its threshold. */
  public static final Metric<BinarySettings, BinaryView> THRESHOLD_AT_SENSITIVITY_AT_SPECIFICITY = point(
      "threshold_at_sensitivity_at_specificity_R", 2, OperatingPoints::sensitivityAtSpecificity, true);
  /** The largest specificity among thresholds of sensitivity at least the --at sensitivity target. */
  public static final Metric<BinarySettings, BinaryView> SPECIFICITY_AT_SENSITIVITY = point(
      "specificity_at_sensitivity_R", 3, OperatingPoints::specificityAtSensitivity, false);
  /** Its threshold. */
  public static final Metric<BinarySettings, BinaryView> THRESHOLD_AT_SPECIFICITY_AT_SENSITIVITY = point(
      "threshold_at_specificity_at_sensitivity_R", 3, OperatingPoints::specificityAtSensitivity, true);
  /** Weighted mean log loss (binary cross-entropy). */
  public static final Metric<BinarySettings, BinaryView> LOG_LOSS = Metric.<BinarySettings, BinaryView>smaller(
      "log_loss", Family.PROBABILITY, BinaryView::logLoss).alsoKnownAs("binary_crossentropy", "BinaryCrossentropy")
      .withSqlFunction();
  /** Weighted mean Brier score. */
  public static final Metric<BinarySettings, BinaryView> BRIER = Metric.<BinarySettings, BinaryView>smaller(
      "brier", Family.PROBABILITY, BinaryView::brier).withSqlFunction();
  /** Expected calibration error over 15 equal-width bins. */
  public static final Metric<BinarySettings, BinaryView> ECE = Metric.<BinarySettings, BinaryView>smaller(
      "ece", Family.PROBABILITY, BinaryView::ece).withSqlFunction();
  /** Weighted mean hinge loss, Keras's {@code hinge}, of the score as given (labels 0/1 read as -1/1). */
  public static final Metric<BinarySettings, BinaryView> HINGE = Metric.<BinarySettings, BinaryView>smaller(
      "hinge", Family.PROBABILITY, BinaryView::hinge).alsoKnownAs("Hinge").withSqlFunction();
  /** Weighted mean squared hinge loss, Keras's {@code squared_hinge}. */
  public static final Metric<BinarySettings, BinaryView> SQUARED_HINGE = Metric.<BinarySettings, BinaryView>smaller(
      "squared_hinge", Family.PROBABILITY, BinaryView::squaredHinge).alsoKnownAs("SquaredHinge").withSqlFunction();
  /** Weighted mean focal loss, Keras's {@code BinaryFocalCrossentropy}, with the evaluation's gamma and alpha. */
  public static final Metric<BinarySettings, BinaryView> FOCAL_LOSS = Metric.<BinarySettings, BinaryView>smaller(
      "focal_loss", Family.PROBABILITY, BinaryView::focal).withSqlFunction();

  /** The binary metrics in report order. */
  public static final Catalogue<BinarySettings, BinaryView> CATALOGUE = new Catalogue<>(Task.BINARY,
      List.of(TP, FP, TN, FN, ACCURACY, PRECISION, RECALL, SPECIFICITY, F1, FBETA, BALANCED_ACCURACY, MCC, ROC_AUC,
          ROC_AUC_LOWER, ROC_AUC_UPPER, PR_AUC, AVERAGE_PRECISION, AVERAGE_PRECISION_LOWER, AVERAGE_PRECISION_UPPER,
          MAX_F1, THRESHOLD_AT_MAX_F1, PRECISION_AT_RECALL, THRESHOLD_AT_PRECISION_AT_RECALL, RECALL_AT_PRECISION,
          THRESHOLD_AT_RECALL_AT_PRECISION, SENSITIVITY_AT_SPECIFICITY, THRESHOLD_AT_SENSITIVITY_AT_SPECIFICITY,
          SPECIFICITY_AT_SENSITIVITY, THRESHOLD_AT_SPECIFICITY_AT_SENSITIVITY, LOG_LOSS, BRIER, ECE, HINGE,
          SQUARED_HINGE, FOCAL_LOSS),
      List.of(ROC_AUC, LOG_LOSS, ACCURACY, F1));

  private BinaryCatalogue() {}

  /**
   * The targets a metric name asks for: {@code precision_at_recall_0.9} (or its threshold) asks for
   * recall 0.9; any other name for none.
   */
  public static Targets targets(String metricName) {
    for (Metric<BinarySettings, BinaryView> m : CATALOGUE.all()) {
      double t = m.targetIn(metricName);
      if (!Double.isNaN(t) && KIND_OF.containsKey(m.name())) {
        return Targets.only(KIND_OF.get(m.name()), t);
      }
    }
    return Targets.NONE;
  }




  /**
   * An operating point at one --at target, or its threshold: reported when the target is set, named
   * with it ({@code precision_at_recall_0.9}).
   */
  private static Metric<BinarySettings, BinaryView> point(String name, int kind,
      BiFunction<HistogramView, Double, OperatingPoints.Best> best, boolean threshold) {
    KIND_OF.put(name, kind);
    ToDoubleFunction<Targets> target = t -> t.of(kind);
    String stem = name.substring(0, name.length() - 1);
    return Metric.<BinarySettings, BinaryView>larger(name, Family.RANKING, v -> {
      OperatingPoints.Best b = best.apply(v.histogram(), target.applyAsDouble(v.settings().at()));
      return threshold ? b.threshold() : b.value();
    }).reportedWhen(s -> !Double.isNaN(target.applyAsDouble(s.at())))
        .namedBy(s -> stem + OperatingPoints.named(target.applyAsDouble(s.at())));
  }
}
