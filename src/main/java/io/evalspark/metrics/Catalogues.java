package io.evalspark.metrics;

import io.evalspark.core.Task;
import java.util.Optional;

/** The catalogue of each task, for callers that know a task and a metric name but no state. */
public final class Catalogues {
  private Catalogues() {}

  /** The task's catalogue. */
  public static Catalogue<?, ?> of(Task task) {
    switch (task) {
      case BINARY:
        return BinaryCatalogue.CATALOGUE;
      case MULTICLASS:
        return MulticlassCatalogue.CATALOGUE;
      case REGRESSION:
        return RegressionCatalogue.CATALOGUE;
      case MULTILABEL:
        return MultilabelCatalogue.CATALOGUE;
      case RANKING:
        return RankedListsCatalogue.CATALOGUE;
      default:
        throw new IllegalArgumentException("no catalogue of " + task);
    }
  }

  /**
   * Whether a metric comes from a sketch: approximate beyond the sketch's size, so that two runs
   * may differ within its stated error, and without a confidence interval, as the sketch's own
   * error would be most of the spread of its left-out values.
   */
  public static boolean fromSketch(String name) {
    return name.equals(RegressionCatalogue.MEDIAN_ABSOLUTE_ERROR.name());
  }

  /** The task's metric that {@code name} names, if any. */
  public static Optional<? extends Metric<?, ?>> find(Task task, String name) {
    return of(task).find(name);
  }
}
