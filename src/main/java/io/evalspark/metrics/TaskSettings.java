package io.evalspark.metrics;

import io.evalspark.core.Task;
import java.io.Serializable;
import java.util.List;

/** The settings of one task's evaluation; each knows its task, its empty state and its metrics. */
public sealed interface TaskSettings extends Serializable permits BinarySettings, MulticlassSettings, RegressionSettings,
    MultilabelSettings, RankedListsSettings {
  /** The task. */
  Task task();

  /** An empty state of these settings. */
  EvaluationState<?> emptyState();

  /** The names of the metrics an evaluation with these settings reports, in report order. */
  List<String> metricNames();
}
