package io.evalspark.history;

import java.time.LocalDate;

/**
 * One run date's value of a metric, with its interval where the run recorded one (NaN otherwise):
 * a point of the report's chart of a gated metric over the last run dates.
 */
public record TrendPoint(LocalDate date, double value, double lower, double upper) {}
