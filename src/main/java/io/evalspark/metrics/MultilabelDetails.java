package io.evalspark.metrics;

import java.util.List;

/**
 * What a multilabel evaluation reports beside its metrics.
 *
 * @param perLabel precision, recall, F1, support and (with scores) ROC AUC of each label
 */
public record MultilabelDetails(List<LabelMetrics> perLabel) implements Details {
  /**
   * One label's row of the per-label table: its name (the label's number in the array layout, its
   * name in the indicator layout), its precision, recall and F1 as a binary prediction, the weight of
   * the rows it is true of, and its ROC AUC against the rest (NaN without scores).
   */
  public record LabelMetrics(String label, double precision, double recall, double f1, double support,
      double rocAuc) {}
}
