package io.evalspark.metrics;

/**
 * What a binary evaluation reports beside its metrics.
 *
 * @param roc the ROC curve (threshold, fpr, tpr)
 * @param precisionRecall the precision-recall curve (threshold, recall, precision)
 * @param calibration the reliability curve of the ECE bins
 * @param scoreDistribution the weight of each class in equal-width score bins
 */
public record BinaryDetails(Curve roc, Curve precisionRecall, Curve calibration, Curve scoreDistribution)
    implements Details {}
