package io.evalspark.metrics;

import static io.evalspark.metrics.Metric.larger;
import static io.evalspark.metrics.Metric.smaller;

import io.evalspark.core.Task;
import io.evalspark.metrics.Metric.Family;
import io.evalspark.metrics.OneVsRest.Figure;
import java.util.List;

/**
 * Every multiclass metric: name, direction, family and formula. Definitions follow scikit-learn's
 * (https://scikit-learn.org/stable/modules/model_evaluation.html); averages run over the classes
 * present, and the formulas are in {@link MatrixMetrics}.
 */
public final class MulticlassCatalogue {
  /** Share of rows whose predicted class is the true one. */
  public static final Metric<MulticlassSettings, MulticlassView> ACCURACY =
      Metric.<MulticlassSettings, MulticlassView>larger("accuracy", Family.CLASS_AVERAGE, v -> v.matrix().accuracy())
          .alsoKnownAs("acc", "categorical_accuracy", "sparse_categorical_accuracy",
              "SparseCategoricalAccuracy");
  /** Precision averaged over classes, each counting once. */
  public static final Metric<MulticlassSettings, MulticlassView> MACRO_PRECISION = larger(
      "macro_precision", Family.CLASS_AVERAGE, v -> v.matrix().macro(MatrixMetrics::precision));
  /** Recall averaged over classes, each counting once. */
  public static final Metric<MulticlassSettings, MulticlassView> MACRO_RECALL = larger(
      "macro_recall", Family.CLASS_AVERAGE, v -> v.matrix().macro(MatrixMetrics::recall));
  /** F1 averaged over classes, each counting once. */
  public static final Metric<MulticlassSettings, MulticlassView> MACRO_F1 = larger(
      "macro_f1", Family.CLASS_AVERAGE, v -> v.matrix().macro(MatrixMetrics::f1));
  /** F1 of the pooled counts, which for single-label rows equals accuracy. */
  public static final Metric<MulticlassSettings, MulticlassView> MICRO_F1 = larger(
      "micro_f1", Family.CLASS_AVERAGE, v -> v.matrix().accuracy());
  /** Precision averaged over classes weighted by support. */
  public static final Metric<MulticlassSettings, MulticlassView> WEIGHTED_PRECISION = larger(
      "weighted_precision", Family.CLASS_AVERAGE, v -> v.matrix().weighted(MatrixMetrics::precision));
  /** Recall averaged over classes weighted by support. */
  public static final Metric<MulticlassSettings, MulticlassView> WEIGHTED_RECALL = larger(
      "weighted_recall", Family.CLASS_AVERAGE, v -> v.matrix().weighted(MatrixMetrics::recall));
  /** F1 averaged over classes weighted by support. */
  public static final Metric<MulticlassSettings, MulticlassView> WEIGHTED_F1 = larger(
      "weighted_f1", Family.CLASS_AVERAGE, v -> v.matrix().weighted(MatrixMetrics::f1));
  /** Cohen's kappa. */
  public static final Metric<MulticlassSettings, MulticlassView> COHEN_KAPPA = larger(
      "cohen_kappa", Family.CLASS_AVERAGE, v -> v.matrix().cohenKappa());
  /** Matthews correlation coefficient, multiclass form. */
  public static final Metric<MulticlassSettings, MulticlassView> MCC = larger(
      "mcc", Family.CLASS_AVERAGE, v -> v.matrix().mcc());
  /** Weighted mean categorical cross-entropy, reported with probabilities. */
  public static final Metric<MulticlassSettings, MulticlassView> LOG_LOSS =
      Metric.<MulticlassSettings, MulticlassView>smaller("log_loss", Family.PROBABILITY, MulticlassView::logLoss)
          .alsoKnownAs("sparse_categorical_crossentropy", "SparseCategoricalCrossentropy")
          .reportedWhen(MulticlassSettings::hasProbabilities);
  /**
   * Keras's KL divergence of the true distribution from the predicted one, sum y log(y / p). The
   * true distribution of a row with a class label puts 1 on that class, so it is -log p of the
   * true class: the log loss, with its rescaling and clipping (Keras clips at 1e-7 and does not rescale).
   */
  public static final Metric<MulticlassSettings, MulticlassView> KL_DIVERGENCE =
      Metric.<MulticlassSettings, MulticlassView>smaller("kl_divergence", Family.PROBABILITY, MulticlassView::logLoss)
          .reportedWhen(MulticlassSettings::hasProbabilities);
  /** Share of rows whose class is among the K most probable, reported with top-k set. */
  public static final Metric<MulticlassSettings, MulticlassView> TOP_K_ACCURACY =
      Metric.<MulticlassSettings, MulticlassView>larger("top_K_accuracy", Family.PROBABILITY,
          MulticlassView::topKAccuracy)
          .reportedWhen(s -> s.hasProbabilities() && s.topK() > 0)
          .namedBy(s -> "top_" + s.topK() + "_accuracy");

  /** Macro-averaged one-vs-rest ROC AUC (scikit-learn's {@code multi_class='ovr', average='macro'}), with probabilities. */
  public static final Metric<MulticlassSettings, MulticlassView> MACRO_ROC_AUC = oneVsRest("macro_roc_auc",
      o -> o.macroRocAuc(Figure.VALUE));
  /** A certified lower bound of the macro one-vs-rest ROC AUC: the mean of the classes' lower bounds. */
  public static final Metric<MulticlassSettings, MulticlassView> MACRO_ROC_AUC_LOWER = oneVsRest(
      "macro_roc_auc_lower", o -> o.macroRocAuc(Figure.LOWER));
  /** A certified upper bound of the macro one-vs-rest ROC AUC. */
  public static final Metric<MulticlassSettings, MulticlassView> MACRO_ROC_AUC_UPPER = oneVsRest(
      "macro_roc_auc_upper", o -> o.macroRocAuc(Figure.UPPER));
  /** One-vs-rest ROC AUC averaged over classes weighted by support ({@code average='weighted'}). */
  public static final Metric<MulticlassSettings, MulticlassView> WEIGHTED_ROC_AUC = oneVsRest("weighted_roc_auc",
      o -> o.weightedRocAuc(Figure.VALUE));
  /** A certified lower bound of the weighted one-vs-rest ROC AUC. */
  public static final Metric<MulticlassSettings, MulticlassView> WEIGHTED_ROC_AUC_LOWER = oneVsRest(
      "weighted_roc_auc_lower", o -> o.weightedRocAuc(Figure.LOWER));
  /** A certified upper bound of the weighted one-vs-rest ROC AUC. */
  public static final Metric<MulticlassSettings, MulticlassView> WEIGHTED_ROC_AUC_UPPER = oneVsRest(
      "weighted_roc_auc_upper", o -> o.weightedRocAuc(Figure.UPPER));

  private static Metric<MulticlassSettings, MulticlassView> oneVsRest(String name,
      java.util.function.ToDoubleFunction<OneVsRest> formula) {
    return Metric.<MulticlassSettings, MulticlassView>larger(name, Family.RANKING, v -> formula.applyAsDouble(v.oneVsRest()))
        .reportedWhen(MulticlassSettings::hasProbabilities);
  }

  /** The multiclass metrics in report order. */
  public static final Catalogue<MulticlassSettings, MulticlassView> CATALOGUE = new Catalogue<>(Task.MULTICLASS,
      List.of(ACCURACY, MACRO_PRECISION, MACRO_RECALL, MACRO_F1, MICRO_F1, WEIGHTED_PRECISION, WEIGHTED_RECALL,
          WEIGHTED_F1, COHEN_KAPPA, MCC, LOG_LOSS, KL_DIVERGENCE, TOP_K_ACCURACY, MACRO_ROC_AUC, MACRO_ROC_AUC_LOWER,
          MACRO_ROC_AUC_UPPER, WEIGHTED_ROC_AUC, WEIGHTED_ROC_AUC_LOWER, WEIGHTED_ROC_AUC_UPPER),
      List.of(ACCURACY, MACRO_F1, WEIGHTED_F1));

  private MulticlassCatalogue() {}
}
