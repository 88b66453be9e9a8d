package io.evalspark.metrics;

/**
 * A read-only view of a merged {@link MulticlassState}, which the multiclass catalogue's formulas read.
 *
 * @param settings the evaluation's settings
 * @param matrix the confusion matrix with its margins, and the per-class formulas over it
 * @param logLoss the weighted mean categorical cross-entropy (NaN without probabilities)
 * @param topKAccuracy the weighted share of rows whose class is among the K most probable
 * @param oneVsRest each class's ROC AUC against the rest, and their averages (no classes without probabilities)
 */
public record MulticlassView(MulticlassSettings settings, MatrixMetrics matrix, double logLoss, double topKAccuracy,
    OneVsRest oneVsRest) {}
