package io.evalspark.metrics;

/**
 * A read-only view of a merged {@link BinaryState}, which the binary catalogue's formulas read.
 *
 * @param settings the evaluation's settings
 * @param counts the confusion counts at the threshold
 * @param histogram the score histogram per class
 * @param logLoss the weighted mean log loss (NaN without weight)
 * @param brier the weighted mean squared error of the probability (NaN without weight)
 * @param ece the expected calibration error (NaN without weight)
 * @param hinge the weighted mean hinge loss of the score as given
 * @param squaredHinge the weighted mean squared hinge loss of the score as given
 * @param focal the weighted mean focal loss
 */
public record BinaryView(BinarySettings settings, Confusion counts, HistogramView histogram, double logLoss,
    double brier, double ece, double hinge, double squaredHinge, double focal) {}
