package io.evalspark.metrics;

import io.evalspark.core.Task;
import java.util.List;

/** Settings of a regression evaluation: the delta of the Huber loss. */
public record RegressionSettings(double huberDelta) implements TaskSettings {
  /** The Huber delta when none is given, as Keras's {@code Huber}. */
  public static final double DEFAULT_HUBER_DELTA = 1.0;

  /** Checks the delta. */
  public RegressionSettings {
    if (!(huberDelta > 0 && !Double.isInfinite(huberDelta))) {
      throw new IllegalArgumentException("Huber delta must be a positive finite number, got " + huberDelta);
    }
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
    return RegressionCatalogue.CATALOGUE.names(this);
  }
}
