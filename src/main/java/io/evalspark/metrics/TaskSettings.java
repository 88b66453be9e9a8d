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
   * Fails unless {@code a} and {@code b} are the same settings, naming each setting that differs
   * ("bins 1000 and 10000"): states made with different settings cannot be merged.
   */
  static void requireSame(TaskSettings a, TaskSettings b) {
    if (a.equals(b)) {
      return;
    }
    List<String> differ = new ArrayList<>();
    if (a.getClass() == b.getClass()) {
      for (RecordComponent c : a.getClass().getRecordComponents()) {
        try {
          Object x = c.getAccessor().invoke(a);
          Object y = c.getAccessor().invoke(b);
          if (!Objects.equals(x, y)) {
            differ.add(c.getName() + " " + x + " and " + y);
          }
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalArgumentException("cannot merge " + a.task().displayName() + " states made with different"
        + " settings: " + (differ.isEmpty() ? a + " and " + b : String.join(", ", differ)));
  }
}
