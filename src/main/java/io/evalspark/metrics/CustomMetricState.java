package io.evalspark.metrics;

import java.util.List;

/**
 * A mergeable metric state of one's own, for metrics that no formula over one row gives (a cost
 * that depends on the whole slice, a largest error, a share of rows past a limit). Named by class:
 * {@code evaluate --metric-class com.acme.FraudCost} (job-file key {@code metric-classes}), its jar
 * passed with {@code submit.sh --jars}.
 *
 * <p>evalspark makes an instance, with the class's public no-argument constructor, for each task
 * state (overall, each slice, each interval group), feeds it every evaluated row, merges the
 * instances of one slice, and reports {@link #names()} after the task's metrics: in metrics.json,
 * the history, gates, intervals and the console, as it reports its own metrics. A state kept in the
 * history ({@code keep-states}) is stored as {@link #toByteArray()} and read back into a new
 * instance with {@link #restore(byte[])}: put a version in the bytes.
 */
public interface CustomMetricState {
  /** The names of its metrics, the same for every instance of the class. */
  List<String> names();

  /** Counts one evaluated row: its label {@code y}, prediction {@code p} (binary: the probability) and weight. */
  void update(double y, double p, double weight);

  /** Adds another instance of the same class; merging an empty one changes nothing. */
  void merge(CustomMetricState other);

  /** Each metric's value in the order of {@link #names()}, NaN where undefined. */
  double[] values();

  /** The state's bytes. */
  byte[] toByteArray();

  /** Takes the state whose bytes {@link #toByteArray()} wrote (called on a new instance). */
  void restore(byte[] bytes);
}
