package io.evalspark.metrics;

/** What a task's state reports beside its metrics: curves (binary) or per-class tables (multiclass, multilabel). */
public sealed interface Details permits BinaryDetails, MulticlassDetails, MultilabelDetails,
    Details.None {
  /** Nothing beside the metrics (regression). */
  record None() implements Details {}
}
