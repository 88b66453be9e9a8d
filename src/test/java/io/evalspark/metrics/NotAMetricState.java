package io.evalspark.metrics;

/** A class that is no CustomMetricState, whose static code leaves a mark: --metric-class must not run it. */
public final class NotAMetricState {
  static {
    System.setProperty("evalspark.test.not-a-metric-state-initialised", "yes");
  }

  private NotAMetricState() {}
}
