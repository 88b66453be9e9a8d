package io.evalspark.metrics;

/** Weighted true/false positive/negative counts at one threshold: a read-only view of {@link ConfusionCounts}. */
public record Confusion(double tp, double fp, double tn, double fn) {}
