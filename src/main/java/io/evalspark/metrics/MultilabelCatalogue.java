package io.evalspark.metrics;

import static io.evalspark.metrics.Metric.larger;

import io.evalspark.core.Task;
import io.evalspark.metrics.Metric.Family;
import io.evalspark.metrics.OneVsRest.Figure;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Every multilabel metric: name, direction, family and formula. The per-row averages follow Spark
 * MLlib's {@code MultilabelMetrics}, the label averages and ranking metrics scikit-learn's; a ratio
 * whose denominator is zero is 0 (where MLlib's per-row recall, F1 and accuracy are NaN).
 */
public final class MultilabelCatalogue {
  /** Share of rows whose predicted set is exactly their true set. */
  public static final Metric<MultilabelSettings, MultilabelView> SUBSET_ACCURACY = larger(
      "subset_accuracy", Family.CLASS_AVERAGE, MultilabelView::subsetAccuracy);
  /** Mean Jaccard index |T ∩ P| / |T ∪ P| of the rows (MLlib's accuracy). */
  public static final Metric<MultilabelSettings, MultilabelView> ACCURACY = larger(
      "accuracy", Family.CLASS_AVERAGE, MultilabelView::accuracy);
  /** Mean number of wrong labels (true but not predicted, or predicted but not true) a row, over the number of labels. */
  public static final Metric<MultilabelSettings, MultilabelView> HAMMING_LOSS = Metric.smaller(
      "hamming_loss", Family.CLASS_AVERAGE, MultilabelView::hammingLoss);
  /** Mean of the rows' |T ∩ P| / |P|. */
  public static final Metric<MultilabelSettings, MultilabelView> PRECISION = larger(
      "precision", Family.CLASS_AVERAGE, MultilabelView::precision);
  /** Mean of the rows' |T ∩ P| / |T|. */
  public static final Metric<MultilabelSettings, MultilabelView> RECALL = larger(
      "recall", Family.CLASS_AVERAGE, MultilabelView::recall);
  /** Mean of the rows' 2 |T ∩ P| / (|T| + |P|). */
  public static final Metric<MultilabelSettings, MultilabelView> F1 = larger(
      "f1", Family.CLASS_AVERAGE, MultilabelView::f1);
  /** Every label's true positives over every label's predictions. */
  public static final Metric<MultilabelSettings, MultilabelView> MICRO_PRECISION = larger(
      "micro_precision", Family.CLASS_AVERAGE, MultilabelView::microPrecision);
  /** Every label's true positives over every label's true rows. */
  public static final Metric<MultilabelSettings, MultilabelView> MICRO_RECALL = larger(
      "micro_recall", Family.CLASS_AVERAGE, MultilabelView::microRecall);
  /** F1 of the pooled counts of every label. */
  public static final Metric<MultilabelSettings, MultilabelView> MICRO_F1 = larger(
      "micro_f1", Family.CLASS_AVERAGE, MultilabelView::microF1);
  /** Per-label precision averaged over the labels, each counting once. */
  public static final Metric<MultilabelSettings, MultilabelView> MACRO_PRECISION = larger(
      "macro_precision", Family.CLASS_AVERAGE, v -> v.macro(LabelCounts.Counts::precision));
  /** Per-label recall averaged over the labels. */
  public static final Metric<MultilabelSettings, MultilabelView> MACRO_RECALL = larger(
      "macro_recall", Family.CLASS_AVERAGE, v -> v.macro(LabelCounts.Counts::recall));
  /** Per-label F1 averaged over the labels. */
  public static final Metric<MultilabelSettings, MultilabelView> MACRO_F1 = larger(
      "macro_f1", Family.CLASS_AVERAGE, v -> v.macro(LabelCounts.Counts::f1));
  /** Each label's ROC AUC averaged over the labels whose AUC is defined, with scores. */
  public static final Metric<MultilabelSettings, MultilabelView> MACRO_ROC_AUC = scored("macro_roc_auc",
      v -> v.perLabel().macroRocAuc(Figure.VALUE));
  /** A certified lower bound of the macro ROC AUC. */
  public static final Metric<MultilabelSettings, MultilabelView> MACRO_ROC_AUC_LOWER = scored("macro_roc_auc_lower",
      v -> v.perLabel().macroRocAuc(Figure.LOWER));
  /** A certified upper bound of the macro ROC AUC. */
  public static final Metric<MultilabelSettings, MultilabelView> MACRO_ROC_AUC_UPPER = scored("macro_roc_auc_upper",
      v -> v.perLabel().macroRocAuc(Figure.UPPER));
  /** ROC AUC of every (row, label) pair as one binary problem, with scores. */
  public static final Metric<MultilabelSettings, MultilabelView> MICRO_ROC_AUC = scored("micro_roc_auc",
      v -> RankingMetrics.rocAuc(v.everyPair()));
  /** A certified lower bound of the micro ROC AUC. */
  public static final Metric<MultilabelSettings, MultilabelView> MICRO_ROC_AUC_LOWER = scored("micro_roc_auc_lower",
      v -> RankingMetrics.rocAucLower(v.everyPair()));
  /** A certified upper bound of the micro ROC AUC. */
  public static final Metric<MultilabelSettings, MultilabelView> MICRO_ROC_AUC_UPPER = scored("micro_roc_auc_upper",
      v -> RankingMetrics.rocAucUpper(v.everyPair()));
  /** scikit-learn's label ranking average precision, with scores. */
  public static final Metric<MultilabelSettings, MultilabelView> LABEL_RANKING_AVERAGE_PRECISION = scored(
      "label_ranking_average_precision", MultilabelView::labelRankingAveragePrecision);

  private static Metric<MultilabelSettings, MultilabelView> scored(String name,
      ToDoubleFunction<MultilabelView> formula) {
    return Metric.<MultilabelSettings, MultilabelView>larger(name, Family.RANKING, formula)
        .reportedWhen(MultilabelSettings::hasScores);
  }

  /** The multilabel metrics in report order. */
  public static final Catalogue<MultilabelSettings, MultilabelView> CATALOGUE = new Catalogue<>(Task.MULTILABEL,
      List.of(SUBSET_ACCURACY, ACCURACY, HAMMING_LOSS, PRECISION, RECALL, F1, MICRO_PRECISION, MICRO_RECALL, MICRO_F1,
          MACRO_PRECISION, MACRO_RECALL, MACRO_F1, MACRO_ROC_AUC, MACRO_ROC_AUC_LOWER, MACRO_ROC_AUC_UPPER,
          MICRO_ROC_AUC, MICRO_ROC_AUC_LOWER, MICRO_ROC_AUC_UPPER, LABEL_RANKING_AVERAGE_PRECISION),
      List.of(SUBSET_ACCURACY, MICRO_F1, HAMMING_LOSS));

  private MultilabelCatalogue() {}
}
