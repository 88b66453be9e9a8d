package io.evalspark.metrics;

import io.evalspark.core.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every metric of one task, in report order: the one place that knows a metric's name, direction
 * and formula. States, training, the console, SQL, job files, gates and the MLlib evaluator all read
 * it. One rule holds for every task: a metric of a state without evaluated rows is undefined (NaN,
 * written null), except counts, which are 0; a ratio whose denominator is zero where there are rows
 * is 0, as scikit-learn's {@code zero_division=0}, and each formula says so where it applies.
 *
 * @param <S> the task's settings
 * @param <V> the view of the task's state that formulas read
 */
public final class Catalogue<S, V> {
  private final Task task;
  private final List<Metric<S, V>> metrics;
  private final List<Metric<S, V>> headline;

  /** A catalogue of {@code metrics}; {@code headline} are the few the console shows per slice. */
  Catalogue(Task task, List<Metric<S, V>> metrics, List<Metric<S, V>> headline) {
    this.task = task;
    this.metrics = List.copyOf(metrics);
    this.headline = List.copyOf(headline);
  }

  /** The task these metrics are of. */
  public Task task() {
    return task;
  }

  /** Every metric, in report order. */
  public List<Metric<S, V>> all() {
    return metrics;
  }

  /** The names of the few metrics shown per slice on the console. */
  public List<String> headline() {
    return headline.stream().map(Metric::name).toList();
  }

  /** The metric that {@code name} names (its name, a K-name or an alias), if any. */
  public Optional<Metric<S, V>> find(String name) {
    return metrics.stream().filter(m -> m.isNamed(name)).findFirst();
  }

  /** The reported names of an evaluation with these settings, in report order. */
  public List<String> names(S settings) {
    List<String> names = new ArrayList<>();
    for (Metric<S, V> m : metrics) {
      if (m.reportedWith(settings)) {
        names.addAll(m.namesWith(settings));
      }
    }
    return names;
  }

  /** Every name, with K parts, for messages: "accuracy, ..., top_K_accuracy". */
  public String described() {
    return String.join(", ", metrics.stream().map(Metric::name).toList());
  }

  /**
   * Whether a state of {@code evaluatedRows} rows whose weights add up to {@code weight} leaves every
   * metric but the counts undefined: no rows, weights that add up to 0, or to more than a double
   * holds (about 1.8e308), over which every weighted mean would come out as 0.
   */
  public static boolean undefined(long evaluatedRows, double weight) {
    return evaluatedRows == 0 || weight == 0.0 || Double.isInfinite(weight);
  }

  /**
   * Every reported metric's value over {@code view}, by name in report order; {@code empty} says
   * the state's metrics are {@link #undefined}, which leaves every metric but the counts undefined.
   */
  public Map<String, Double> values(S settings, V view, boolean empty) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (Metric<S, V> m : metrics) {
      if (m.reportedWith(settings)) {
        boolean undefined = empty && m.family() != Metric.Family.COUNT;
        if (undefined) {
          m.namesWith(settings).forEach(name -> values.put(name, Double.NaN));
        } else {
          values.putAll(m.valuesWith(settings, view));
        }
      }
    }
    return values;
  }
}
