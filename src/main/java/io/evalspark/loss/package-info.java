/**
 * Pointwise losses with their value and gradient with respect to the prediction. Metric states take
 * their per-row formulas from here, so each formula has one implementation.
 */
package io.evalspark.loss;
