package io.evalspark.metrics;

import io.evalspark.core.Task;
import java.io.Serializable;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The settings of one task's evaluation; each knows its task, its empty state and its metrics. */
public sealed interface TaskSettings extends Serializable permits BinarySettings, MulticlassSettings, RegressionSettings,
    MultilabelSettings, RankedListsSettings {
  /** The task. */
  Task task();

  /** An empty state of these settings. */
  EvaluationState<?> emptyState();

  /** The names of the metrics an evaluation with these settings reports, in report order. */
  List<String> metricNames();

  /**
   * Fails unless {@code other} is the same settings as these, naming each setting that differs
   * ("bins 1000 and 10000"): states made with different settings cannot be merged.
   */
  default void requireSame(TaskSettings other) {
    if (equals(other)) {
      return;
    }
    List<String> differ = new ArrayList<>();
    if (getClass() == other.getClass()) {
      for (RecordComponent c : getClass().getRecordComponents()) {
        try {
          Object x = c.getAccessor().invoke(this);
          Object y = c.getAccessor().invoke(other);
          if (!Objects.equals(x, y)) {
            differ.add(c.getName() + " " + x + " and " + y);
          }
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalArgumentException("cannot merge " + task().displayName() + " states made with different"
        + " settings: " + (differ.isEmpty() ? this + " and " + other : String.join(", ", differ)));
  }
}
