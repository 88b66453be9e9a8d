package io.evalspark.metrics;

import java.util.Map;

/**
 * The state of one evaluation task over a set of rows: mergeable, serialisable, and the source of
 * every metric of that task.
 *
 * @param <S> the concrete state, so that {@code merge} takes its own kind
 */
public interface EvaluationState<S extends EvaluationState<S>> {
  /** Adds another state of the same settings; merging an empty state changes nothing. */
  void merge(S other);

  /** The settings of its task. */
  TaskSettings settings();

  /** Rows seen, evaluated and left out. */
  RowCounts rowCounts();

  /** The summed weight of the evaluated rows (their number where rows are unweighted). */
  double evaluatedWeight();

  /** Every reported metric by name, in its catalogue's order; NaN where a metric is undefined. */
  Map<String, Double> metrics();

  /** What the task reports beside its metrics (curves, per-class tables). */
  Details details();

  /** The versioned byte form; the static {@code fromByteArray} of each state reads it back. */
  byte[] toByteArray();
}
