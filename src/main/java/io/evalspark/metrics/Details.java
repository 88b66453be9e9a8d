package io.evalspark.metrics;

/** What a task's state reports beside its metrics: curves (binary) or per-class tables (multiclass). */
public sealed interface Details permits BinaryDetails, MulticlassDetails, Details.None {
  /** Nothing beside the metrics (regression). */
  record None() implements Details {}
}
