package io.evalspark.metrics;

import io.evalspark.core.Task;
import io.evalspark.loss.HuberLoss;
import java.util.List;

/** Settings of a regression evaluation: the delta of the Huber loss, and the user's own metrics. */
public record RegressionSettings(double huberDelta, CustomMetrics custom) implements TaskSettings {
  /** The Huber delta when none is given, as Keras's {@code Huber}. */
  public static final double DEFAULT_HUBER_DELTA = 1.0;

  /** Settings without custom metrics. */
  public RegressionSettings(double huberDelta) {
    this(huberDelta, CustomMetrics.NONE);
  }

  /** Checks the delta and the custom metrics' names. */
  public RegressionSettings {
    custom = custom == null ? CustomMetrics.NONE : custom;
    if (!custom.isEmpty()) {
      custom.requireNoneOf(RegressionCatalogue.CATALOGUE);
    }
    HuberLoss.checkedDelta(huberDelta);
  }

  /** Delta 1. */
  public static RegressionSettings defaults() {
    return new RegressionSettings(DEFAULT_HUBER_DELTA);
  }

  @Override
  public Task task() {
    return Task.REGRESSION;
  }

  @Override
  public RegressionState emptyState() {
    return new RegressionState(this);
  }

  @Override
  public List<String> metricNames() {
    List<String> names = new java.util.ArrayList<>(RegressionCatalogue.CATALOGUE.names(this));
    names.addAll(custom.reported());
    return names;
  }
}
