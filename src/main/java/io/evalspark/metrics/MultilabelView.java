package io.evalspark.metrics;

import java.util.Map;

/**
 * A read-only view of a merged {@link MultilabelState}, which the multilabel catalogue's formulas read.
 *
 * @param settings the evaluation's settings
 * @param subsetAccuracy the weighted share of rows whose predicted set is their true set
 * @param accuracy the weighted mean Jaccard index of the rows' sets
 * @param precision the weighted mean of the rows' precisions
 * @param recall the weighted mean of the rows' recalls
 * @param f1 the weighted mean of the rows' F1 scores
 * @param hammingLoss the weighted mean number of wrong labels a row over the number of labels
 * @param labels each label's confusion counts, by its number
 * @param perLabel each label's ROC AUC against the rest (no labels without scores)
 * @param everyPair the histogram of every (row, label) score, its class whether the label is true (micro AUC)
 * @param labelRankingAveragePrecision the weighted mean of the rows' label ranking average precisions
 */
public record MultilabelView(MultilabelSettings settings, double subsetAccuracy, double accuracy, double precision,
    double recall, double f1, double hammingLoss, Map<Double, LabelCounts.Counts> labels, OneVsRest perLabel,
    HistogramView everyPair, double labelRankingAveragePrecision) {

  /** The micro-averaged precision: every label's true positives over every label's predictions. */
  public double microPrecision() {
    return ThresholdMetrics.ratio(sum(Sum.TP), sum(Sum.TP) + sum(Sum.FP));
  }

  /** The micro-averaged recall. */
  public double microRecall() {
    return ThresholdMetrics.ratio(sum(Sum.TP), sum(Sum.TP) + sum(Sum.FN));
  }

  /** The micro-averaged F1: 2 TP / (2 TP + FP + FN) over every label. */
  public double microF1() {
    return ThresholdMetrics.ratio(2 * sum(Sum.TP), 2 * sum(Sum.TP) + sum(Sum.FP) + sum(Sum.FN));
  }

  /** A per-label figure averaged over the labels seen, each counting once. */
  public double macro(java.util.function.ToDoubleFunction<LabelCounts.Counts> figure) {
    CompensatedSum s = new CompensatedSum();
    labels.values().forEach(c -> s.add(figure.applyAsDouble(c)));
    return labels.isEmpty() ? Double.NaN : s.value() / labels.size();
  }

  private enum Sum { TP, FP, FN }

  private double sum(Sum which) {
    CompensatedSum s = new CompensatedSum();
    for (LabelCounts.Counts c : labels.values()) {
      s.add((which == Sum.TP ? c.truePositives : which == Sum.FP ? c.falsePositives : c.falseNegatives).value());
    }
    return s.value();
  }
}
