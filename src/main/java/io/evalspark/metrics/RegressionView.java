package io.evalspark.metrics;

/**
 * A read-only view of a merged {@link RegressionState}, which the regression catalogue's formulas read.
 *
 * @param settings the evaluation's settings
 * @param weight the total weight of evaluated rows
 * @param rows the number of evaluated rows, of any weight
 * @param meanSquaredError the weighted mean of (y - p)^2
 * @param meanAbsoluteError the weighted mean of |y - p|
 * @param meanAbsolutePercentageError the weighted mean of |y - p| / max(|y|, eps)
 * @param meanHuber the weighted mean Huber loss
 * @param meanLogCosh the weighted mean log-cosh loss
 * @param meanSquaredLogError the weighted mean of (log1p(p) - log1p(y))^2
 * @param meanPoisson the weighted mean of Keras's Poisson loss, p - y log(p + 1e-7)
 * @param meanPoissonDeviance the weighted mean unit Poisson deviance
 * @param meanGammaDeviance the weighted mean unit Gamma deviance
 * @param squaredErrors the weighted sum of (y - p)^2
 * @param labelDeviations the weighted sum of squared deviations of y from its mean
 * @param residualDeviations the weighted sum of squared deviations of y - p from its mean
 * @param maxError the largest |y - p|
 * @param medianAbsoluteError the median of |y - p|, from a sketch (see {@link AbsoluteErrorSketch})
 */
public record RegressionView(RegressionSettings settings, double weight, long rows, double meanSquaredError,
    double meanAbsoluteError, double meanAbsolutePercentageError, double meanHuber, double meanLogCosh,
    double meanSquaredLogError, double meanPoisson, double meanPoissonDeviance, double meanGammaDeviance,
    double squaredErrors, double labelDeviations, double residualDeviations, double maxError,
    double medianAbsoluteError) {}
